package dev.vaultkv.lease;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Leased secrets and Vault's lease API. Every failure is a {@link dev.vaultkv.client.VaultException}; a lease
 * that expired or was revoked gives a permanent one ({@code lease not found}, {@code lease expired}), never
 * a transient one.
 *
 * @since 0.1.0
 * @see LeaseTemplate
 */
public interface LeaseOperations {

	/**
	 * Read a secret that Vault gives under a lease, such as {@code database/creds/readonly}. Each read
	 * creates a new secret and lease on the server.
	 * @param path the path, including the mount
	 * @return the secret and its lease
	 * @throws dev.vaultkv.client.SecretNotFoundException if nothing is there
	 */
	LeasedSecret read(String path);

	/**
	 * Renew a lease.
	 * @param leaseId the lease id
	 * @param increment the duration asked for from now, or {@code null} for the role's default; Vault may
	 * grant less (never past the lease's maximum TTL)
	 * @return the renewed lease, with the duration granted
	 */
	Lease renew(String leaseId, @Nullable Duration increment);

	/**
	 * Revoke a lease now; the secret it holds (a database user) is removed by Vault.
	 * @param leaseId the lease id
	 */
	void revoke(String leaseId);

	/**
	 * Look a lease up.
	 * @param leaseId the lease id
	 * @return what Vault says of it
	 */
	LeaseInfo lookup(String leaseId);

}
