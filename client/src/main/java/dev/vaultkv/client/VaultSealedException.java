package dev.vaultkv.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Vault answered 503 {@code Vault is sealed}; transient: retry with backoff, never log in again.
 *
 * @since 0.1.0
 */
public class VaultSealedException extends VaultServerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param status the HTTP status, or 0
	 * @param errors Vault's error strings
	 * @param cause the cause or {@code null}
	 */
	public VaultSealedException(@Nullable String operation, @Nullable String path, int status, List<String> errors,
			@Nullable Throwable cause) {
		this("Vault is sealed", operation, path, status, errors, cause);
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
	public VaultSealedException(String summary, @Nullable String operation, @Nullable String path, int status,
			List<String> errors, @Nullable Throwable cause) {
		super(summary, operation, path, status, errors, cause);
	}

}
