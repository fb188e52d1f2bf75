package dev.vaultkv.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.vaultkv.client.VaultSealedException;

/**
 * Analyzes a {@link VaultSealedException}: Vault is sealed and answers nothing until it is unsealed.
 *
 * @since 0.1.0
 */
public class VaultSealedFailureAnalyzer extends AbstractFailureAnalyzer<VaultSealedException> {

	private final @Nullable Environment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment, to name the configured address; {@code null} when startup failed
	 * before the application context existed
	 */
	public VaultSealedFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, VaultSealedException cause) {
		return new FailureAnalysis("Vault at " + VaultSettings.address(this.environment) + " is sealed: "
				+ cause.getMessage(),
				"Unseal Vault ('vault operator unseal', or check auto-unseal), or point vault.uri at an unsealed "
						+ "node.",
				cause);
	}

}
