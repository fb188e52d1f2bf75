package dev.vaultkv.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

import dev.vaultkv.auth.SessionListener;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.client.VaultException;

/**
 * Meters of the session manager, fed by its {@link SessionListener events}:
 * <ul>
 * <li>{@value #LOGINS} (counter): logins by {@code outcome} ({@code success}, {@code failure}) and
 * {@code method} (the auth method name, such as {@code approle});</li>
 * <li>{@value #RENEWALS} (counter): token renewals by {@code outcome};</li>
 * <li>{@value #EXPIRATIONS} (counter): tokens that could be used no longer (rejected, expired, or at
 * their maximum time to live).</li>
 * </ul>
 *
 * @since 0.1.0
 * @see VaultTokenMetrics
 */
public final class VaultSessionMetrics implements SessionListener {

	/**
	 * Name of the counter of logins.
	 */
	public static final String LOGINS = "vault.token.logins";

	/**
	 * Name of the counter of token renewals.
	 */
	public static final String RENEWALS = "vault.token.renewals";

	/**
	 * Name of the counter of tokens that ended.
	 */
	public static final String EXPIRATIONS = "vault.token.expirations";

	private final MeterRegistry registry;

	private final Counter renewalSuccesses;

	private final Counter renewalFailures;

	private final Counter expirations;

	/**
	 * Create a new instance and register the counters.
	 * @param registry the registry
	 */
	public VaultSessionMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.renewalSuccesses = renewals("success");
		this.renewalFailures = renewals("failure");
		this.expirations = Counter.builder(EXPIRATIONS)
			.description("Vault tokens that could be used no longer")
			.register(registry);
	}

	private Counter renewals(String outcome) {
		return Counter.builder(RENEWALS)
			.description("Vault token renewals")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Counter logins(String method, String outcome) {
		return Counter.builder(LOGINS)
			.description("Vault logins")
			.tag("method", method)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	@Override
	public void onLogin(String method, TokenState state) {
		logins(method, "success").increment();
	}

	@Override
	public void onLoginFailure(String method, VaultException failure) {
		logins(method, "failure").increment();
	}

	@Override
	public void onRenewal(TokenState state) {
		this.renewalSuccesses.increment();
	}

	@Override
	public void onRenewalFailure(TokenState state, VaultException failure) {
		this.renewalFailures.increment();
	}

	@Override
	public void onTokenExpired(TokenState state, String reason) {
		this.expirations.increment();
	}

}
