package dev.vaultkv.embedded.server;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Vault's TTL rule for leased secrets ({@code framework.CalculateTTL} without periods): the increment asked
 * for, else the engine's TTL, else the mount default; never past the maximum (the engine's, capped by the
 * mount's) counted from the issue time, with Vault's capping warning. Times are truncated to the second.
 *
 * @author vaultkv
 */
final class LeaseTtls {

	private LeaseTtls() {
	}

	/**
	 * The TTL and the warnings of capping it.
	 */
	record Result(long ttl, List<String> warnings) {
	}

	/**
	 * Calculate a lease TTL.
	 * @param mountDefault the mount's effective default TTL in seconds
	 * @param mountMax the mount's effective maximum TTL in seconds
	 * @param increment the increment asked for in seconds (0 = none)
	 * @param backendTtl the engine's TTL in seconds (0 = mount default)
	 * @param backendMax the engine's maximum TTL in seconds (0 = mount maximum)
	 * @param start the issue time
	 * @param now the current instant
	 * @return the TTL and warnings
	 * @throws TtlException {@code past the max TTL, cannot renew} when no time is left
	 */
	static Result calculate(long mountDefault, long mountMax, long increment, long backendTtl, long backendMax,
			Instant start, Instant now) {
		Instant truncatedNow = now.truncatedTo(ChronoUnit.SECONDS);
		long maxTtl = mountMax;
		if (backendMax > 0 && backendMax < maxTtl) {
			maxTtl = backendMax;
		}
		if (maxTtl <= 0) {
			throw new TtlException("max TTL must be greater than zero");
		}
		long ttl = (increment > 0) ? increment : (backendTtl > 0) ? backendTtl : mountDefault;
		Instant maxValid = start.truncatedTo(ChronoUnit.SECONDS).plusSeconds(maxTtl);
		long maxValidTtl = Duration.between(truncatedNow, maxValid).getSeconds();
		if (maxValidTtl <= 0) {
			throw new TtlException("past the max TTL, cannot renew");
		}
		List<String> warnings = new ArrayList<>();
		if (maxValidTtl < ttl) {
			warnings.add(TokenFactory.capWarning(ttl, maxValidTtl));
			ttl = maxValidTtl;
		}
		return new Result(ttl, List.copyOf(warnings));
	}

}
