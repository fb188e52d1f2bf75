package dev.vaultkv.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.vaultkv.client.PermissionDeniedException;

/**
 * Analyzes a {@link PermissionDeniedException}: the token's policies do not allow a request, or the token
 * is invalid. The action gives the policy stanza to grant.
 *
 * @since 0.1.0
 */
public class VaultPermissionDeniedFailureAnalyzer extends AbstractFailureAnalyzer<PermissionDeniedException> {

	private final @Nullable Environment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment, to name the configured login method; {@code null} when startup
	 * failed before the application context existed
	 */
	public VaultPermissionDeniedFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	private static String capability(@Nullable String operation) {
		if (operation == null) {
			return "\"read\"";
		}
		return switch (operation) {
			case "LIST" -> "\"list\"";
			case "POST", "PUT" -> "\"create\", \"update\"";
			case "PATCH" -> "\"patch\"";
			case "DELETE" -> "\"delete\"";
			default -> "\"read\"";
		};
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PermissionDeniedException cause) {
		if (cause.isInvalidToken()) {
			String method = VaultSettings.authentication(this.environment, cause.getPath());
			return new FailureAnalysis("Vault rejected the token as invalid or expired: " + cause.getMessage(),
					"Check " + VaultSettings.credentialProperties(method) + "; a configured token must be valid in "
							+ "the namespace it is used in.",
					cause);
		}
		String path = cause.getPath();
		if (path == null) {
			return new FailureAnalysis("Vault denied a request: " + cause.getMessage(),
					"Grant the application's Vault policy the capability the request needs.", cause);
		}
		String capability = capability(cause.getOperation());
		return new FailureAnalysis("Vault denied access to '" + path + "': " + cause.getMessage(),
				"Grant the application's Vault policy access to that path, for example:\n\n    path \"" + path
						+ "\" {\n      capabilities = [" + capability + "]\n    }\n\n"
						+ "or fix the referenced path (and vault.kv.mount).",
				cause);
	}

}
