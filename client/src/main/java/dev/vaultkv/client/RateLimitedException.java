package dev.vaultkv.client;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Vault answered 429: a rate-limit quota was exceeded; transient. Carries the {@code Retry-After} delay
 * when Vault sent one.
 *
 * @since 0.1.0
 */
public class RateLimitedException extends VaultException {

	private static final long serialVersionUID = 1L;

	private final @Nullable Duration retryAfter;

	/**
	 * Create a new instance.
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param errors Vault's error strings
	 * @param retryAfter the delay Vault asked for, or {@code null}
	 */
	public RateLimitedException(@Nullable String operation, @Nullable String path, List<String> errors,
			@Nullable Duration retryAfter) {
		super(message("Vault rate limit exceeded" + ((retryAfter != null) ? ", retry after " + retryAfter.toSeconds() + "s" : ""),
				operation, path, 429, errors), operation, path, 429, errors, null);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how long Vault asked the client to wait, from its {@code Retry-After} header.
	 * @return the delay or {@code null} when none was sent
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	@Override
	public boolean isTransient() {
		return true;
	}

}
