package dev.vaultkv.embedded.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Creates and renews tokens with Vault's TTL rules.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class TokenFactory {

	private final ServerState state;

	TokenFactory(ServerState state) {
		this.state = state;
	}

	/**
	 * What to create.
	 */
	record Request(Namespace namespace, List<String> policies, @Nullable Duration ttl, @Nullable Duration maxTtl,
			@Nullable Duration explicitMaxTtl, @Nullable Duration period, boolean renewable, boolean orphan,
			boolean noDefaultPolicy, Map<String, String> metadata, String path, String displayName, int numUses,
			String type, @Nullable String parentId, @Nullable String id, long mountDefaultTtl, long mountMaxTtl,
			String entityId, String role) {

		@Override
		public String toString() {
			return "Request[namespace=" + this.namespace.path() + ", policies=" + this.policies + ", path=" + this.path
					+ "]";
		}

	}

	/**
	 * The created token and its warnings.
	 */
	record Created(TokenRecord record, List<String> warnings) {
	}

	Created create(Request request) {
		Instant now = this.state.now();
		List<String> warnings = new ArrayList<>();
		TreeSet<String> policies = new TreeSet<>(request.policies());
		if (policies.contains("root")) {
			policies.clear();
			policies.add("root");
		}
		else if (!request.noDefaultPolicy()) {
			policies.add("default");
		}
		long period = seconds(request.period());
		long explicitMax = seconds(request.explicitMaxTtl());
		long ttl;
		long maxTtl = 0;
		if (period > 0) {
			ttl = period;
			if (explicitMax > 0 && ttl > explicitMax) {
				warnings.add(capWarning(ttl, explicitMax));
				ttl = explicitMax;
			}
		}
		else {
			ttl = seconds(request.ttl());
			maxTtl = request.mountMaxTtl();
			if (request.maxTtl() != null && seconds(request.maxTtl()) > 0 && seconds(request.maxTtl()) < maxTtl) {
				maxTtl = seconds(request.maxTtl());
			}
			if (explicitMax > 0 && explicitMax < maxTtl) {
				maxTtl = explicitMax;
			}
			boolean root = policies.contains("root");
			if (ttl == 0 && !(root && explicitMax == 0)) {
				ttl = Math.min(request.mountDefaultTtl(), maxTtl);
			}
			if (root && ttl == 0) {
				maxTtl = 0;
			}
			if (maxTtl > 0 && ttl > maxTtl) {
				warnings.add(capWarning(ttl, maxTtl));
				ttl = maxTtl;
			}
		}
		boolean batch = "batch".equals(request.type());
		String prefix = batch ? "hvb." : "hvs.";
		String id = (request.id() != null) ? request.id() : prefix + Ids.base62(batch ? 90 : 24)
				+ (request.namespace().path().isEmpty() ? "" : "." + request.namespace().id());
		String accessor = batch ? "" : Ids.base62(24);
		boolean renewable = request.renewable() && ttl > 0 && !batch;
		TokenRecord record = new TokenRecord(id, accessor, request.namespace().path(), List.copyOf(policies),
				request.path(), request.metadata(), request.displayName(), now, ttl, explicitMax, period, maxTtl,
				renewable, request.orphan() || request.parentId() == null, request.orphan() ? null : request.parentId(),
				batch ? "batch" : "service", request.entityId(), request.numUses(), request.role());
		this.state.tokens().add(record);
		return new Created(record, warnings);
	}

	/**
	 * Renew a token.
	 * @param increment the requested increment, or {@code null}
	 * @return the warnings
	 * @throws TtlException with Vault's message if the token cannot be renewed
	 */
	List<String> renew(TokenRecord record, @Nullable Duration increment) {
		if ("batch".equals(record.type)) {
			throw new TtlException("batch tokens cannot be renewed");
		}
		if (!record.renewable) {
			throw new TtlException("lease is not renewable");
		}
		Instant now = this.state.now();
		return this.state.tokens().update(record, (token) -> {
			if (token.isExpired(now)) {
				throw new TtlException("lease expired");
			}
			List<String> warnings = new ArrayList<>();
			long ttl;
			long limit;
			if (token.period > 0) {
				ttl = token.period;
				limit = token.explicitMaxTtl;
			}
			else {
				ttl = (increment != null && increment.getSeconds() > 0) ? increment.getSeconds() : token.ttl;
				limit = token.maxTtl;
			}
			if (limit > 0) {
				long remaining = Duration.between(now, token.creationTime.plusSeconds(limit)).getSeconds();
				if (remaining <= 0) {
					throw new TtlException("past the max TTL, cannot renew");
				}
				if (ttl > remaining) {
					warnings.add(capWarning(ttl, remaining));
					ttl = remaining;
				}
			}
			token.ttl = ttl;
			token.expireTime = now.plusSeconds(ttl);
			token.lastRenewal = now;
			return warnings;
		});
	}

	static String capWarning(long asked, long allowed) {
		return "TTL of \"" + GoDurations.format(Duration.ofSeconds(asked)) + "\" exceeded the effective max_ttl of \""
				+ GoDurations.format(Duration.ofSeconds(allowed)) + "\"; TTL value is capped accordingly";
	}

	private static long seconds(@Nullable Duration duration) {
		return (duration != null) ? Math.max(0, duration.getSeconds()) : 0;
	}

}
