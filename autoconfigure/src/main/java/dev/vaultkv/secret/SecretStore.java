package dev.vaultkv.secret;

import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.kv.VersionedSecret;

/**
 * The one cache every way of reading secrets goes through: placeholders, config data imports,
 * {@code @Secret} and live {@link SecretValue} handles.
 *
 * @since 0.1.0
 * @see CachingSecretStore
 */
public interface SecretStore {

	/**
	 * Return a secret, from the cache when it is fresh, else read from Vault once however many threads
	 * ask at the same time.
	 * @param location where the secret lives
	 * @return the secret, or {@code null} when it is absent
	 * @throws dev.vaultkv.client.VaultException when it cannot be read and no usable cached value exists
	 */
	@Nullable VersionedSecret read(SecretLocation location);

	/**
	 * Return a secret as {@link #read(SecretLocation)} does, recording the way in of the read
	 * explicitly instead of through {@link SecretSource#with(SecretSource, java.util.function.Supplier)}.
	 * @param location where the secret lives
	 * @param source the way in of the read
	 * @return the secret, or {@code null} when it is absent
	 * @throws dev.vaultkv.client.VaultException when it cannot be read and no usable cached value exists
	 */
	default @Nullable VersionedSecret read(SecretLocation location, SecretSource source) {
		return SecretSource.with(source, () -> read(location));
	}

	/**
	 * Return a lookup of one location for callers that read it often; this default reads through
	 * {@link #read(SecretLocation, SecretSource)} every time.
	 * @param location where the secret lives
	 * @param source the way in of the lookup's reads
	 * @return the lookup
	 */
	default SecretLookup lookup(SecretLocation location, SecretSource source) {
		return () -> read(location, source);
	}

	/**
	 * Read a secret from Vault again now. Stores that can, keep serving the cached value when that read
	 * fails for a transient reason; this default drops the cached value and reads it again.
	 * @param location the location
	 * @throws dev.vaultkv.client.VaultException when it cannot be read and no usable cached value exists
	 */
	default void refresh(SecretLocation location) {
		invalidate(location);
		read(location);
	}

	/**
	 * Read secrets that are not cached yet, concurrently (at most 8 at a time), and wait until all are read or failed. Failures
	 * are not thrown; they surface again when the secret is read.
	 * @param locations the locations
	 */
	void prefetch(Collection<SecretLocation> locations);

	/**
	 * Drop a cached secret, so that the next read goes to Vault.
	 * @param location the location
	 */
	void invalidate(SecretLocation location);

	/**
	 * Drop every cached secret.
	 */
	void invalidateAll();

	/**
	 * Return the locations whose cached value is served past its time to live because Vault could not
	 * be read.
	 * @return the stale locations
	 */
	Set<SecretLocation> getStaleLocations();

	/**
	 * Return the locations that currently have a cached value (the secrets in use).
	 * @return the cached locations
	 */
	default Set<SecretLocation> getCachedLocations() {
		return Set.of();
	}

	/**
	 * Return the cached secret of a location without reading Vault or refreshing it.
	 * @param location the location
	 * @return the cached secret, or {@code null} when it is not cached or cached as absent
	 */
	default @Nullable VersionedSecret getIfCached(SecretLocation location) {
		return null;
	}

	/**
	 * Return the ways in that have read a cached secret (placeholder, config data, {@code @Secret}, API),
	 * without reading Vault or refreshing it.
	 * @param location the location
	 * @return the sources, empty when the secret is not cached
	 */
	default Set<SecretSource> getSources(SecretLocation location) {
		return Set.of();
	}

}
