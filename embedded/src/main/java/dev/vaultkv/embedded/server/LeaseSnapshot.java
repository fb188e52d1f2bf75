package dev.vaultkv.embedded.server;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A copy of a live lease's state, for the server's Java API.
 *
 * @param id the lease ID
 * @param namespace the namespace path ({@code ""} for root)
 * @param path the path the secret was read from
 * @param issueTime when it was issued
 * @param expireTime when it expires, or {@code null} if never
 * @param lastRenewal when it was last renewed, or {@code null}
 * @param renewable whether it may be renewed
 * @param irrevocable whether revocation failed too often and was given up
 * @author vaultkv
 * @since 0.1.0
 */
public record LeaseSnapshot(String id, String namespace, String path, Instant issueTime, @Nullable Instant expireTime,
		@Nullable Instant lastRenewal, boolean renewable, boolean irrevocable) {

}
