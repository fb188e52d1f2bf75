package dev.vaultkv.lease;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What {@code sys/leases/lookup} says of a lease.
 *
 * @param id the lease id
 * @param issueTime when it was given
 * @param expireTime when it expires, or {@code null} when it does not
 * @param lastRenewal when it was last renewed, or {@code null}
 * @param renewable whether it can be renewed
 * @param ttl how long it has left
 * @since 0.1.0
 */
public record LeaseInfo(String id, @Nullable Instant issueTime, @Nullable Instant expireTime,
		@Nullable Instant lastRenewal, boolean renewable, Duration ttl) {

	@Override
	public String toString() {
		return "LeaseInfo[id=" + Lease.mask(this.id) + ", issueTime=" + this.issueTime + ", expireTime="
				+ this.expireTime + ", renewable=" + this.renewable + ", ttl=" + this.ttl + "]";
	}

}
