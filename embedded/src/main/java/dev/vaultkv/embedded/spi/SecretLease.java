package dev.vaultkv.embedded.spi;

import java.time.Duration;
import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

/**
 * The lease a secret engine asks for with a secret (Vault's {@code logical.Secret}): the core registers it,
 * answers with {@code lease_id}, {@code renewable} and {@code lease_duration}, and later calls the engine's
 * {@link Backend#renew renew} and {@link Backend#revoke revoke} hooks with the internal data.
 *
 * @param ttl the TTL the engine wants; zero for the mount's default
 * @param maxTtl the maximum TTL counted from issue time; zero for the mount's maximum
 * @param renewable whether the lease may be renewed
 * @param internalData what the engine needs to renew or revoke the secret later; never sent to clients
 * @author vaultkv
 * @since 0.1.0
 */
public record SecretLease(Duration ttl, Duration maxTtl, boolean renewable, ObjectNode internalData) {

	/**
	 * Create a lease; the internal data is copied.
	 * @param ttl the TTL, zero for the mount's default
	 * @param maxTtl the maximum TTL, zero for the mount's maximum
	 * @param renewable whether renewable
	 * @param internalData the internal data
	 */
	public SecretLease {
		Objects.requireNonNull(ttl, "'ttl' must not be null");
		Objects.requireNonNull(maxTtl, "'maxTtl' must not be null");
		internalData = Objects.requireNonNull(internalData, "'internalData' must not be null").deepCopy();
	}

	@Override
	public String toString() {
		// the internal data may name accounts
		return "SecretLease[ttl=" + this.ttl + ", maxTtl=" + this.maxTtl + ", renewable=" + this.renewable + "]";
	}

}
