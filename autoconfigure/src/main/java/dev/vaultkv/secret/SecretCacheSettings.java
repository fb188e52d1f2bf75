package dev.vaultkv.secret;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of the secret cache.
 *
 * @param ttl how long a secret read from Vault is served before it is read again
 * @param refreshAhead how long before the end of its time to live a secret in use is refreshed in the
 * background
 * @param maxSize the maximum number of cached secret versions
 * @param maxStaleness how long past its time to live a secret is still served while Vault fails for a
 * transient reason
 * @since 0.1.0
 */
public record SecretCacheSettings(Duration ttl, Duration refreshAhead, long maxSize, Duration maxStaleness) {

	/**
	 * Create a new instance.
	 */
	public SecretCacheSettings {
		Assert.isTrue(ttl != null && !ttl.isNegative() && !ttl.isZero(), "'ttl' must be positive");
		Assert.isTrue(refreshAhead != null && !refreshAhead.isNegative() && refreshAhead.compareTo(ttl) < 0,
				"'refreshAhead' must be zero or more and less than 'ttl'");
		Assert.isTrue(maxSize > 0, "'maxSize' must be positive");
		Assert.isTrue(maxStaleness != null && !maxStaleness.isNegative(), "'maxStaleness' must not be negative");
	}

	/**
	 * Return the defaults: five minutes, refreshed one minute ahead, 10,000 entries, one hour of staleness.
	 * @return the default settings
	 */
	public static SecretCacheSettings defaults() {
		return new SecretCacheSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), 10_000, Duration.ofHours(1));
	}

}
