package dev.vaultkv.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Vault answered 404 {@code no handler for route}: no mount serves the path, usually a wrong mount name or a missing namespace.
 *
 * @since 0.1.0
 */
public class MountNotFoundException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param status the HTTP status, or 0
	 * @param errors Vault's error strings
	 * @param cause the cause or {@code null}
	 */
	public MountNotFoundException(@Nullable String operation, @Nullable String path, int status, List<String> errors,
			@Nullable Throwable cause) {
		this("No secrets engine is mounted at this path", operation, path, status, errors, cause);
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
	public MountNotFoundException(String summary, @Nullable String operation, @Nullable String path, int status,
			List<String> errors, @Nullable Throwable cause) {
		super(message(summary, operation, path, status, errors), operation, path, status, errors, cause);
	}

}
