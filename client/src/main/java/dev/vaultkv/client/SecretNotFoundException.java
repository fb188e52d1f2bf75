package dev.vaultkv.client;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Vault answered 404 for a path inside an existing mount: the secret, version, role or policy does not exist (see {@link MountNotFoundException} for a path outside every mount).
 *
 * @since 0.1.0
 */
public class SecretNotFoundException extends VaultException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable JsonNode data;

	private final List<String> warnings;

	/**
	 * Create a new instance.
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param status the HTTP status, or 0
	 * @param errors Vault's error strings
	 * @param cause the cause or {@code null}
	 */
	public SecretNotFoundException(@Nullable String operation, @Nullable String path, int status, List<String> errors,
			@Nullable Throwable cause) {
		this("Nothing found at this path", operation, path, status, errors, cause);
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
	public SecretNotFoundException(String summary, @Nullable String operation, @Nullable String path, int status,
			List<String> errors, @Nullable Throwable cause) {
		this(summary, operation, path, status, errors, null, List.of(), cause);
	}

	/**
	 * Create a new instance that keeps the {@code data} of Vault's 404 envelope, as sent for a KV v2
	 * version that was deleted or destroyed (its metadata, never a value).
	 * @param summary what happened
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param status the HTTP status
	 * @param errors Vault's error strings
	 * @param data the {@code data} of the 404 envelope, or {@code null}
	 * @param warnings the warnings of the 404 envelope
	 * @param cause the cause or {@code null}
	 */
	public SecretNotFoundException(String summary, @Nullable String operation, @Nullable String path, int status,
			List<String> errors, @Nullable JsonNode data, List<String> warnings, @Nullable Throwable cause) {
		super(message(summary, operation, path, status, errors), operation, path, status, errors, cause);
		this.data = data;
		this.warnings = List.copyOf(warnings);
	}

	/**
	 * Return the {@code data} of the 404 envelope, if Vault sent one (KV v2: the metadata of a deleted or
	 * destroyed version).
	 * @return the data or {@code null}
	 */
	public @Nullable JsonNode getData() {
		return this.data;
	}

	/**
	 * Return the warnings of the 404 envelope (KV v2: a v1-style path used on a v2 mount).
	 * @return the warnings, possibly empty
	 */
	public List<String> getWarnings() {
		return this.warnings;
	}

}
