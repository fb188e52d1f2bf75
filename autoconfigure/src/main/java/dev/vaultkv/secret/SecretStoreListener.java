package dev.vaultkv.secret;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.VersionedSecret;

/**
 * Receives the events of a {@link CachingSecretStore}, for metrics, health and the actuator endpoint.
 * Events carry the location, never a secret value. Callbacks run on the reading thread (or the refresh
 * executor) and must be quick; exceptions they throw are logged and ignored.
 *
 * @since 0.1.0
 */
public interface SecretStoreListener {

	/**
	 * A caller's read was served.
	 * @param location the location
	 * @param outcome how it was served
	 */
	default void onRead(SecretLocation location, SecretReadOutcome outcome) {
	}

	/**
	 * A secret was read from Vault successfully, by a caller or a background refresh.
	 * @param location the location
	 * @param secret the secret, or {@code null} when it is absent
	 */
	default void onLoad(SecretLocation location, @Nullable VersionedSecret secret) {
	}

	/**
	 * A cached value was replaced (a refresh, in the background or on demand), called once the cache
	 * holds the replacing value; the replacing value may be the same secret, served stale.
	 * @param location the location
	 */
	default void onReplaced(SecretLocation location) {
	}

	/**
	 * A cached value was dropped (a write through the operations bean, for example), so that the next
	 * read goes to Vault.
	 * @param location the location
	 */
	default void onInvalidated(SecretLocation location) {
	}

	/**
	 * Reading a secret from Vault failed, for a caller or a background refresh.
	 * @param location the location
	 * @param failure the failure
	 * @param servingStale whether the cached value is served past its time to live instead
	 */
	default void onLoadFailure(SecretLocation location, VaultException failure, boolean servingStale) {
	}

}
