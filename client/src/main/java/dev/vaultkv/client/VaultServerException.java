package dev.vaultkv.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Vault answered with a 5xx status other than 501 ({@link VaultNotInitializedException}); transient.
 *
 * @since 0.1.0
 */
public class VaultServerException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param status the HTTP status, or 0
	 * @param errors Vault's error strings
	 * @param cause the cause or {@code null}
	 */
	public VaultServerException(@Nullable String operation, @Nullable String path, int status, List<String> errors,
			@Nullable Throwable cause) {
		this("Vault failed to answer the request", operation, path, status, errors, cause);
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
	public VaultServerException(String summary, @Nullable String operation, @Nullable String path, int status,
			List<String> errors, @Nullable Throwable cause) {
		super(message(summary, operation, path, status, errors), operation, path, status, errors, cause);
	}

	@Override
	public boolean isTransient() {
		return true;
	}

}
