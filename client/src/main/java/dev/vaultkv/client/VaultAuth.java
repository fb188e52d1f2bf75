package dev.vaultkv.client;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@code auth} block of a login or token response. {@link #toString()} masks the token.
 *
 * @param clientToken the token issued
 * @param accessor the token's accessor (empty for batch tokens)
 * @param policies the token's policies
 * @param metadata the token's metadata
 * @param leaseDuration the token's TTL in seconds (0 for tokens that never expire)
 * @param renewable whether the token can be renewed
 * @param tokenType {@code service} or {@code batch}
 * @param orphan whether the token has no parent
 * @param entityId the identity entity, or empty
 * @since 0.1.0
 */
public record VaultAuth(VaultToken clientToken, String accessor, List<String> policies, Map<String, String> metadata,
		long leaseDuration, boolean renewable, String tokenType, boolean orphan, @Nullable String entityId) {

	/**
	 * Create a new instance.
	 */
	public VaultAuth {
		policies = List.copyOf(policies);
		metadata = Map.copyOf(metadata);
	}

	@Override
	public String toString() {
		return "VaultAuth[clientToken=****, policies=" + this.policies + ", leaseDuration=" + this.leaseDuration
				+ ", renewable=" + this.renewable + ", tokenType=" + this.tokenType + "]";
	}

}
