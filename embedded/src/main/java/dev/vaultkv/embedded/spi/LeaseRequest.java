package dev.vaultkv.embedded.spi;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the core hands a secret engine's {@link Backend#renew renew} and {@link Backend#revoke revoke} hooks
 * about a lease it issued.
 *
 * @param leaseId the lease ID, e.g. {@code database/creds/readonly/Jx2...}
 * @param path the path the secret was read from, relative to the namespace, e.g. {@code database/creds/readonly}
 * @param internalData the {@link SecretLease#internalData() internal data} the engine registered (a copy)
 * @param issueTime when the lease was issued
 * @param increment the increment asked for on renewal ({@link Duration#ZERO} if none, and for revocations)
 * @param now the server clock's current instant
 * @author vaultkv
 * @since 0.1.0
 */
public record LeaseRequest(String leaseId, String path, ObjectNode internalData, Instant issueTime,
		Duration increment, Instant now) {

	@Override
	public String toString() {
		return "LeaseRequest[leaseId=" + this.leaseId + ", path=" + this.path + "]";
	}

}
