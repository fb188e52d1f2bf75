package dev.vaultkv.operations;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.DescribedSecret;
import dev.vaultkv.kv.KeyMetadata;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvTemplates;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.MetadataUpdate;
import dev.vaultkv.kv.SecretSubkeys;
import dev.vaultkv.kv.VersionMetadata;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretConversionException;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretLookup;
import dev.vaultkv.secret.SecretReference;
import dev.vaultkv.secret.SecretSource;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.secret.VaultNotReadyException;

/**
 * {@link VaultKvOperations} over {@link KvTemplate KV templates} and the shared {@link SecretStore}.
 * Reads of the current version go through the store (the same cache placeholders and {@code @Secret}
 * use); every write goes to Vault and then drops the store's entries for the path. Operations confined
 * to a tenant namespace do not use the store (its entries carry no namespace) and read Vault directly.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class VaultKvTemplate implements VaultKvOperations {

	private static final String DESCRIPTION = DescribedSecret.DESCRIPTION_KEY;

	private static final int MAX_REMEMBERED_PATHS = 1024;

	private final Shared shared;

	private final String mount;

	private final String prefix;

	private final @Nullable String namespace;

	private final KvOperations kv;

	private final ConcurrentHashMap<String, SecretLookup> lookups = new ConcurrentHashMap<>();

	/**
	 * Create operations on the default mount.
	 * @param client the client
	 * @param mountResolver the KV mount resolver shared by the client's templates
	 * @param store the shared secret store
	 * @param defaultMount the default mount ({@code vault.kv.mount})
	 * @param jsonMapper the mapper for typed reads
	 * @param tenants where tenants' secrets live
	 */
	public VaultKvTemplate(VaultClient client, KvMountResolver mountResolver, SecretStore store, String defaultMount,
			JsonMapper jsonMapper, TenantLayout tenants) {
		this(client, mountResolver, store, defaultMount, jsonMapper, tenants, false);
	}

	/**
	 * Create operations on the default mount.
	 * @param client the client
	 * @param mountResolver the KV mount resolver shared by the client's templates
	 * @param store the shared secret store
	 * @param defaultMount the default mount ({@code vault.kv.mount})
	 * @param jsonMapper the mapper for typed reads and writes
	 * @param tenants where tenants' secrets live
	 * @param patchFallback whether to patch by read, merge and write where Vault cannot patch
	 * ({@code vault.kv.patch-fallback})
	 */
	public VaultKvTemplate(VaultClient client, KvMountResolver mountResolver, SecretStore store, String defaultMount,
			JsonMapper jsonMapper, TenantLayout tenants, boolean patchFallback) {
		this(new Shared(client, mountResolver, store, jsonMapper, tenants, patchFallback), trimSlashes(defaultMount),
				"", null);
	}

	private VaultKvTemplate(Shared shared, String mount, String prefix, @Nullable String namespace) {
		this.shared = shared;
		this.mount = mount;
		this.prefix = prefix;
		this.namespace = namespace;
		this.kv = shared.operations(mount, namespace);
	}

	@Override
	public String getMount() {
		return this.mount;
	}

	/**
	 * Return the path prefix of these operations ({@code ""} outside a tenant).
	 * @return the prefix
	 */
	public String getPathPrefix() {
		return this.prefix;
	}

	/**
	 * Return the namespace of these operations.
	 * @return the namespace, or {@code null} for the client's
	 */
	public @Nullable String getNamespace() {
		return this.namespace;
	}

	@Override
	public VaultKvOperations kv(String mount) {
		Assert.hasText(mount, "'mount' must not be empty");
		return new VaultKvTemplate(this.shared, trimSlashes(mount), this.prefix, this.namespace);
	}

	@Override
	public VaultKvOperations forTenant(String tenant) {
		Assert.isTrue(this.prefix.isEmpty() && this.namespace == null,
				"These operations are already confined to a tenant");
		TenantLayout tenants = this.shared.tenants();
		return new VaultKvTemplate(this.shared, this.mount, tenants.prefix(tenant), tenants.namespace(tenant));
	}

	@Override
	public @Nullable VersionedSecret read(String path) {
		// lookups are kept only for paths read through the shared store
		SecretLookup lookup = (path != null) ? this.lookups.get(path) : null;
		return (lookup != null) ? read(lookup, path) : readFirstTime(path);
	}

	private @Nullable VersionedSecret read(SecretLookup lookup, @Nullable String path) {
		try {
			return lookup.read();
		}
		catch (VaultException ex) {
			throw VaultNotReadyException.translate("secret " + this.mount + "//" + fullPath(path), ex);
		}
	}

	/**
	 * Read a path not read before: checked, then through the store's lookup of its current version,
	 * which is kept for the next reads; the paths an application reads are few, so up to
	 * {@value #MAX_REMEMBERED_PATHS} lookups are kept and a read of a cached secret then costs no
	 * parsing, allocation or cache lookup. A tenant's secrets are cached under their namespace.
	 */
	private @Nullable VersionedSecret readFirstTime(@Nullable String path) {
		SecretLookup lookup = store().lookup(location(fullPath(path), 0), SecretSource.API);
		if (path != null && this.lookups.size() < MAX_REMEMBERED_PATHS) {
			SecretLookup existing = this.lookups.putIfAbsent(path, lookup);
			lookup = (existing != null) ? existing : lookup;
		}
		return read(lookup, path);
	}

	@Override
	public @Nullable VersionedSecret read(String path, long version) {
		Assert.isTrue(version >= 0, "'version' must not be negative");
		if (version == 0) {
			return read(path);
		}
		String full = fullPath(path);
		return call(full, () -> this.kv.read(full, version));
	}

	@Override
	public <T> @Nullable T read(String path, Class<T> type) {
		Assert.notNull(type, "'type' must not be null");
		VersionedSecret secret = read(path);
		if (secret == null) {
			return null;
		}
		try {
			return this.shared.jsonMapper().treeToValue(secret.data().asJson(), type);
		}
		catch (JacksonException ex) {
			throw new SecretConversionException(new SecretReference(this.mount, fullPath(path), 0, null),
					type.getName(), "its keys do not fit the type (" + ex.getClass().getSimpleName() + ")");
		}
	}

	@Override
	public @Nullable String readString(String path, String key) {
		Assert.hasText(key, "'key' must not be empty");
		VersionedSecret secret = read(path);
		return (secret != null) ? secret.data().getString(key) : null;
	}

	@Override
	public @Nullable VersionMetadata write(String path, Map<String, ?> data) {
		Assert.notNull(data, "'data' must not be null");
		String full = fullPath(path);
		return changingCurrent(full, () -> this.kv.write(full, data));
	}

	@Override
	public @Nullable VersionMetadata write(String path, Object value) {
		Assert.notNull(value, "'value' must not be null");
		String full = fullPath(path);
		return changingCurrent(full, () -> this.kv.write(full, value));
	}

	@Override
	public @Nullable VersionMetadata update(String path, Map<String, ?> data) {
		Assert.notNull(data, "'data' must not be null");
		String full = fullPath(path);
		return changingCurrent(full, () -> this.kv.update(full, data));
	}

	@Override
	public VersionMetadata write(DescribedSecret secret) {
		Assert.notNull(secret, "'secret' must not be null");
		String full = fullPath(secret.path());
		DescribedSecret prefixed = new DescribedSecret(full, secret.data(), secret.description(), secret.metadata());
		return changingCurrent(full, () -> this.kv.write(prefixed));
	}

	@Override
	public @Nullable DescribedSecret readDescribed(String path) {
		String full = fullPath(path);
		DescribedSecret secret = call(full, () -> this.kv.readDescribed(full));
		return (secret != null)
				? new DescribedSecret(trimSlashes(path), secret.data(), secret.description(), secret.metadata()) : null;
	}

	@Override
	public VersionMetadata write(String path, Map<String, ?> data, long cas) {
		Assert.notNull(data, "'data' must not be null");
		String full = fullPath(path);
		return changingCurrent(full, () -> this.kv.write(full, data, cas));
	}

	@Override
	public VersionMetadata patch(String path, Map<String, ?> patch) {
		Assert.notNull(patch, "'patch' must not be null");
		String full = fullPath(path);
		return changingCurrent(full, () -> this.kv.patch(full, patch));
	}

	@Override
	public VersionMetadata patch(String path, Map<String, ?> patch, long cas) {
		Assert.notNull(patch, "'patch' must not be null");
		String full = fullPath(path);
		return changingCurrent(full, () -> this.kv.patch(full, patch, cas));
	}

	@Override
	public void delete(String path) {
		String full = fullPath(path);
		changing(full, () -> {
			this.kv.delete(full);
			return null;
		});
	}

	@Override
	public void delete(String path, long... versions) {
		String full = fullPath(path);
		long[] copy = Arrays.copyOf(versions, versions.length);
		changing(full, () -> {
			this.kv.delete(full, copy);
			return null;
		});
	}

	@Override
	public boolean deleteIfExists(String path) {
		String full = fullPath(path);
		return changing(full, () -> this.kv.deleteIfExists(full));
	}

	@Override
	public boolean deleteIfExists(String path, long... versions) {
		String full = fullPath(path);
		long[] copy = Arrays.copyOf(versions, versions.length);
		return changing(full, () -> this.kv.deleteIfExists(full, copy));
	}

	@Override
	public void undelete(String path, long... versions) {
		String full = fullPath(path);
		long[] copy = Arrays.copyOf(versions, versions.length);
		changing(full, () -> {
			this.kv.undelete(full, copy);
			return null;
		});
	}

	@Override
	public void destroy(String path, long... versions) {
		String full = fullPath(path);
		long[] copy = Arrays.copyOf(versions, versions.length);
		changing(full, () -> {
			this.kv.destroy(full, copy);
			return null;
		});
	}

	@Override
	public List<String> list(String folder) {
		Assert.notNull(folder, "'folder' must not be null");
		String full = folder.isEmpty() ? this.prefix : fullPath(folder);
		String listed = full.isEmpty() ? "" : (full.endsWith("/") ? full : full + "/");
		return call(listed.isEmpty() ? "/" : listed, () -> this.kv.list(listed));
	}

	@Override
	public List<String> list(String folder, @Nullable String after, int limit) {
		Assert.notNull(folder, "'folder' must not be null");
		String full = folder.isEmpty() ? this.prefix : fullPath(folder);
		String listed = full.isEmpty() ? "" : (full.endsWith("/") ? full : full + "/");
		return call(listed.isEmpty() ? "/" : listed, () -> this.kv.list(listed, after, limit));
	}

	@Override
	public @Nullable KeyMetadata readMetadata(String path) {
		String full = fullPath(path);
		return call(full, () -> this.kv.readMetadata(full));
	}

	@Override
	public @Nullable SecretSubkeys subkeys(String path) {
		String full = fullPath(path);
		return call(full, () -> this.kv.subkeys(full));
	}

	@Override
	public void writeMetadata(String path, MetadataUpdate update) {
		Assert.notNull(update, "'update' must not be null");
		String full = fullPath(path);
		call(full, () -> {
			this.kv.writeMetadata(full, update);
			return null;
		});
	}

	@Override
	public void patchMetadata(String path, MetadataUpdate update) {
		Assert.notNull(update, "'update' must not be null");
		String full = fullPath(path);
		call(full, () -> {
			this.kv.patchMetadata(full, update);
			return null;
		});
	}

	@Override
	public void deleteMetadata(String path) {
		String full = fullPath(path);
		changing(full, () -> {
			this.kv.deleteMetadata(full);
			return null;
		});
	}

	@Override
	public boolean deleteMetadataIfExists(String path) {
		String full = fullPath(path);
		return changing(full, () -> this.kv.deleteMetadataIfExists(full));
	}

	@Override
	public void describe(String path, String description) {
		Assert.notNull(description, "'description' must not be null");
		patchMetadata(path, MetadataUpdate.empty().withCustomMetadata(Map.of(DESCRIPTION, description)));
	}

	@Override
	public @Nullable String getDescription(String path) {
		KeyMetadata metadata = readMetadata(path);
		return (metadata != null) ? metadata.customMetadata().get(DESCRIPTION) : null;
	}

	/**
	 * Return the mount's KV version.
	 * @return the version
	 */
	public KvVersion getKvVersion() {
		return call(this.mount, this.kv::getVersion);
	}

	/**
	 * Return the KV template of a mount in a namespace, sharing this template's client and resolvers.
	 */
	KvOperations kvOperations(String mount, @Nullable String namespace) {
		return this.shared.operations(mount, namespace);
	}

	private SecretStore store() {
		return this.shared.store();
	}

	private SecretLocation location(String fullPath, long version) {
		return new SecretLocation(this.mount, fullPath, version, this.namespace);
	}

	private <T> T changingCurrent(String fullPath, Supplier<T> write) {
		try {
			return call(fullPath, write);
		}
		finally {
			store().invalidate(location(fullPath, 0));
		}
	}

	private <T> T changing(String fullPath, Supplier<T> change) {
		try {
			return call(fullPath, change);
		}
		finally {
			invalidateAllVersions(fullPath);
		}
	}

	private void invalidateAllVersions(String fullPath) {
		SecretStore store = store();
		store.invalidate(location(fullPath, 0));
		// deleting, restoring or destroying versions changes what pinned versions read
		for (SecretLocation location : store.getCachedLocations()) {
			if (location.mount().equals(this.mount) && location.path().equals(fullPath)
					&& Objects.equals(location.namespace(), this.namespace)) {
				store.invalidate(location);
			}
		}
	}

	private <T> T call(String fullPath, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (VaultException ex) {
			throw VaultNotReadyException.translate("secret " + this.mount + "//" + fullPath, ex);
		}
	}

	private String fullPath(@Nullable String path) {
		Assert.hasText(path, "'path' must not be empty");
		String trimmed = trimSlashes(path);
		Assert.hasText(trimmed, "'path' must not be empty");
		for (String segment : trimmed.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..") || segment.isEmpty()) {
				throw new IllegalArgumentException("Invalid secret path '" + path
						+ "': empty, '.' and '..' segments are not allowed");
			}
		}
		return this.prefix + trimmed;
	}

	private static String trimSlashes(String path) {
		int start = 0;
		int end = path.length();
		while (start < end && path.charAt(start) == '/') {
			start++;
		}
		while (end > start && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(start, end);
	}

	@Override
	public String toString() {
		return "VaultKvTemplate[mount=" + this.mount + ", prefix=" + this.prefix + ", namespace=" + this.namespace
				+ "]";
	}

	/**
	 * What every view of one template shares: the client, the store, one KV template per mount and
	 * namespace.
	 */
	private record Shared(VaultClient client, SecretStore store, JsonMapper jsonMapper, TenantLayout tenants,
			KvTemplates templates) {

		Shared(VaultClient client, KvMountResolver mountResolver, SecretStore store, JsonMapper jsonMapper,
				TenantLayout tenants, boolean patchFallback) {
			this(client, store, jsonMapper, tenants,
					new KvTemplates(client, mountResolver, jsonMapper, patchFallback));
			Assert.notNull(store, "'store' must not be null");
			Assert.notNull(tenants, "'tenants' must not be null");
		}

		KvOperations operations(String mount, @Nullable String namespace) {
			return this.templates.get(mount, namespace);
		}

	}

}
