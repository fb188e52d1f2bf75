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
	 * Write a record, JavaBean or map as a secret whose keys are its properties (converted with
	 * Jackson): on KV v2 a new version, on KV v1 a replacement of the whole secret.
	 * @param path the path inside the mount
	 * @param value the value; it must convert to a JSON object
	 * @return the metadata of the version written, or {@code null} on KV v1
	 * @throws IllegalArgumentException if the value does not convert to a JSON object; nothing is
	 * written
	 */
	@Nullable VersionMetadata write(String path, Object value);

	/**
	 * Replace an existing secret, never creating one: on KV v2 a check-and-set write on the current
	 * version (a concurrent change fails with {@link VersionConflictException}), on KV v1 a read then a
	 * write (no check-and-set: the last writer wins).
	 * @param path the path inside the mount
	 * @param data the fields
	 * @return the metadata of the version written, or {@code null} on KV v1
	 * @throws dev.vaultkv.client.SecretNotFoundException if the secret is absent or its current version
	 * is deleted or destroyed; nothing is written
	 */
	@Nullable VersionMetadata update(String path, Map<String, ?> data);

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
	 * {@code null} value removes a field, objects merge, everything else replaces. With
	 * {@linkplain KvTemplate#withPatchFallback(boolean) the patch fallback} it also works on a KV v1
	 * mount and for tokens without the {@code patch} capability, by read, merge and write (on KV v1 the
	 * returned metadata has version 0).
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
	 * Delete a secret as {@link #delete(String)} does, telling whether there was one.
	 * @param path the path inside the mount
	 * @return {@code true} if a readable current version was deleted, {@code false} if the secret was
	 * absent or its current version already deleted or destroyed (nothing is sent then)
	 */
	boolean deleteIfExists(String path);

	/**
	 * Soft-delete versions of a secret (KV v2); unknown versions are ignored.
	 * @param path the path inside the mount
	 * @param versions the versions
	 */
	void delete(String path, long... versions);

	/**
	 * Soft-delete versions of a secret (KV v2), telling whether any of them was live.
	 * @param path the path inside the mount
	 * @param versions the versions
	 * @return {@code true} if at least one of the versions existed and was neither deleted nor
	 * destroyed, {@code false} otherwise (nothing is sent then)
	 */
	boolean deleteIfExists(String path, long... versions);

	/**
	 * Restore soft-deleted versions (KV v2); destroyed versions stay destroyed. The versions are first
	 * checked against the secret's metadata (when the token may read it).
	 * @param path the path inside the mount
	 * @param versions the versions
	 * @throws IllegalArgumentException if the secret has no such version; the message names the
	 * versions it has and nothing is sent
	 * @throws dev.vaultkv.client.SecretNotFoundException if the secret is absent
	 */
	void undelete(String path, long... versions);

	/**
	 * Erase the data of versions for good (KV v2). The versions are first checked against the secret's
	 * metadata (when the token may read it).
	 * @param path the path inside the mount
	 * @param versions the versions
	 * @throws IllegalArgumentException if the secret has no such version; the message names the
	 * versions it has and nothing is sent
	 * @throws dev.vaultkv.client.SecretNotFoundException if the secret is absent
	 */
	void destroy(String path, long... versions);

	/**
	 * List the direct children of a folder; folder names end in {@code /}.
	 * @param folder the folder inside the mount, {@code ""} for the mount's root
	 * @return the sorted names, empty when the folder has none
	 */
	List<String> list(String folder);

	/**
	 * List one page of the direct children of a folder: the names sorted after {@code after}, at most
	 * {@code limit} of them. OpenBao pages on the server; Vault lists everything and the page is cut on
	 * the client, so the result is the same on both.
	 * @param folder the folder inside the mount, {@code ""} for the mount's root
	 * @param after the name the page starts after, or {@code null} (or {@code ""}) for the first page
	 * @param limit the most names to return, or 0 for all
	 * @return the sorted names, empty when there are none after {@code after}
	 */
	List<String> list(String folder, @Nullable String after, int limit);

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
	 * Delete a key with every version and its metadata (KV v2), telling whether there was one.
	 * @param path the path inside the mount
	 * @return {@code true} if the key existed
	 */
	boolean deleteMetadataIfExists(String path);

	/**
	 * Write a secret's data and its description (KV v2): the description is set first as the
	 * {@code description} custom metadata and put back if the data write fails, so that a failure
	 * changes nothing.
	 * @param secret the secret, with a description
	 * @return the metadata of the version written
	 * @throws UnsupportedKvOperationException on a KV version 1 mount, which has no metadata
	 */
	VersionMetadata write(DescribedSecret secret);

	/**
	 * Read the current version of a secret with its description (KV v2).
	 * @param path the path inside the mount
	 * @return the secret, or {@code null} when it is absent or its current version is deleted or
	 * destroyed
	 * @throws UnsupportedKvOperationException on a KV version 1 mount, which has no metadata
	 */
	@Nullable DescribedSecret readDescribed(String path);

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
