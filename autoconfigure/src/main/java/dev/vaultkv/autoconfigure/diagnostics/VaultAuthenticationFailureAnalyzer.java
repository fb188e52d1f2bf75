package dev.vaultkv.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultNotInitializedException;

/**
 * Analyzes a refused login: an {@link AuthenticationException}, or any other {@link VaultException} from
 * a login request ({@code auth/<mount>/login...}, where Vault answers bad credentials with 400).
 *
 * @since 0.1.0
 */
public class VaultAuthenticationFailureAnalyzer extends AbstractFailureAnalyzer<VaultException> {

	private final @Nullable Environment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment, to name the configured login method; {@code null} when startup
	 * failed before the application context existed
	 */
	public VaultAuthenticationFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, VaultException cause) {
		if (cause instanceof VaultNotInitializedException
				|| (!(cause instanceof AuthenticationException) && !isLogin(cause.getPath()))) {
			return null;
		}
		String method = VaultSettings.authentication(this.environment, cause.getPath());
		return new FailureAnalysis("Vault refused the " + method + " login (vault.authentication=" + method + "): "
				+ cause.getMessage(),
				"Check " + VaultSettings.credentialProperties(method) + ", that the auth method is enabled at that "
						+ "path, and, with namespaces, vault.authentication-namespace.",
				cause);
	}

	private static boolean isLogin(@Nullable String path) {
		return path != null && path.startsWith("auth/") && path.contains("/login");
	}

}
