package dev.vaultkv.operations;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.kv.DescribedSecret;
import dev.vaultkv.kv.KeyMetadata;
import dev.vaultkv.kv.MetadataUpdate;
import dev.vaultkv.kv.SecretSubkeys;
import dev.vaultkv.kv.VersionMetadata;
import dev.vaultkv.kv.VersionedSecret;

/**
 * The whole KV API on one mount, for applications: reads of the current version go through the shared
 * secret cache, writes go straight to Vault and then drop the cached entry so that the next read sees
 * them. {@link #kv(String)} gives the same operations on another mount and {@link #forTenant(String)}
 * confines them to one tenant's path prefix or namespace.
 * <p>
 * Paths are relative to the mount (and to the tenant's prefix); {@code .} and {@code ..} segments are
 * rejected. Every operation throws {@link dev.vaultkv.secret.VaultNotReadyException} while Vault is
 * unreachable or sealed.
 *
 * @since 0.1.0
 * @see VaultKvTemplate
 */
public interface VaultKvOperations {

	/**
	 * Return the mount these operations work on.
	 * @return the mount, without slashes
	 */
	String getMount();

	/**
	 * Return the same operations on another KV mount (in the same tenant, if any).
	 * @param mount the mount, for example {@code kv}
	 * @return the operations on that mount
	 */
	VaultKvOperations kv(String mount);

	/**
	 * Return the same operations confined to a tenant: paths are prefixed with
	 * {@code vault.tenants.path-prefix} and, when {@code vault.tenants.namespace} is set, requests go to
	 * the tenant's namespace.
	 * @param tenant the tenant id (letters, digits, {@code .}, {@code _}, {@code -})
	 * @return the tenant's operations
	 */
	VaultKvOperations forTenant(String tenant);

	/**
	 * Read the current version of a secret, from the shared cache when it is fresh.
	 * @param path the path
	 * @return the secret, or {@code null} when it is absent or its current version is deleted
	 */
	@Nullable VersionedSecret read(String path);

	/**
	 * Read a version of a secret from Vault.
	 * @param path the path
	 * @param version the version, {@code 0} for the current one
	 * @return the secret, or {@code null} when it is absent, deleted or destroyed
	 */
	@Nullable VersionedSecret read(String path, long version);

	/**
	 * Read the current version of a secret (through the shared cache) and map its data to a type.
	 * @param <T> the type
	 * @param path the path
	 * @param type the type, for example a record whose components are the secret's keys
	 * @return the mapped secret, or {@code null} when it is absent
	 * @throws dev.vaultkv.secret.SecretConversionException if the data does not fit the type
	 */
	<T> @Nullable T read(String path, Class<T> type);

	/**
	 * Read one key of the current version of a secret (through the shared cache), as text.
	 * @param path the path
	 * @param key the key
	 * @return the value, or {@code null} when the secret or the key is absent
	 */
	@Nullable String readString(String path, String key);

	/**
	 * Write a new version of a secret.
	 * @param path the path
	 * @param data the data; values are converted to JSON
	 * @return the new version's metadata, or {@code null} on a KV version 1 mount
	 */
	@Nullable VersionMetadata write(String path, Map<String, ?> data);

	/**
	 * Write a record, JavaBean or map as a new version of a secret whose keys are its properties
	 * (converted with the application's Jackson mapper).
	 * @param path the path
	 * @param value the value; it must convert to a JSON object
	 * @return the new version's metadata, or {@code null} on a KV version 1 mount
	 * @throws IllegalArgumentException if the value does not convert to a JSON object; nothing is
	 * written
	 */
	@Nullable VersionMetadata write(String path, Object value);

	/**
	 * Replace an existing secret, never creating one: on KV version 2 a check-and-set write on the
	 * current version, on KV version 1 a read then a write (the last writer wins).
	 * @param path the path
	 * @param data the data
	 * @return the new version's metadata, or {@code null} on a KV version 1 mount
	 * @throws dev.vaultkv.client.SecretNotFoundException if the secret is absent or its current
	 * version is deleted or destroyed; nothing is written
	 * @throws dev.vaultkv.kv.VersionConflictException if the secret changed between the read and the
	 * write
	 */
	@Nullable VersionMetadata update(String path, Map<String, ?> data);

	/**
	 * Write a secret's data and its description in one call (KV version 2): the description (its
	 * {@code description} custom metadata) is set first and put back if the data write fails.
	 * @param secret the secret, with a path relative to these operations and a description
	 * @return the new version's metadata
	 * @throws dev.vaultkv.kv.UnsupportedKvOperationException on a KV version 1 mount
	 */
	VersionMetadata write(DescribedSecret secret);

	/**
	 * Read the current version of a secret with its description, straight from Vault (KV version 2).
	 * @param path the path
	 * @return the secret (with the path as given), or {@code null} when it is absent or its current
	 * version is deleted or destroyed
	 * @throws dev.vaultkv.kv.UnsupportedKvOperationException on a KV version 1 mount
	 */
	@Nullable DescribedSecret readDescribed(String path);

	/**
	 * Write a new version of a secret only if its current version is {@code cas} ({@code 0}: only if it
	 * does not exist).
	 * @param path the path
	 * @param data the data
	 * @param cas the expected current version
	 * @return the new version's metadata
	 * @throws dev.vaultkv.kv.VersionConflictException if the current version is another one
	 */
	VersionMetadata write(String path, Map<String, ?> data, long cas);

	/**
	 * Merge keys into the current version of a secret, creating a new version. Unless
	 * {@code vault.kv.patch-fallback} is off, a KV version 1 mount or a token without the {@code patch}
	 * capability patches by read, merge and write: a check-and-set write on KV version 2, a plain write
	 * on KV version 1 (no check-and-set there: the last writer wins).
	 * @param path the path
	 * @param patch the keys to set; {@code null} values remove keys
	 * @return the new version's metadata
	 */
	VersionMetadata patch(String path, Map<String, ?> patch);

	/**
	 * Merge keys into the current version of a secret only if it is version {@code cas}.
	 * @param path the path
	 * @param patch the keys to set; {@code null} values remove keys
	 * @param cas the expected current version
	 * @return the new version's metadata
	 * @throws dev.vaultkv.kv.VersionConflictException if the current version is another one
	 */
	VersionMetadata patch(String path, Map<String, ?> patch, long cas);

	/**
	 * Soft-delete the current version of a secret.
	 * @param path the path
	 */
	void delete(String path);

	/**
	 * Soft-delete versions of a secret.
	 * @param path the path
	 * @param versions the versions
	 */
	void delete(String path, long... versions);

	/**
	 * Soft-delete the current version of a secret, telling whether there was one.
	 * @param path the path
	 * @return {@code true} if a readable current version was deleted
	 */
	boolean deleteIfExists(String path);

	/**
	 * Soft-delete versions of a secret, telling whether any of them was live.
	 * @param path the path
	 * @param versions the versions
	 * @return {@code true} if at least one version existed and was neither deleted nor destroyed
	 */
	boolean deleteIfExists(String path, long... versions);

	/**
	 * Restore soft-deleted versions of a secret.
	 * @param path the path
	 * @param versions the versions
	 * @throws IllegalArgumentException if the secret has no such version (nothing is sent)
	 */
	void undelete(String path, long... versions);

	/**
	 * Destroy versions of a secret for good.
	 * @param path the path
	 * @param versions the versions
	 * @throws IllegalArgumentException if the secret has no such version (nothing is sent)
	 */
	void destroy(String path, long... versions);

	/**
	 * List the keys in a folder; folders end with {@code /}.
	 * @param folder the folder, {@code ""} for the root (of the tenant)
	 * @return the keys, empty when the folder is absent
	 */
	List<String> list(String folder);

	/**
	 * List one page of the keys in a folder: the keys sorted after {@code after}, at most {@code limit}
	 * of them (OpenBao pages on the server, Vault on the client).
	 * @param folder the folder, {@code ""} for the root (of the tenant)
	 * @param after the key the page starts after, or {@code null} for the first page
	 * @param limit the most keys to return, or 0 for all
	 * @return the keys
	 */
	List<String> list(String folder, @Nullable String after, int limit);

	/**
	 * Read the keys of a secret's current version without its values, straight from Vault (KV version
	 * 2 only): what a secret holds, for a caller allowed to know no more.
	 * @param path the path
	 * @return the keys, or {@code null} when the secret is absent, deleted or destroyed
	 */
	@Nullable SecretSubkeys subkeys(String path);

	/**
	 * Read the metadata of a secret.
	 * @param path the path
	 * @return the metadata, or {@code null} when the secret is absent
	 */
	@Nullable KeyMetadata readMetadata(String path);

	/**
	 * Replace the settable metadata of a secret.
	 * @param path the path
	 * @param update the metadata
	 */
	void writeMetadata(String path, MetadataUpdate update);

	/**
	 * Change some metadata of a secret.
	 * @param path the path
	 * @param update the metadata to change
	 */
	void patchMetadata(String path, MetadataUpdate update);

	/**
	 * Delete a secret with all its versions and metadata.
	 * @param path the path
	 */
	void deleteMetadata(String path);

	/**
	 * Delete a secret with all its versions and metadata, telling whether there was one.
	 * @param path the path
	 * @return {@code true} if the secret existed
	 */
	boolean deleteMetadataIfExists(String path);

	/**
	 * Set the description of a secret (its {@code description} custom metadata), keeping its other
	 * custom metadata.
	 * @param path the path
	 * @param description the description
	 */
	void describe(String path, String description);

	/**
	 * Return the description of a secret (its {@code description} custom metadata).
	 * @param path the path
	 * @return the description, or {@code null} when the secret is absent or has none
	 */
	@Nullable String getDescription(String path);

}
