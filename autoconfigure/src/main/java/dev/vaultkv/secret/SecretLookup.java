package dev.vaultkv.secret;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.kv.VersionedSecret;

/**
 * One location of a {@link SecretStore} read again and again (by a live handle or the operations
 * bean, for example): {@link #read()} answers like {@link SecretStore#read(SecretLocation, SecretSource)}
 * but may serve the value it returned last without looking it up while that value is current.
 * Thread-safe.
 *
 * @since 0.1.0
 * @see SecretStore#lookup(SecretLocation, SecretSource)
 */
@FunctionalInterface
public interface SecretLookup {

	/**
	 * Return the secret.
	 * @return the secret, or {@code null} when it is absent
	 * @throws dev.vaultkv.client.VaultException when it cannot be read and no usable cached value exists
	 */
	@Nullable VersionedSecret read();

}
