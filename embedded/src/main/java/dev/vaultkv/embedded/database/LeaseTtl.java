package dev.vaultkv.embedded.database;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.vaultkv.embedded.spi.MountContext;

/**
 * The TTL Vault's database backend computes for a user's expiration ({@code framework.CalculateTTL}): the
 * increment, else the role's TTL, else the mount default, never past the role's (or mount's) maximum from
 * the issue time.
 *
 * @author vaultkv
 */
final class LeaseTtl {

	private LeaseTtl() {
	}

	static long calculate(MountContext mount, long increment, long roleTtl, long roleMax, Instant start, Instant now) {
		long maxTtl = mount.maxLeaseTtlSeconds();
		if (roleMax > 0 && roleMax < maxTtl) {
			maxTtl = roleMax;
		}
		long ttl = (increment > 0) ? increment : (roleTtl > 0) ? roleTtl : mount.defaultLeaseTtlSeconds();
		Instant maxValid = start.truncatedTo(ChronoUnit.SECONDS).plusSeconds(maxTtl);
		long left = Duration.between(now.truncatedTo(ChronoUnit.SECONDS), maxValid).getSeconds();
		if (left <= 0) {
			throw new DatabaseException("past the max TTL, cannot renew");
		}
		return Math.min(ttl, left);
	}

}
