package dev.vaultkv.kv;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.VaultException;

/**
 * Operations on one key-value secrets engine mount, version 1 or 2 (detected once per mount). Paths are
 * relative to the mount ({@code myapp/db}, not {@code secret/data/myapp/db}). Operations that only KV v2
 * has (versions, check-and-set, patch, undelete, destroy, metadata, config) throw
 * {@link UnsupportedKvOperationException} on a version 1 mount.
 *
 * @since 0.1.0
 * @see KvTemplate
 */
public interface KvOperations {

	/**
	 * Return the mount path, without slashes.
	 * @return the mount
	 */
	String getMount();

	/**
	 * Return the mount's KV version.
	 * @return the version
	 */
	KvVersion getVersion();

	/**
	 * Read the current version of a secret.
	 * @param path the path inside the mount
	 * @return the secret, or {@code null} when absent or when its current version is deleted or
	 * destroyed
	 */
	@Nullable VersionedSecret read(String path);

	/**
	 * Read one version of a secret (KV v2).
	 * @param path the path inside the mount
	 * @param version the version, from 1
	 * @return the secret, or {@code null} when that version is absent, trimmed, deleted or destroyed
	 */
	@Nullable VersionedSecret read(String path, long version);

	/**
	 * Read the current version of a secret and convert its fields to a type (with Jackson).
	 * @param <T> the type
	 * @param path the path inside the mount
	 * @param type the type, a record or JavaBean whose properties are the secret's fields
	 * @return the converted secret, or {@code null} when absent
	 * @throws VaultException if the fields cannot be converted; the message names the path and the
	 * type, never a value
	 */
	<T> @Nullable T read(String path, Class<T> type);

	/**
	 * Write a secret: on KV v2 a new version, on KV v1 a replacement of the whole secret.
	 * @param path the path inside the mount
	 * @param data the fields
	 * @return the metadata of the version written, or {@code null} on KV v1
	 */
	@Nullable VersionMetadata write(String path, Map<String, ?> data);

	/**
	 * Write a new version only if the current version is {@code cas} (KV v2). {@code cas} 0 writes only
	 * when the key has never had a version.
	 * @param path the path inside the mount
	 * @param data the fields
	 * @param cas the expected current version
	 * @return the metadata of the version written
	 * @throws VersionConflictException if the current version differs; nothing is written
	 */
	VersionMetadata write(String path, Map<String, ?> data, long cas);

	/**
	 * Apply a JSON merge patch (RFC 7386) to the current version, creating a new version (KV v2): a
	 * {@code null} value removes a field, objects merge, everything else replaces.
	 * @param path the path inside the mount
	 * @param patch the patch
	 * @return the metadata of the version written
	 * @throws dev.vaultkv.client.SecretNotFoundException if the key has no readable current version
	 */
	VersionMetadata patch(String path, Map<String, ?> patch);

	/**
	 * Apply a JSON merge patch only if the current version is {@code cas} (KV v2).
	 * @param path the path inside the mount
	 * @param patch the patch
	 * @param cas the expected current version
	 * @return the metadata of the version written
	 * @throws VersionConflictException if the current version differs; nothing is written
	 */
	VersionMetadata patch(String path, Map<String, ?> patch, long cas);

	/**
	 * Delete a secret: on KV v2 soft-delete its current version (undeletable), on KV v1 remove it.
	 * Succeeds when the secret is absent.
	 * @param path the path inside the mount
	 */
	void delete(String path);

	/**
	 * Soft-delete versions of a secret (KV v2); unknown versions are ignored.
	 * @param path the path inside the mount
	 * @param versions the versions
	 */
	void delete(String path, long... versions);

	/**
	 * Restore soft-deleted versions (KV v2); destroyed versions stay destroyed.
	 * @param path the path inside the mount
	 * @param versions the versions
	 */
	void undelete(String path, long... versions);

	/**
	 * Erase the data of versions for good (KV v2).
	 * @param path the path inside the mount
	 * @param versions the versions
	 */
	void destroy(String path, long... versions);

	/**
	 * List the direct children of a folder; folder names end in {@code /}.
	 * @param folder the folder inside the mount, {@code ""} for the mount's root
	 * @return the sorted names, empty when the folder has none
	 */
	List<String> list(String folder);

	/**
	 * Return the keys of a secret without its values (KV version 2 only): the current version, all
	 * the way down.
	 * @param path the path inside the mount
	 * @return the keys, or {@code null} when the secret is absent, deleted or destroyed
	 * @throws UnsupportedKvOperationException on a KV version 1 mount
	 */
	default @Nullable SecretSubkeys subkeys(String path) {
		return subkeys(path, 0, 0);
	}

	/**
	 * Return the keys of a version of a secret without its values (KV version 2 only).
	 * @param path the path inside the mount
	 * @param version the version, or 0 for the current one
	 * @param depth how many levels of nested objects to describe, or 0 for all
	 * @return the keys, or {@code null} when the secret or version is absent, deleted or destroyed
	 * @throws UnsupportedKvOperationException on a KV version 1 mount
	 */
	@Nullable SecretSubkeys subkeys(String path, long version, int depth);

	/**
	 * Read a key's metadata (KV v2).
	 * @param path the path inside the mount
	 * @return the metadata, or {@code null} when the key is absent
	 */
	@Nullable KeyMetadata readMetadata(String path);

	/**
	 * Write a key's metadata (KV v2); only the fields set in the update change, and a supplied custom
	 * metadata map replaces the whole map.
	 * @param path the path inside the mount
	 * @param update the changes
	 */
	void writeMetadata(String path, MetadataUpdate update);

	/**
	 * Patch a key's metadata (KV v2); custom metadata is merged and a {@code null} value removes a key.
	 * @param path the path inside the mount
	 * @param update the changes
	 */
	void patchMetadata(String path, MetadataUpdate update);

	/**
	 * Delete a key with every version and its metadata (KV v2). Succeeds when the key is absent.
	 * @param path the path inside the mount
	 */
	void deleteMetadata(String path);

	/**
	 * Read the mount's configuration (KV v2).
	 * @return the configuration
	 */
	KvEngineConfig readConfig();

	/**
	 * Write the mount's configuration (KV v2).
	 * @param config the configuration
	 */
	void writeConfig(KvEngineConfig config);

}
