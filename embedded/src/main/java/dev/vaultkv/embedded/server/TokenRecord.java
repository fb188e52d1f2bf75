package dev.vaultkv.embedded.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * The mutable state of a live token, guarded by the {@link TokenStore}'s lock.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class TokenRecord {

	final String id;

	final String accessor;

	final String namespace;

	final List<String> policies;

	final String path;

	final Map<String, String> metadata;

	final String displayName;

	final Instant creationTime;

	final long creationTtl;

	final long explicitMaxTtl;

	final long period;

	/** Effective max TTL from creation (0 = none) for non-periodic tokens. */
	final long maxTtl;

	final boolean renewable;

	final boolean orphan;

	final @Nullable String parentId;

	final String type;

	final String entityId;

	final boolean limitedUse;

	final String role;

	@Nullable Instant expireTime;

	/** The TTL granted last, the default increment of a renewal. */
	long ttl;

	int numUses;

	@Nullable Instant lastRenewal;

	TokenRecord(String id, String accessor, String namespace, List<String> policies, String path,
			Map<String, String> metadata, String displayName, Instant creationTime, long ttl, long explicitMaxTtl,
			long period, long maxTtl, boolean renewable, boolean orphan, @Nullable String parentId, String type,
			String entityId, int numUses, String role) {
		this.id = id;
		this.accessor = accessor;
		this.namespace = namespace;
		this.policies = List.copyOf(policies);
		this.path = path;
		this.metadata = Map.copyOf(metadata);
		this.displayName = displayName;
		this.creationTime = creationTime;
		this.creationTtl = ttl;
		this.ttl = ttl;
		this.explicitMaxTtl = explicitMaxTtl;
		this.period = period;
		this.maxTtl = maxTtl;
		this.renewable = renewable;
		this.orphan = orphan;
		this.parentId = parentId;
		this.type = type;
		this.entityId = entityId;
		this.numUses = numUses;
		this.limitedUse = numUses > 0;
		this.role = role;
		this.expireTime = (ttl > 0) ? creationTime.plusSeconds(ttl) : null;
	}

	boolean isExpired(Instant now) {
		return this.expireTime != null && !now.isBefore(this.expireTime);
	}

	TokenEntry snapshot() {
		return new TokenEntry(this.id, this.accessor, this.namespace, this.policies, this.path, this.metadata,
				this.displayName, this.creationTime, this.expireTime, this.creationTtl, this.explicitMaxTtl,
				this.period, this.renewable, this.numUses, this.orphan, this.parentId, this.type, this.entityId);
	}

	@Override
	public String toString() {
		return "TokenRecord[accessor=" + this.accessor + ", namespace=" + this.namespace + ", path=" + this.path + "]";
	}

}
