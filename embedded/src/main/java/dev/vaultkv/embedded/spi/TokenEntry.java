package dev.vaultkv.embedded.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a live token as the core sees it.
 *
 * @param id the token value (secret)
 * @param accessor the accessor ({@code ""} for batch tokens)
 * @param namespace the namespace the token belongs to ({@code ""} for root)
 * @param policies the policies, sorted
 * @param path the creation path, e.g. {@code auth/token/create} or {@code auth/approle/login}
 * @param metadata the metadata
 * @param displayName the display name
 * @param creationTime when it was created
 * @param expireTime when it expires, or {@code null} if never
 * @param creationTtlSeconds the TTL at creation in seconds (0 = none)
 * @param explicitMaxTtlSeconds the explicit max TTL in seconds (0 = none)
 * @param periodSeconds the period in seconds (0 = not periodic)
 * @param renewable whether it may be renewed
 * @param numUses remaining uses, 0 for unlimited
 * @param orphan whether it has no parent
 * @param parentId the parent token value, or {@code null} for orphans
 * @param type {@code service} or {@code batch}
 * @param entityId the identity entity ID, possibly empty
 * @author vaultkv
 * @since 0.1.0
 */
public record TokenEntry(String id, String accessor, String namespace, List<String> policies, String path,
		Map<String, String> metadata, String displayName, Instant creationTime, @Nullable Instant expireTime,
		long creationTtlSeconds, long explicitMaxTtlSeconds, long periodSeconds, boolean renewable, int numUses,
		boolean orphan, @Nullable String parentId, String type, String entityId) {

	/**
	 * Return whether this is a root token (holds the {@code root} policy).
	 * @return whether this is a root token
	 * @since 0.1.0
	 */
	public boolean isRoot() {
		return this.policies.contains("root");
	}

	@Override
	public String toString() {
		return "TokenEntry[id=******, accessor=" + this.accessor + ", namespace=" + this.namespace + ", policies="
				+ this.policies + ", path=" + this.path + ", type=" + this.type + ", expireTime=" + this.expireTime
				+ "]";
	}

}
