package dev.vaultkv.embedded;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A live lease of an {@link EmbeddedVaultServer}, as returned by {@link EmbeddedVaultServer#leases()}.
 *
 * @param id the lease ID, e.g. {@code database/creds/readonly/Jx2...}
 * @param namespace the namespace path ({@code ""} for root)
 * @param path the path the secret was read from, e.g. {@code database/creds/readonly}
 * @param issueTime when it was issued (server clock)
 * @param expireTime when it expires, or {@code null} if never
 * @param lastRenewal when it was last renewed, or {@code null}
 * @param renewable whether it may be renewed
 * @param irrevocable whether revoking it failed too often and the server gave up, as Vault does
 * @author vaultkv
 * @since 0.1.0
 */
public record Lease(String id, String namespace, String path, Instant issueTime, @Nullable Instant expireTime,
		@Nullable Instant lastRenewal, boolean renewable, boolean irrevocable) {

}
