package dev.vaultkv.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Vault answered 501: it is not initialized. Permanent: only an operator ({@code vault operator init},
 * then unseal) can make it answer, so retrying is pointless.
 *
 * @since 0.1.0
 */
public class VaultNotInitializedException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param status the HTTP status, or 0
	 * @param errors Vault's error strings
	 * @param cause the cause or {@code null}
	 */
	public VaultNotInitializedException(@Nullable String operation, @Nullable String path, int status,
			List<String> errors, @Nullable Throwable cause) {
		super(message("Vault is not initialized: run vault operator init", operation, path, status, errors),
				operation, path, status, errors, cause);
	}

}
