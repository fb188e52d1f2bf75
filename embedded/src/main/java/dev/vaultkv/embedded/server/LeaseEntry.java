package dev.vaultkv.embedded.server;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.LeaseRequest;

/**
 * The state of one leased secret, guarded by the {@link LeaseManager}'s lock.
 *
 * @author vaultkv
 */
final class LeaseEntry {

	/** How often revocation of an expired lease is tried before it is marked irrevocable, as in Vault. */
	static final int MAX_REVOKE_ATTEMPTS = 6;

	final String id;

	/** The namespace path ({@code ""} for root). */
	final String namespace;

	final MountEntry mount;

	/** The path the secret was read from, relative to the namespace. */
	final String path;

	/** The token whose revocation revokes this lease, or {@code null}. */
	final @Nullable String owner;

	final ObjectNode internalData;

	final Instant issueTime;

	boolean renewable;

	@Nullable Instant expireTime;

	@Nullable Instant lastRenewal;

	/** When a failed revocation of an expired lease is tried again. */
	@Nullable Instant retryAt;

	int revokeAttempts;

	/** Set once revocation failed {@link #MAX_REVOKE_ATTEMPTS} times: the lease is irrevocable. */
	@Nullable String revokeError;

	LeaseEntry(String id, String namespace, MountEntry mount, String path, @Nullable String owner,
			ObjectNode internalData, Instant issueTime, boolean renewable, Instant expireTime) {
		this.id = id;
		this.namespace = namespace;
		this.mount = mount;
		this.path = path;
		this.owner = owner;
		this.internalData = internalData.deepCopy();
		this.issueTime = issueTime;
		this.renewable = renewable;
		this.expireTime = expireTime;
	}

	boolean isExpired(Instant now) {
		return this.expireTime != null && !now.isBefore(this.expireTime);
	}

	/**
	 * Whether the expiry sweep should try to revoke it now.
	 */
	boolean isDue(Instant now) {
		return this.revokeError == null && isExpired(now) && (this.retryAt == null || !now.isBefore(this.retryAt));
	}

	/**
	 * Vault's {@code leaseEntry.renewable()} check.
	 * @return {@code null} if renewable, else Vault's error text
	 */
	@Nullable String notRenewableReason(Instant now) {
		if (this.revokeError != null) {
			return "lease is expired and has failed previous revocation attempts";
		}
		if (this.expireTime == null) {
			return "lease is not renewable";
		}
		if (this.expireTime.isBefore(now)) {
			return "lease expired";
		}
		return this.renewable ? null : "lease is not renewable";
	}

	LeaseRequest request(java.time.Duration increment, Instant now) {
		return new LeaseRequest(this.id, this.path, this.internalData.deepCopy(), this.issueTime, increment, now);
	}

	@Override
	public String toString() {
		return "LeaseEntry[id=" + this.id + ", expireTime=" + this.expireTime + "]";
	}

}
