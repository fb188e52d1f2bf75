package dev.vaultkv.resilience;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Bounds of the retry of transient Vault failures.
 *
 * @param maxAttempts the maximum number of attempts per request, the first included
 * @param totalTimeout the maximum time spent retrying one request
 * @param initialInterval the delay before the first retry
 * @param multiplier the multiplier applied to the delay after each retry
 * @param maxInterval the maximum delay between two attempts
 * @param jitter the random jitter added to or removed from each delay
 * @since 0.1.0
 */
public record VaultRetrySettings(int maxAttempts, Duration totalTimeout, Duration initialInterval, double multiplier,
		Duration maxInterval, Duration jitter) {

	/**
	 * Create a new instance.
	 */
	public VaultRetrySettings {
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		Assert.isTrue(totalTimeout != null && !totalTimeout.isNegative() && !totalTimeout.isZero(),
				"'totalTimeout' must be positive");
		Assert.isTrue(initialInterval != null && !initialInterval.isNegative(),
				"'initialInterval' must not be negative");
		Assert.isTrue(multiplier >= 1, "'multiplier' must be at least 1");
		Assert.isTrue(maxInterval != null && maxInterval.compareTo(initialInterval) >= 0,
				"'maxInterval' must not be less than 'initialInterval'");
		Assert.isTrue(jitter != null && !jitter.isNegative(), "'jitter' must not be negative");
	}

}
