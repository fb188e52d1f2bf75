package dev.vaultkv.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Vault answered 403: the token is invalid or its policies do not allow the operation.
 *
 * @since 0.1.0
 */
public class PermissionDeniedException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param status the HTTP status, or 0
	 * @param errors Vault's error strings
	 * @param cause the cause or {@code null}
	 */
	public PermissionDeniedException(@Nullable String operation, @Nullable String path, int status, List<String> errors,
			@Nullable Throwable cause) {
		this("Permission denied", operation, path, status, errors, cause);
	}

	/**
	 * Create a new instance with a specific summary.
	 * @param summary what happened, without secret data
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param status the HTTP status, or 0
	 * @param errors Vault's error strings
	 * @param cause the cause or {@code null}
	 */
	public PermissionDeniedException(String summary, @Nullable String operation, @Nullable String path, int status,
			List<String> errors, @Nullable Throwable cause) {
		super(message(summary, operation, path, status, errors), operation, path, status, errors, cause);
	}

	/**
	 * Return whether Vault said the token itself is invalid (Vault 1.17 and later add {@code invalid token}
	 * to the errors of a 403 for an unknown, expired or revoked token).
	 * @return whether the token is known to be invalid
	 */
	public boolean isInvalidToken() {
		return getErrors().stream().anyMatch((error) -> error.contains("invalid token"));
	}

}
