package dev.vaultkv.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.vaultkv.client.VaultNotInitializedException;

/**
 * Analyzes a {@link VaultNotInitializedException}: Vault answers, but has never been initialized.
 *
 * @since 0.1.0
 */
public class VaultNotInitializedFailureAnalyzer extends AbstractFailureAnalyzer<VaultNotInitializedException> {

	private final Environment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment, to name the configured address
	 */
	public VaultNotInitializedFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, VaultNotInitializedException cause) {
		return new FailureAnalysis("Vault at " + VaultSettings.address(this.environment) + " is not initialized: "
				+ cause.getMessage(),
				"Initialize Vault ('vault operator init') and unseal it ('vault operator unseal'), or fix vault.uri "
						+ "if it points at the wrong server.",
				cause);
	}

}
