package dev.vaultkv.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The {@code wrap_info} of a response-wrapped answer. {@link #toString()} masks the wrapping token.
 *
 * @param token the single-use wrapping token
 * @param accessor the wrapping token's accessor
 * @param ttl the wrapping token's TTL in seconds
 * @param creationTime when the wrapping token was created, or {@code null}
 * @param creationPath the path whose answer was wrapped
 * @param wrappedAccessor the accessor of a wrapped token or secret-id, or {@code null}
 * @since 0.1.0
 */
public record WrapInfo(VaultToken token, String accessor, long ttl, @Nullable Instant creationTime,
		String creationPath, @Nullable String wrappedAccessor) {

	@Override
	public String toString() {
		return "WrapInfo[token=****, ttl=" + this.ttl + ", creationPath=" + this.creationPath + "]";
	}

}
