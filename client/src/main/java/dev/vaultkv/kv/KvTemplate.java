package dev.vaultkv.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;

/**
 * {@link KvOperations} for one KV mount over a {@link VaultClient}. The mount's version is taken as given
 * or detected on first use by a {@link KvMountResolver}, which should be shared by all templates of a
 * client so that each mount is detected once. Thread-safe.
 * <p>
 * Secret values never appear in exceptions or logs; each read is logged at debug level with its path.
 *
 * @since 0.1.0
 */
public class KvTemplate implements KvOperations {

	private static final Log logger = LogFactory.getLog(KvTemplate.class);

	private static final String INVALID_VERSIONED_PATH = "Invalid path for a versioned K/V secrets engine";

	private static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";

	private static final String CAS_REQUIRED = "check-and-set parameter required for this call";

	private final VaultClient client;

	private final String mount;

	private final @Nullable KvMountResolver resolver;

	private final JsonMapper jsonMapper;

	private final boolean patchFallback;

	private final AtomicBoolean patchDeniedLogged = new AtomicBoolean();

	private volatile @Nullable KvVersion version;

	/**
	 * Create a template whose mount version is detected on first use.
	 * @param client the client
	 * @param mount the mount path, for example {@code secret}
	 * @param resolver the resolver shared by the client's templates
	 */
	public KvTemplate(VaultClient client, String mount, KvMountResolver resolver) {
		this(client, mount, resolver, JsonMapper.shared());
	}

	/**
	 * Create a template whose mount version is detected on first use.
	 * @param client the client
	 * @param mount the mount path, for example {@code secret}
	 * @param resolver the resolver shared by the client's templates
	 * @param jsonMapper the mapper for typed reads and for converting written values
	 */
	public KvTemplate(VaultClient client, String mount, KvMountResolver resolver, JsonMapper jsonMapper) {
		this(client, mount, resolver, null, jsonMapper);
		Assert.notNull(resolver, "'resolver' must not be null");
	}

	/**
	 * Create a template for a mount of a known version; no detection request is sent.
	 * @param client the client
	 * @param mount the mount path, for example {@code secret}
	 * @param version the mount's KV version
	 */
	public KvTemplate(VaultClient client, String mount, KvVersion version) {
		this(client, mount, version, JsonMapper.shared());
	}

	/**
	 * Create a template for a mount of a known version; no detection request is sent.
	 * @param client the client
	 * @param mount the mount path, for example {@code secret}
	 * @param version the mount's KV version
	 * @param jsonMapper the mapper for typed reads and for converting written values
	 */
	public KvTemplate(VaultClient client, String mount, KvVersion version, JsonMapper jsonMapper) {
		this(client, mount, null, version, jsonMapper);
		Assert.notNull(version, "'version' must not be null");
	}

	private KvTemplate(VaultClient client, String mount, @Nullable KvMountResolver resolver,
			@Nullable KvVersion version, JsonMapper jsonMapper) {
		this(client, mount, resolver, version, jsonMapper, false);
	}

	private KvTemplate(VaultClient client, String mount, @Nullable KvMountResolver resolver,
			@Nullable KvVersion version, JsonMapper jsonMapper, boolean patchFallback) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.client = client;
		this.mount = KvPaths.mount(mount);
		this.resolver = resolver;
		this.version = version;
		this.jsonMapper = jsonMapper;
		this.patchFallback = patchFallback;
	}

	/**
	 * Return a template for the same mount that patches by reading, merging and writing back when the
	 * server cannot patch: on a KV version 1 mount, or when a KV version 2 {@code PATCH} is answered with
	 * 403 (the token lacks the {@code patch} capability) or 405 (Vault before 1.9). On KV version 2 the
	 * write back is a check-and-set on the version read, so a concurrent change fails with
	 * {@link VersionConflictException}; KV version 1 has no check-and-set, so there the last writer wins.
	 * The read and the write need the {@code read} and {@code update} capabilities and fail with a
	 * permission denial of their own when the token lacks them.
	 * @param patchFallback whether to fall back to read, merge and write
	 * @return the template
	 */
	public KvTemplate withPatchFallback(boolean patchFallback) {
		return new KvTemplate(this.client, this.mount, this.resolver, this.version, this.jsonMapper, patchFallback);
	}

	/**
	 * Create a template with its own {@link KvMountResolver} (without a fallback version). Prefer sharing
	 * one resolver when several templates use the same client.
	 * @param client the client
	 * @param mount the mount path, for example {@code secret}
	 * @return the template
	 */
	public static KvTemplate create(VaultClient client, String mount) {
		return new KvTemplate(client, mount, new KvMountResolver(client));
	}

	/**
	 * Create a template for a mount of a known version.
	 * @param client the client
	 * @param mount the mount path, for example {@code secret}
	 * @param version the mount's KV version
	 * @return the template
	 */
	public static KvTemplate create(VaultClient client, String mount, KvVersion version) {
		return new KvTemplate(client, mount, version);
	}

	@Override
	public String getMount() {
		return this.mount;
	}

	@Override
	public KvVersion getVersion() {
		KvVersion version = this.version;
		if (version == null) {
			Assert.state(this.resolver != null, "No resolver");
			version = this.resolver.resolve(this.mount);
			this.version = version;
		}
		return version;
	}

	@Override
	public @Nullable VersionedSecret read(String path) {
		String secretPath = KvPaths.secret(this.mount, path);
		return (getVersion() == KvVersion.V1) ? readV1(secretPath) : readV2(secretPath, null);
	}

	@Override
	public @Nullable VersionedSecret read(String path, long version) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.isTrue(version >= 1, "'version' must be 1 or more");
		requireV2("versions");
		return readV2(secretPath, version);
	}

	@Override
	public <T> @Nullable T read(String path, Class<T> type) {
		Assert.notNull(type, "'type' must not be null");
		VersionedSecret secret = read(path);
		if (secret == null) {
			return null;
		}
		try {
			return this.jsonMapper.treeToValue(secret.data().asJson(), type);
		}
		catch (JacksonException ex) {
			// Jackson's own message may quote the value, so neither it nor the exception is passed on.
			throw new VaultException("Could not convert the secret at '" + this.mount + "/" + path + "' to "
					+ type.getName() + describe(ex));
		}
	}

	private static String describe(JacksonException ex) {
		StringBuilder description = new StringBuilder();
		String field = ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.reduce((left, right) -> right.startsWith("[") ? left + right : left + "." + right)
			.orElse(null);
		if (field != null) {
			description.append(": field '").append(field).append('\'');
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			description.append((field != null) ? " cannot be converted to " : ": a value cannot be converted to ")
				.append(mismatch.getTargetType().getSimpleName());
		}
		else if (!(ex instanceof DatabindException)) {
			description.append((field != null) ? " is" : ": the data is").append(" not valid JSON for it");
		}
		else {
			description.append((field != null) ? " cannot be bound" : ": the type cannot be bound")
				.append(" (").append(ex.getClass().getSimpleName()).append(')');
		}
		return description.toString();
	}

	@Override
	public @Nullable VersionMetadata write(String path, Map<String, ?> data) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(data, "'data' must not be null");
		if (getVersion() == KvVersion.V1) {
			return writeV1(secretPath, toJson(data));
		}
		return writeData(VaultRequest.post(dataPath(secretPath)), data, null);
	}

	private @Nullable VersionMetadata writeV1(String secretPath, ObjectNode fields) {
		Assert.isTrue(!fields.isEmpty(), () -> "KV version 1 cannot store a secret without fields at '" + this.mount
				+ "/" + secretPath + "'; delete it instead");
		VaultRequest request = VaultRequest.post(v1Path(secretPath)).body(fields).build();
		try {
			this.client.execute(request);
		}
		catch (SecretNotFoundException ex) {
			// A KV version 2 mount answers a version 1 write with 404 and a warning.
			checkVersionedPathWarning(request, ex);
			throw ex;
		}
		return null;
	}

	@Override
	public @Nullable VersionMetadata update(String path, Map<String, ?> data) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(data, "'data' must not be null");
		if (getVersion() == KvVersion.V1) {
			if (readV1(secretPath) == null) {
				throw absent("update", v1Path(secretPath), secretPath);
			}
			return writeV1(secretPath, toJson(data));
		}
		VersionedSecret current = readV2(secretPath, null);
		if (current == null) {
			throw absent("update", dataPath(secretPath), secretPath);
		}
		return writeData(VaultRequest.post(dataPath(secretPath)), data, current.version());
	}

	private SecretNotFoundException absent(String action, String requestPath, String secretPath) {
		return new SecretNotFoundException("No secret to " + action + " at '" + secretPath + "' on mount '"
				+ this.mount + "': it is absent or its current version is deleted or destroyed; write(path, data)"
				+ " creates it", null, requestPath, 404, List.of(), null);
	}

	@Override
	public @Nullable VersionMetadata write(String path, Object value) {
		String secretPath = KvPaths.secret(this.mount, path);
		ObjectNode fields = toFields(value);
		return (getVersion() == KvVersion.V1) ? writeV1(secretPath, fields)
				: writeData(VaultRequest.post(dataPath(secretPath)), fields, null);
	}

	private ObjectNode toFields(Object value) {
		Assert.notNull(value, "'value' must not be null");
		if (value instanceof Map<?, ?> map) {
			map.keySet().forEach((key) -> Assert.isInstanceOf(String.class, key, "Field names must be strings"));
		}
		JsonNode tree;
		try {
			tree = this.jsonMapper.valueToTree(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("A " + value.getClass().getName()
					+ " cannot be converted to JSON (" + ex.getClass().getSimpleName() + "); nothing was written");
		}
		if (!(tree instanceof ObjectNode fields)) {
			throw new IllegalArgumentException("A " + value.getClass().getName() + " converts to a JSON "
					+ tree.getNodeType().name().toLowerCase(Locale.ROOT)
					+ ", not an object; write a record, a JavaBean or a Map whose properties are the secret's keys"
					+ " (nothing was written)");
		}
		return fields;
	}

	@Override
	public VersionMetadata write(String path, Map<String, ?> data, long cas) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(data, "'data' must not be null");
		Assert.isTrue(cas >= 0, "'cas' must be 0 or more");
		requireV2("check-and-set");
		return writeData(VaultRequest.post(dataPath(secretPath)), data, cas);
	}

	@Override
	public VersionMetadata patch(String path, Map<String, ?> patch) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(patch, "'patch' must not be null");
		return patch(secretPath, toJson(patch), null);
	}

	@Override
	public VersionMetadata patch(String path, Map<String, ?> patch, long cas) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(patch, "'patch' must not be null");
		Assert.isTrue(cas >= 0, "'cas' must be 0 or more");
		return patch(secretPath, toJson(patch), cas);
	}

	private VersionMetadata patch(String secretPath, ObjectNode patch, @Nullable Long cas) {
		if (getVersion() == KvVersion.V1) {
			if (!this.patchFallback) {
				throw new UnsupportedKvOperationException(this.mount, "patch");
			}
			if (cas != null) {
				throw new UnsupportedKvOperationException(this.mount, "check-and-set");
			}
			return patchV1(secretPath, patch);
		}
		try {
			return writeData(VaultRequest.patch(dataPath(secretPath)), patch, cas);
		}
		catch (VaultException ex) {
			if (!this.patchFallback || !cannotPatch(ex)) {
				throw ex;
			}
			if (ex.getStatus() == 403 && this.patchDeniedLogged.compareAndSet(false, true)) {
				logger.warn("Vault denied a PATCH on mount '" + this.mount + "'; patching by read, merge and "
						+ "check-and-set write instead (two requests); grant the 'patch' capability to patch in one");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Vault answered " + ex.getStatus() + " to a PATCH of '" + dataPath(secretPath)
						+ "'; patching by read, merge and check-and-set write instead");
			}
			return readMergeWrite(secretPath, patch, cas);
		}
	}

	/**
	 * Whether a PATCH failed because the server cannot patch here rather than because of the request: a
	 * 403 (no {@code patch} capability) or a 405 (a server before Vault 1.9). A denial of the read or
	 * the write that follow surfaces from those requests themselves.
	 */
	private static boolean cannotPatch(VaultException ex) {
		return (ex instanceof PermissionDeniedException denied && !denied.isInvalidToken()) || ex.getStatus() == 405;
	}

	private VersionMetadata readMergeWrite(String secretPath, ObjectNode patch, @Nullable Long cas) {
		VersionedSecret current = readV2(secretPath, null);
		if (current == null) {
			throw absent("patch", dataPath(secretPath), secretPath);
		}
		if (cas != null && cas != current.version()) {
			throw new VersionConflictException("PATCH", dataPath(secretPath), List.of(), cas, current.version());
		}
		ObjectNode merged = JsonMergePatch.apply(current.data().asJson(), patch);
		return writeData(VaultRequest.post(dataPath(secretPath)), merged, current.version());
	}

	private VersionMetadata patchV1(String secretPath, ObjectNode patch) {
		VersionedSecret current = readV1(secretPath);
		if (current == null) {
			throw absent("patch", v1Path(secretPath), secretPath);
		}
		ObjectNode merged = JsonMergePatch.apply(current.data().asJson(), patch);
		writeV1(secretPath, merged);
		return new VersionMetadata(0, null, null, false, Map.of());
	}

	private VersionMetadata writeData(VaultRequest.Builder request, Map<String, ?> data, @Nullable Long cas) {
		return writeData(request, toJson(data), cas);
	}

	private VersionMetadata writeData(VaultRequest.Builder request, ObjectNode fields, @Nullable Long cas) {
		ObjectNode body = this.jsonMapper.createObjectNode();
		body.set("data", fields);
		if (cas != null) {
			body.putObject("options").put("cas", cas);
		}
		VaultRequest built = request.body(body).build();
		VaultResponse response;
		try {
			response = this.client.execute(built);
		}
		catch (InvalidRequestException ex) {
			throw writeFailure(ex, built, cas);
		}
		JsonNode metadata = response.data();
		if (metadata == null || !metadata.isObject()) {
			throw KvResponses.malformed("no version metadata", built.getPath());
		}
		return KvResponses.versionMetadata(metadata, built.getPath());
	}

	private InvalidRequestException writeFailure(InvalidRequestException ex, VaultRequest request, @Nullable Long cas) {
		if (ex instanceof VersionConflictException) {
			return ex;
		}
		String secretPath = request.getPath().substring(this.mount.length() + "/data/".length());
		if (cas != null && hasError(ex, CAS_MISMATCH)) {
			return new VersionConflictException(request.getOperation(), request.getPath(), ex.getErrors(), cas,
					currentVersion(secretPath));
		}
		if (hasError(ex, CAS_REQUIRED) && !hasError(ex, "metadata " + CAS_REQUIRED)) {
			return new InvalidRequestException("Secret '" + secretPath + "' on mount '" + this.mount
					+ "' requires check-and-set (cas_required is set on the key or the mount); use write(path, data, cas)"
					+ " or patch(path, patch, cas) with the current version (0 for a new key)", request.getOperation(),
					request.getPath(), ex.getStatus(), ex.getErrors(), ex);
		}
		return ex;
	}

	private long currentVersion(String secretPath) {
		try {
			KeyMetadata metadata = readMetadata(secretPath);
			return (metadata != null) ? metadata.currentVersion() : 0;
		}
		catch (VaultException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Could not read the current version of '" + this.mount + "/" + secretPath
						+ "' after a check-and-set conflict: " + ex.getMessage());
			}
			return -1;
		}
	}

	private static boolean hasError(VaultException ex, String text) {
		return ex.getErrors().stream().anyMatch((error) -> error.contains(text));
	}

	@Override
	public void delete(String path) {
		String secretPath = KvPaths.secret(this.mount, path);
		String requestPath = (getVersion() == KvVersion.V1) ? v1Path(secretPath) : dataPath(secretPath);
		executeIgnoringAbsent(VaultRequest.delete(requestPath).build());
	}

	@Override
	public boolean deleteIfExists(String path) {
		String secretPath = KvPaths.secret(this.mount, path);
		VersionedSecret current = (getVersion() == KvVersion.V1) ? readV1(secretPath) : readV2(secretPath, null);
		if (current == null) {
			return false;
		}
		delete(secretPath);
		return true;
	}

	@Override
	public void delete(String path, long... versions) {
		postVersions("delete", path, versions);
	}

	@Override
	public boolean deleteIfExists(String path, long... versions) {
		String secretPath = KvPaths.secret(this.mount, path);
		checkVersions("delete", versions);
		KeyMetadata metadata = readMetadata(secretPath);
		if (metadata == null) {
			return false;
		}
		Instant now = Instant.now();
		long[] live = LongStream.of(versions).distinct().filter((version) -> {
			VersionMetadata existing = metadata.versions().get(version);
			return existing != null && !existing.destroyed() && !existing.isDeletedAt(now);
		}).toArray();
		if (live.length == 0) {
			return false;
		}
		postVersions("delete", secretPath, live);
		return true;
	}

	@Override
	public void undelete(String path, long... versions) {
		postExistingVersions("undelete", path, versions);
	}

	@Override
	public void destroy(String path, long... versions) {
		postExistingVersions("destroy", path, versions);
	}

	/**
	 * Undelete or destroy versions after checking that the secret has them, so that a mistyped version
	 * fails with the versions that exist instead of silently doing nothing. A token that may not read the
	 * metadata skips the check.
	 */
	private void postExistingVersions(String action, String path, long[] versions) {
		String secretPath = KvPaths.secret(this.mount, path);
		checkVersions(action, versions);
		KeyMetadata metadata;
		try {
			metadata = readMetadata(secretPath);
		}
		catch (PermissionDeniedException ex) {
			logger.debug("Cannot read the metadata of '" + this.mount + "/" + secretPath + "' to check the versions to "
					+ action + "; sending the request unchecked");
			postVersions(action, secretPath, versions);
			return;
		}
		if (metadata == null) {
			throw absent(action, metadataPath(secretPath), secretPath);
		}
		long[] missing = LongStream.of(versions).filter((version) -> !metadata.versions().containsKey(version))
			.distinct()
			.toArray();
		if (missing.length > 0) {
			List<Long> existing = metadata.versions().keySet().stream().sorted().toList();
			throw new IllegalArgumentException("Secret '" + secretPath + "' on mount '" + this.mount
					+ "' has no version " + LongStream.of(missing).mapToObj(Long::toString).collect(Collectors.joining(", "))
					+ "; its versions are " + (existing.isEmpty() ? "none" : existing) + "; nothing was " + action
					+ ((action.endsWith("e")) ? "d" : "ed"));
		}
		postVersions(action, secretPath, versions);
	}

	private void postVersions(String action, String path, long[] versions) {
		String secretPath = KvPaths.secret(this.mount, path);
		checkVersions(action, versions);
		requireV2((action.equals("delete") ? "version deletes" : action));
		ArrayNode list = this.jsonMapper.createArrayNode();
		for (long version : versions) {
			list.add(version);
		}
		ObjectNode body = this.jsonMapper.createObjectNode();
		body.set("versions", list);
		executeIgnoringAbsent(VaultRequest.post(this.mount + "/" + action + "/" + secretPath).body(body).build());
	}

	private static void checkVersions(String action, long[] versions) {
		Assert.notNull(versions, "'versions' must not be null");
		Assert.isTrue(versions.length > 0, () -> "At least one version to " + action + " must be given");
		for (long version : versions) {
			Assert.isTrue(version >= 1, () -> "Versions must be 1 or more, got " + version);
		}
	}

	@Override
	public List<String> list(String folder) {
		return list(folder, null, 0);
	}

	@Override
	public List<String> list(String folder, @Nullable String after, int limit) {
		String name = KvPaths.folder(this.mount, folder);
		Assert.isTrue(limit >= 0, "'limit' must not be negative");
		String requestPath;
		if (getVersion() == KvVersion.V1) {
			requestPath = name.isEmpty() ? this.mount + "/" : v1Path(name);
		}
		else {
			requestPath = this.mount + "/metadata/" + name;
		}
		VaultRequest.Builder builder = VaultRequest.list(requestPath);
		// OpenBao pages on the server; Vault ignores both parameters, so the page is also cut here
		if (after != null && !after.isEmpty()) {
			builder.query("after", after);
		}
		if (limit > 0) {
			builder.query("limit", limit);
		}
		VaultRequest request = builder.build();
		VaultResponse response;
		try {
			response = this.client.execute(request);
		}
		catch (SecretNotFoundException ex) {
			checkVersionedPathWarning(request, ex);
			return List.of();
		}
		JsonNode data = response.data();
		List<String> keys = (data != null && data.isObject()) ? KvResponses.keys(data, request.getPath()) : List.of();
		return page(keys, after, limit);
	}

	private static List<String> page(List<String> keys, @Nullable String after, int limit) {
		if ((after == null || after.isEmpty()) && (limit == 0 || keys.size() <= limit)) {
			return keys;
		}
		return keys.stream()
			.filter((key) -> after == null || after.isEmpty() || key.compareTo(after) > 0)
			.sorted()
			.limit((limit > 0) ? limit : Long.MAX_VALUE)
			.toList();
	}

	@Override
	public @Nullable SecretSubkeys subkeys(String path, long version, int depth) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.isTrue(version >= 0, "'version' must not be negative");
		Assert.isTrue(depth >= 0, "'depth' must not be negative");
		requireV2("subkeys");
		VaultRequest.Builder builder = VaultRequest.get(this.mount + "/subkeys/" + secretPath);
		if (version > 0) {
			builder.query("version", version);
		}
		if (depth > 0) {
			builder.query("depth", depth);
		}
		return readVersioned(builder.build(), "subkeys", SecretSubkeys::new);
	}

	@Override
	public @Nullable KeyMetadata readMetadata(String path) {
		String secretPath = KvPaths.secret(this.mount, path);
		requireV2("metadata");
		VaultRequest request = VaultRequest.get(metadataPath(secretPath)).build();
		VaultResponse response = readOrNull(request);
		return (response != null) ? KvResponses.keyMetadata(response.requireData(), request.getPath()) : null;
	}

	@Override
	public void writeMetadata(String path, MetadataUpdate update) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(update, "'update' must not be null");
		requireV2("metadata");
		this.client.execute(VaultRequest.post(metadataPath(secretPath)).body(metadataBody(update, false)).build());
	}

	@Override
	public void patchMetadata(String path, MetadataUpdate update) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(update, "'update' must not be null");
		requireV2("metadata");
		this.client.execute(VaultRequest.patch(metadataPath(secretPath)).body(metadataBody(update, true)).build());
	}

	private ObjectNode metadataBody(MetadataUpdate update, boolean patch) {
		ObjectNode body = this.jsonMapper.createObjectNode();
		if (update.maxVersions() != null) {
			Assert.isTrue(update.maxVersions() >= 0, "'maxVersions' must be 0 or more");
			body.put("max_versions", update.maxVersions());
		}
		if (update.casRequired() != null) {
			body.put("cas_required", update.casRequired());
		}
		if (update.deleteVersionAfter() != null) {
			Assert.isTrue(!update.deleteVersionAfter().isNegative(), "'deleteVersionAfter' must not be negative");
			body.put("delete_version_after", GoDurations.format(update.deleteVersionAfter()));
		}
		Map<String, @Nullable String> customMetadata = update.customMetadata();
		if (customMetadata != null) {
			ObjectNode custom = body.putObject("custom_metadata");
			customMetadata.forEach((key, value) -> {
				Assert.hasText(key, "Custom metadata keys must not be empty");
				if (value != null) {
					custom.put(key, value);
				}
				else {
					Assert.isTrue(patch, () -> "Custom metadata key '" + key + "' has no value; a write replaces the "
							+ "whole map, so leave the key out (patchMetadata removes keys given as null)");
					custom.putNull(key);
				}
			});
		}
		return body;
	}

	@Override
	public VersionMetadata write(DescribedSecret secret) {
		Assert.notNull(secret, "'secret' must not be null");
		Assert.notNull(secret.description(), "'secret' must have a description");
		String secretPath = KvPaths.secret(this.mount, secret.path());
		requireV2("descriptions (custom metadata)");
		KeyMetadata previous = readMetadata(secretPath);
		setDescription(secretPath, previous, secret.description());
		try {
			return writeData(VaultRequest.post(dataPath(secretPath)), secret.data().asJson(), null);
		}
		catch (RuntimeException ex) {
			restoreDescription(secretPath, previous, ex);
			throw ex;
		}
	}

	private void setDescription(String secretPath, @Nullable KeyMetadata previous, @Nullable String description) {
		Map<String, @Nullable String> custom = new HashMap<>();
		custom.put(DescribedSecret.DESCRIPTION_KEY, description);
		if (previous == null) {
			// Vault answers 404 to a metadata PATCH of an absent key: a POST creates the metadata
			writeMetadata(secretPath, MetadataUpdate.empty().withCustomMetadata(custom));
		}
		else {
			patchMetadata(secretPath, MetadataUpdate.empty().withCustomMetadata(custom));
		}
	}

	/**
	 * Put back the description a failed write of a described secret changed, so that the failure
	 * changes nothing; metadata created for a key that still has no version is deleted again.
	 */
	private void restoreDescription(String secretPath, @Nullable KeyMetadata previous, RuntimeException failure) {
		try {
			if (previous == null) {
				KeyMetadata created = readMetadata(secretPath);
				if (created != null && created.currentVersion() == 0) {
					deleteMetadata(secretPath);
				}
			}
			else {
				setDescription(secretPath, previous, previous.customMetadata().get(DescribedSecret.DESCRIPTION_KEY));
			}
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	@Override
	public @Nullable DescribedSecret readDescribed(String path) {
		String secretPath = KvPaths.secret(this.mount, path);
		requireV2("descriptions (custom metadata)");
		VersionedSecret secret = readV2(secretPath, null);
		if (secret == null) {
			return null;
		}
		KeyMetadata metadata = readMetadata(secretPath);
		String description = (metadata != null) ? metadata.customMetadata().get(DescribedSecret.DESCRIPTION_KEY)
				: null;
		return new DescribedSecret(secretPath, secret.data(), description, secret.metadata());
	}

	@Override
	public boolean deleteMetadataIfExists(String path) {
		String secretPath = KvPaths.secret(this.mount, path);
		if (readMetadata(secretPath) == null) {
			return false;
		}
		deleteMetadata(secretPath);
		return true;
	}

	@Override
	public void deleteMetadata(String path) {
		String secretPath = KvPaths.secret(this.mount, path);
		requireV2("metadata");
		executeIgnoringAbsent(VaultRequest.delete(metadataPath(secretPath)).build());
	}

	@Override
	public KvEngineConfig readConfig() {
		requireV2("engine configuration");
		VaultRequest request = VaultRequest.get(this.mount + "/config").build();
		return KvResponses.engineConfig(this.client.execute(request).requireData(), request.getPath());
	}

	@Override
	public void writeConfig(KvEngineConfig config) {
		Assert.notNull(config, "'config' must not be null");
		Assert.isTrue(config.maxVersions() >= 0, "'maxVersions' must be 0 or more");
		Assert.notNull(config.deleteVersionAfter(), "'deleteVersionAfter' must not be null");
		requireV2("engine configuration");
		ObjectNode body = this.jsonMapper.createObjectNode();
		body.put("max_versions", config.maxVersions());
		body.put("cas_required", config.casRequired());
		body.put("delete_version_after", GoDurations.format(config.deleteVersionAfter()));
		this.client.execute(VaultRequest.post(this.mount + "/config").body(body).build());
	}

	private @Nullable VersionedSecret readV2(String secretPath, @Nullable Long version) {
		VaultRequest.Builder builder = VaultRequest.get(dataPath(secretPath));
		if (version != null) {
			builder.query("version", version);
		}
		VaultRequest request = builder.build();
		logRead(request);
		// the answer's tree is this read's alone, so the secret takes its fields over without a copy
		return readVersioned(request, "data",
				(fields, metadata) -> new VersionedSecret(SecretData.adopt((ObjectNode) fields), metadata));
	}

	/**
	 * Read a KV version 2 answer made of an object field and the version's metadata.
	 * @return the result, or {@code null} when the secret or version is absent, deleted or destroyed
	 */
	private <T> @Nullable T readVersioned(VaultRequest request, String field,
			BiFunction<JsonNode, VersionMetadata, T> result) {
		VaultResponse response = readOrNull(request);
		if (response == null) {
			return null;
		}
		JsonNode data = response.requireData();
		JsonNode value = data.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw KvResponses.malformed("a '" + field + "' that is not an object", request.getPath());
		}
		JsonNode metadata = data.get("metadata");
		if (metadata == null || !metadata.isObject()) {
			throw KvResponses.malformed("no version metadata", request.getPath());
		}
		return result.apply(value, KvResponses.versionMetadata(metadata, request.getPath()));
	}

	private @Nullable VersionedSecret readV1(String secretPath) {
		VaultRequest request = VaultRequest.get(v1Path(secretPath)).build();
		logRead(request);
		VaultResponse response = readOrNull(request);
		if (response == null) {
			return null;
		}
		JsonNode data = response.data();
		if (data == null || !data.isObject()) {
			return new VersionedSecret(SecretData.empty(), null);
		}
		// Vault sends the mount's default lease with every KV v1 read; only a secret's own ttl is a hint
		boolean ownTtl = data.has("ttl") || data.has("lease");
		Duration ttl = (ownTtl && response.leaseDuration() > 0) ? Duration.ofSeconds(response.leaseDuration()) : null;
		return new VersionedSecret(SecretData.of(data), null, ttl);
	}

	private @Nullable VaultResponse readOrNull(VaultRequest request) {
		try {
			return this.client.execute(request);
		}
		catch (SecretNotFoundException ex) {
			checkVersionedPathWarning(request, ex);
			// Absent, or a deleted or destroyed version whose metadata is in ex.getData().
			return null;
		}
	}

	private void executeIgnoringAbsent(VaultRequest request) {
		try {
			this.client.execute(request);
		}
		catch (SecretNotFoundException ex) {
			checkVersionedPathWarning(request, ex);
		}
	}

	private void checkVersionedPathWarning(VaultRequest request, SecretNotFoundException ex) {
		if (ex.getWarnings().stream().anyMatch((warning) -> warning.contains(INVALID_VERSIONED_PATH))) {
			throw new KvVersionMismatchException(this.mount, request.getOperation(), request.getPath(),
					ex.getWarnings(), ex);
		}
	}

	private void logRead(VaultRequest request) {
		if (logger.isDebugEnabled()) {
			logger.debug("Reading secret '" + request.getPath() + "'"
					+ (request.getQuery().isEmpty() ? "" : " " + request.getQuery()));
		}
	}

	private ObjectNode toJson(Map<String, ?> data) {
		ObjectNode node = this.jsonMapper.createObjectNode();
		data.forEach((key, value) -> {
			Assert.notNull(key, "Field names must not be null");
			if (value == null) {
				node.putNull(key);
				return;
			}
			try {
				node.set(key, this.jsonMapper.valueToTree(value));
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("The value of field '" + key + "' (a " + value.getClass().getName()
						+ ") cannot be converted to JSON");
			}
		});
		return node;
	}

	private void requireV2(String operation) {
		if (getVersion() != KvVersion.V2) {
			throw new UnsupportedKvOperationException(this.mount, operation);
		}
	}

	private String dataPath(String secretPath) {
		return this.mount + "/data/" + secretPath;
	}

	private String metadataPath(String secretPath) {
		return this.mount + "/metadata/" + secretPath;
	}

	private String v1Path(String secretPath) {
		return this.mount + "/" + secretPath;
	}

	@Override
	public String toString() {
		KvVersion version = this.version;
		return "KvTemplate[mount=" + this.mount + ", version=" + ((version != null) ? version : "undetected") + "]";
	}

}
