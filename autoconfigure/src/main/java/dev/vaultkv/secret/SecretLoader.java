package dev.vaultkv.secret;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.VersionedSecret;

/**
 * Reads a secret from Vault for the {@link SecretStore}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SecretLoader {

	/**
	 * Read a secret.
	 * @param location where the secret lives
	 * @return the secret, or {@code null} when it is absent (or its version is deleted or destroyed)
	 * @throws dev.vaultkv.client.VaultException when it cannot be read
	 */
	@Nullable VersionedSecret load(SecretLocation location);

	/**
	 * Return a loader that reads through the {@link KvOperations} of each mount, for locations in the
	 * client's namespace.
	 * @param operations the operations for a mount
	 * @return the loader
	 */
	static SecretLoader of(Function<String, KvOperations> operations) {
		Assert.notNull(operations, "'operations' must not be null");
		return of((mount, namespace) -> {
			Assert.state(namespace == null, () -> "This secret loader reads in the client's namespace only, not in '"
					+ namespace + "'; create it from a function of mount and namespace");
			return operations.apply(mount);
		});
	}

	/**
	 * Return a loader that reads through the {@link KvOperations} of each mount and namespace.
	 * @param operations the operations for a mount and a namespace ({@code null} for the client's)
	 * @return the loader
	 */
	static SecretLoader of(BiFunction<String, @Nullable String, KvOperations> operations) {
		Assert.notNull(operations, "'operations' must not be null");
		return (location) -> {
			KvOperations kv = operations.apply(location.mount(), location.namespace());
			return location.isPinned() ? kv.read(location.path(), location.version()) : kv.read(location.path());
		};
	}

}
