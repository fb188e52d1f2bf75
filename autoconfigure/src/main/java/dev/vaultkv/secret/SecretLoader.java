package dev.vaultkv.secret;

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
	 * Return a loader that reads through the {@link KvOperations} of each mount.
	 * @param operations the operations for a mount
	 * @return the loader
	 */
	static SecretLoader of(Function<String, KvOperations> operations) {
		Assert.notNull(operations, "'operations' must not be null");
		return (location) -> {
			KvOperations kv = operations.apply(location.mount());
			return location.isPinned() ? kv.read(location.path(), location.version()) : kv.read(location.path());
		};
	}

}
