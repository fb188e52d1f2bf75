package dev.vaultkv.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.vaultkv.client.AuthenticationException;

/**
 * Analyzes an {@link AuthenticationException}: Vault refused the configured credentials.
 *
 * @since 0.1.0
 */
public class VaultAuthenticationFailureAnalyzer extends AbstractFailureAnalyzer<AuthenticationException> {

	private final Environment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment, to name the configured login method
	 */
	public VaultAuthenticationFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AuthenticationException cause) {
		String method = VaultSettings.authentication(this.environment);
		return new FailureAnalysis("Vault refused the " + method + " login (vault.authentication=" + method + "): "
				+ cause.getMessage(),
				"Check " + VaultSettings.credentialProperties(method) + ", that the auth method is enabled at that "
						+ "path, and, with namespaces, vault.authentication-namespace.",
				cause);
	}

}
