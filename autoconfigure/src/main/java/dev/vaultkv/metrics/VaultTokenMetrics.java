package dev.vaultkv.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenState;

/**
 * {@link MeterBinder} of {@value #TTL} (gauge, seconds): the time the current Vault token has left;
 * {@code NaN} before the first login and for a token that never expires.
 *
 * @since 0.1.0
 */
public final class VaultTokenMetrics implements MeterBinder {

	/**
	 * Name of the gauge of the token's remaining time to live.
	 */
	public static final String TTL = "vault.token.ttl";

	private final SessionManager sessionManager;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param sessionManager the session manager
	 * @param clock the clock
	 */
	public VaultTokenMetrics(SessionManager sessionManager, Clock clock) {
		Assert.notNull(sessionManager, "'sessionManager' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.sessionManager = sessionManager;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(TTL, this, VaultTokenMetrics::remainingSeconds)
			.description("Time the current Vault token has left")
			.baseUnit("seconds")
			.register(registry);
	}

	private double remainingSeconds() {
		TokenState state = this.sessionManager.getTokenState();
		Instant expiresAt = (state != null) ? state.expiresAt() : null;
		if (expiresAt == null) {
			return Double.NaN;
		}
		return Math.max(0, Duration.between(this.clock.instant(), expiresAt).toMillis() / 1000.0);
	}

}
