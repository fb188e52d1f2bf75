package dev.vaultkv.embedded.spi;

import java.util.List;
import java.util.Map;

/**
 * A token issued by the core, rendered as the {@code auth} block of a response.
 *
 * @param clientToken the token value (secret)
 * @param accessor the accessor ({@code ""} for batch tokens)
 * @param policies the policies, sorted
 * @param metadata the metadata
 * @param leaseDurationSeconds the TTL in seconds (0 = never expires)
 * @param renewable whether the token is renewable
 * @param tokenType {@code service} or {@code batch}
 * @param orphan whether the token has no parent
 * @param entityId the identity entity ID, possibly empty
 * @param warnings warnings raised while issuing (e.g. TTL capping)
 * @author vaultkv
 * @since 0.1.0
 */
public record IssuedToken(String clientToken, String accessor, List<String> policies, Map<String, String> metadata,
		long leaseDurationSeconds, boolean renewable, String tokenType, boolean orphan, String entityId,
		List<String> warnings) {

	@Override
	public String toString() {
		return "IssuedToken[clientToken=******, accessor=" + this.accessor + ", policies=" + this.policies
				+ ", leaseDurationSeconds=" + this.leaseDurationSeconds + ", renewable=" + this.renewable
				+ ", tokenType=" + this.tokenType + ", orphan=" + this.orphan + "]";
	}

}
