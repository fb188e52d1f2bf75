package dev.vaultkv.embedded.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an auth method asks the core to issue.
 *
 * @param namespace the namespace of the token ({@code ""} for root)
 * @param policies the token policies ({@code default} is added unless {@code noDefaultPolicy})
 * @param ttl the requested TTL, or {@code null} for the mount default
 * @param maxTtl the maximum TTL, or {@code null} for the mount maximum
 * @param explicitMaxTtl a hard maximum TTL, or {@code null}
 * @param period a renewal period for periodic tokens, or {@code null}
 * @param renewable whether the token may be renewed
 * @param orphan whether the token has no parent (login tokens are orphans)
 * @param noDefaultPolicy whether to leave out the {@code default} policy
 * @param metadata token metadata
 * @param path the login path, e.g. {@code auth/approle/login}
 * @param displayName the display name, e.g. {@code approle}
 * @param numUses the number of uses, 0 for unlimited
 * @param tokenType {@code service} or {@code batch}
 * @author vaultkv
 * @since 0.1.0
 */
public record TokenSpec(String namespace, List<String> policies, @Nullable Duration ttl, @Nullable Duration maxTtl,
		@Nullable Duration explicitMaxTtl, @Nullable Duration period, boolean renewable, boolean orphan,
		boolean noDefaultPolicy, Map<String, String> metadata, String path, String displayName, int numUses,
		String tokenType) {

	/**
	 * Create a spec with the usual login defaults: renewable, orphan, service, unlimited uses, mount TTLs.
	 * @param namespace the namespace
	 * @param policies the policies
	 * @param metadata the metadata
	 * @param path the login path
	 * @param displayName the display name
	 * @return the spec
	 * @since 0.1.0
	 */
	public static TokenSpec login(String namespace, List<String> policies, Map<String, String> metadata, String path,
			String displayName) {
		return new TokenSpec(namespace, policies, null, null, null, null, true, true, false, metadata, path,
				displayName, 0, "service");
	}

}
