package dev.vaultkv.kv;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.client = client;
		this.mount = KvPaths.mount(mount);
		this.resolver = resolver;
		this.version = version;
		this.jsonMapper = jsonMapper;
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
			Assert.isTrue(!data.isEmpty(), () -> "KV version 1 cannot store a secret without fields at '" + this.mount
					+ "/" + secretPath + "'; delete it instead");
			VaultRequest request = VaultRequest.post(v1Path(secretPath)).body(toJson(data)).build();
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
		return writeData(VaultRequest.post(dataPath(secretPath)), data, null);
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
		requireV2("patch");
		return writeData(VaultRequest.patch(dataPath(secretPath)), patch, null);
	}

	@Override
	public VersionMetadata patch(String path, Map<String, ?> patch, long cas) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(patch, "'patch' must not be null");
		Assert.isTrue(cas >= 0, "'cas' must be 0 or more");
		requireV2("patch");
		return writeData(VaultRequest.patch(dataPath(secretPath)), patch, cas);
	}

	private VersionMetadata writeData(VaultRequest.Builder request, Map<String, ?> data, @Nullable Long cas) {
		ObjectNode body = this.jsonMapper.createObjectNode();
		body.set("data", toJson(data));
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
	public void delete(String path, long... versions) {
		postVersions("delete", path, versions);
	}

	@Override
	public void undelete(String path, long... versions) {
		postVersions("undelete", path, versions);
	}

	@Override
	public void destroy(String path, long... versions) {
		postVersions("destroy", path, versions);
	}

	private void postVersions(String action, String path, long[] versions) {
		String secretPath = KvPaths.secret(this.mount, path);
		Assert.notNull(versions, "'versions' must not be null");
		Assert.isTrue(versions.length > 0, () -> "At least one version to " + action + " must be given");
		requireV2((action.equals("delete") ? "version deletes" : action));
		ArrayNode list = this.jsonMapper.createArrayNode();
		for (long version : versions) {
			Assert.isTrue(version >= 1, () -> "Versions must be 1 or more, got " + version);
			list.add(version);
		}
		ObjectNode body = this.jsonMapper.createObjectNode();
		body.set("versions", list);
		executeIgnoringAbsent(VaultRequest.post(this.mount + "/" + action + "/" + secretPath).body(body).build());
	}

	@Override
	public List<String> list(String folder) {
		String name = KvPaths.folder(this.mount, folder);
		String requestPath;
		if (getVersion() == KvVersion.V1) {
			requestPath = name.isEmpty() ? this.mount + "/" : v1Path(name);
		}
		else {
			requestPath = this.mount + "/metadata/" + name;
		}
		VaultRequest request = VaultRequest.list(requestPath).build();
		VaultResponse response;
		try {
			response = this.client.execute(request);
		}
		catch (SecretNotFoundException ex) {
			checkVersionedPathWarning(request, ex);
			return List.of();
		}
		JsonNode data = response.data();
		return (data != null && data.isObject()) ? KvResponses.keys(data, request.getPath()) : List.of();
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
		return readVersioned(request, "data", (fields, metadata) -> new VersionedSecret(SecretData.of(fields), metadata));
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
		return new VersionedSecret((data != null && data.isObject()) ? SecretData.of(data) : SecretData.empty(), null);
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
