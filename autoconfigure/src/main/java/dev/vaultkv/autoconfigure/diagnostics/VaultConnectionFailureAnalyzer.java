package dev.vaultkv.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.vaultkv.client.VaultConnectionException;

/**
 * Analyzes a {@link VaultConnectionException}: Vault could not be reached at the configured address.
 *
 * @since 0.1.0
 */
public class VaultConnectionFailureAnalyzer extends AbstractFailureAnalyzer<VaultConnectionException> {

	private final @Nullable Environment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment, to name the configured address; {@code null} when startup failed
	 * before the application context existed
	 */
	public VaultConnectionFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, VaultConnectionException cause) {
		String address = VaultSettings.address(this.environment);
		return new FailureAnalysis("Could not reach Vault at " + address + ": " + cause.getMessage(),
				"Check that Vault is running and reachable at that address, and that vault.uri (or the VAULT_ADDR "
						+ "environment variable) is correct, including the scheme (http or https) and port. For a "
						+ "TLS error, check vault.ssl.bundle.",
				cause);
	}

}
