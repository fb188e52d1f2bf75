package dev.vaultkv.embedded.kv;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.kv.KvFields.Type;
import dev.vaultkv.embedded.kv.VersionedKvStore.MetadataUpdate;
import dev.vaultkv.embedded.kv.VersionedKvStore.PatchOutcome;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.ListPage;

/**
 * The HTTP face of a KV version 2 engine: routes {@code config}, {@code data/}, {@code metadata/},
 * {@code delete/}, {@code undelete/}, {@code destroy/} and {@code subkeys/} like the Vault plugin, and
 * answers anything else with the plugin's invalid-path 404.
 *
 * @author vaultkv
 */
final class KvV2Backend implements Backend {

	static final String UNSUPPORTED_OPERATION = "1 error occurred:\n\t* unsupported operation\n\n";

	static final String CAS_REQUIRED_IGNORED = "\"cas_required\" set to false, but is mandated by backend config. "
			+ "This value will be ignored.";

	static final String ROOT_WARNING = "Non-listing operations on the root of a K/V v2 mount are not supported.";

	private static final String INVALID_PATH_WARNING = "Invalid path for a versioned K/V secrets engine. See the API "
			+ "docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv %s' for this "
			+ "operation.";

	private static final Map<String, Type> CONFIG_FIELDS = Map.of("max_versions", Type.INT, "cas_required",
			Type.BOOL, "delete_version_after", Type.DURATION_SECOND);

	private static final Map<String, Type> DATA_FIELDS = Map.of("path", Type.STRING, "version", Type.INT, "options",
			Type.MAP, "data", Type.MAP);

	private static final Map<String, Type> METADATA_FIELDS = Map.of("path", Type.STRING, "exclude_deleted",
			Type.BOOL, "cas_required", Type.BOOL, "max_versions", Type.INT, "delete_version_after",
			Type.DURATION_SECOND, "custom_metadata", Type.MAP);

	// OpenBao's metadata endpoint: no exclude_deleted, paginated lists (after and limit are checked by ListPage)
	private static final Map<String, Type> OPENBAO_METADATA_FIELDS = Map.of("path", Type.STRING, "after",
			Type.STRING, "limit", Type.STRING, "cas_required", Type.BOOL, "max_versions", Type.INT,
			"delete_version_after", Type.DURATION_SECOND, "custom_metadata", Type.MAP);

	private static final Map<String, Type> VERSIONS_FIELDS = Map.of("path", Type.STRING, "versions",
			Type.COMMA_INT_SLICE);

	private static final Map<String, Type> SUBKEYS_FIELDS = Map.of("path", Type.STRING, "depth", Type.INT,
			"version", Type.INT);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final VersionedKvStore store;

	private final boolean paginated;

	private final Map<String, Type> metadataFields;

	KvV2Backend(VersionedKvStore store, boolean paginated) {
		this.store = store;
		this.paginated = paginated;
		this.metadataFields = paginated ? OPENBAO_METADATA_FIELDS : METADATA_FIELDS;
	}

	VersionedKvStore store() {
		return this.store;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		try {
			return route(request);
		}
		catch (KvRequestException ex) {
			return ApiResponse.error(ex.status(), ex.getMessage());
		}
	}

	@Override
	public @Nullable Boolean exists(ApiRequest request) {
		String path = request.subPath();
		String key = null;
		if (isDataPath(path)) {
			key = path.substring("data/".length());
		}
		else if (path.startsWith("metadata/")) {
			key = path.substring("metadata/".length());
		}
		return (key != null) ? this.store.entry(key) != null : null;
	}

	private ApiResponse route(ApiRequest request) {
		String method = request.method();
		String path = request.subPath();
		if ("LIST".equals(method) && !path.isEmpty() && !path.endsWith("/")) {
			path = path + "/";
		}
		if ("config".equals(path)) {
			return switch (method) {
				case "GET" -> readConfig(fields(CONFIG_FIELDS, request));
				case "POST", "PUT" -> writeConfig(fields(CONFIG_FIELDS, request));
				default -> unsupported();
			};
		}
		if (isDataPath(path)) {
			String key = path.substring("data/".length());
			return switch (method) {
				case "GET" -> readData(key, fields(DATA_FIELDS, request));
				case "POST", "PUT" -> writeData(key, fields(DATA_FIELDS, request));
				case "PATCH" -> patchData(key, fields(DATA_FIELDS, request));
				case "DELETE" -> deleteLatest(key, fields(DATA_FIELDS, request));
				default -> unsupported();
			};
		}
		if (path.startsWith("metadata/")) {
			String key = path.substring("metadata/".length());
			return switch (method) {
				case "GET" -> readMetadata(key, fields(this.metadataFields, request));
				case "LIST" -> list(key, request);
				case "POST", "PUT" -> writeMetadata(key, fields(this.metadataFields, request));
				case "PATCH" -> patchMetadata(key, fields(this.metadataFields, request));
				case "DELETE" -> deleteMetadata(key, fields(this.metadataFields, request));
				default -> unsupported();
			};
		}
		if (path.startsWith("destroy/")) {
			return versionsOperation(method, request, path.substring("destroy/".length()), "no version number provided",
					this.store::destroy);
		}
		if (path.startsWith("subkeys/")) {
			return "GET".equals(method) ? readSubkeys(path.substring("subkeys/".length()), fields(SUBKEYS_FIELDS, request))
					: unsupported();
		}
		if (path.startsWith("delete/")) {
			return versionsOperation(method, request, path.substring("delete/".length()), "No version number provided",
					this.store::deleteVersions);
		}
		if (path.startsWith("undelete/")) {
			return versionsOperation(method, request, path.substring("undelete/".length()),
					"No version number provided", this.store::undelete);
		}
		return invalidPath(method, path);
	}

	private static boolean isDataPath(String path) {
		return path.startsWith("data/") && path.length() > "data/".length() && !path.endsWith("/");
	}

	private static KvFields fields(Map<String, Type> schema, ApiRequest request) {
		return KvFields.validate(schema, request.data());
	}

	private ApiResponse readConfig(KvFields fields) {
		KvV2Config config = this.store.config();
		ObjectNode data = NODES.objectNode();
		data.put("cas_required", config.casRequired());
		data.put("delete_version_after", GoDurations.format(config.deleteVersionAfterSeconds()));
		data.put("max_versions", config.maxVersions());
		return ok(data, fields, false);
	}

	private ApiResponse writeConfig(KvFields fields) {
		Long maxVersions = fields.optionalInt("max_versions");
		Boolean casRequired = fields.optionalBool("cas_required");
		Long deleteVersionAfter = fields.optionalDurationSeconds("delete_version_after");
		if (maxVersions != null || casRequired != null || deleteVersionAfter != null) {
			this.store.updateConfig(maxVersions, casRequired, deleteVersionAfter);
		}
		return ApiResponse.noContent();
	}

	private ApiResponse readData(String key, KvFields fields) {
		long requested = fields.intValue("version");
		KeyEntry entry = this.store.entry(key);
		if (entry == null) {
			return ApiResponse.notFound();
		}
		long number = (requested > 0) ? requested : entry.currentVersion();
		VersionMetadata version = entry.version(number);
		if (version == null) {
			return ApiResponse.notFound();
		}
		ObjectNode body = NODES.objectNode();
		body.putNull("data");
		body.set("metadata", versionView(entry, number, version));
		ObjectNode data = entry.data(number);
		if (!version.isReadable(this.store.now()) || data == null) {
			return notFoundEnvelope(body);
		}
		body.set("data", GoJsonNumbers.asFloat64(data));
		return ok(body, fields, true);
	}

	private ApiResponse writeData(String key, KvFields fields) {
		if (!fields.has("data")) {
			throw new KvRequestException("no data provided");
		}
		ObjectNode data = fields.map("data");
		KeyEntry entry = this.store.write(key, (data != null) ? data : NODES.objectNode(), cas(fields));
		return ok(versionView(entry, entry.currentVersion(), entry.current()), fields, true);
	}

	private ApiResponse patchData(String key, KvFields fields) {
		if (!fields.has("data")) {
			throw new KvRequestException("no data provided");
		}
		ObjectNode patch = fields.map("data");
		PatchOutcome outcome = this.store.patch(key, (patch != null) ? patch : NODES.objectNode(), cas(fields));
		if (outcome instanceof PatchOutcome.Patched patched) {
			KeyEntry entry = patched.entry();
			return ok(versionView(entry, entry.currentVersion(), entry.current()), fields, true);
		}
		if (outcome instanceof PatchOutcome.NotReadable notReadable) {
			KeyEntry entry = notReadable.entry();
			return notFoundEnvelope(versionView(entry, entry.currentVersion(), entry.current()));
		}
		// Vault answers a bare 404 here; the closest the SPI renders is an empty error list.
		return ApiResponse.notFound();
	}

	private static @Nullable JsonNode cas(KvFields fields) {
		ObjectNode options = fields.map("options");
		return (options != null) ? options.get("cas") : null;
	}

	private ApiResponse deleteLatest(String key, KvFields fields) {
		this.store.deleteLatest(key);
		return ApiResponse.noContent();
	}

	private ApiResponse versionsOperation(String method, ApiRequest request, String key, String missingMessage,
			VersionsAction action) {
		if (!"POST".equals(method) && !"PUT".equals(method)) {
			return unsupported();
		}
		KvFields fields = fields(VERSIONS_FIELDS, request);
		List<Long> versions = fields.intSlice("versions");
		if (versions.isEmpty()) {
			throw new KvRequestException(missingMessage);
		}
		action.apply(key, versions);
		return ApiResponse.noContent();
	}

	private ApiResponse readMetadata(String key, KvFields fields) {
		KeyEntry entry = this.store.entry(key);
		if (entry == null) {
			return ApiResponse.notFound();
		}
		ObjectNode data = NODES.objectNode();
		data.put("cas_required", entry.casRequired());
		data.put("created_time", VaultTimestamps.format(entry.createdTime()));
		data.put("current_version", entry.currentVersion());
		data.set("custom_metadata", customMetadataView(entry));
		data.put("delete_version_after", GoDurations.format(entry.deleteVersionAfterSeconds()));
		data.put("max_versions", entry.maxVersions());
		data.put("oldest_version", entry.oldestVersion());
		data.put("updated_time", VaultTimestamps.format(entry.updatedTime()));
		// Go renders map keys in string order: "1", "10", "2".
		TreeMap<String, VersionMetadata> byName = new TreeMap<>();
		entry.versions().forEach((number, version) -> byName.put(Long.toString(number), version));
		ObjectNode versions = data.putObject("versions");
		byName.forEach((name, version) -> {
			ObjectNode view = versions.putObject(name);
			view.put("created_time", VaultTimestamps.format(version.createdTime()));
			view.put("deletion_time", VaultTimestamps.format(version.deletionTime()));
			view.put("destroyed", version.destroyed());
		});
		return ok(data, fields, true);
	}

	private ApiResponse list(String folder, ApiRequest request) {
		KvFields fields = fields(this.metadataFields, request);
		List<String> keys;
		if (this.paginated) {
			ListPage page;
			try {
				page = ListPage.from(request.data());
			}
			catch (IllegalArgumentException ex) {
				throw new KvRequestException(ex.getMessage());
			}
			keys = page.select(this.store.list(folder, false));
		}
		else {
			keys = this.store.list(folder, fields.boolValue("exclude_deleted"));
		}
		if (keys.isEmpty()) {
			return ApiResponse.notFound();
		}
		ObjectNode data = NODES.objectNode();
		ArrayNode array = data.putArray("keys");
		keys.forEach(array::add);
		return ok(data, fields, true);
	}

	private ApiResponse writeMetadata(String key, KvFields fields) {
		if (key.isEmpty()) {
			throw new KvRequestException("missing path");
		}
		Map<String, String> customMetadata = null;
		if (fields.has("custom_metadata")) {
			customMetadata = CustomMetadata.parse(fields.map("custom_metadata"), false);
			CustomMetadata.validate(customMetadata);
		}
		MetadataUpdate update = new MetadataUpdate(fields.optionalInt("max_versions"),
				fields.optionalBool("cas_required"), fields.optionalDurationSeconds("delete_version_after"),
				customMetadata);
		if (update.isEmpty()) {
			return ApiResponse.noContent();
		}
		boolean warn = Boolean.FALSE.equals(update.casRequired()) && this.store.config().casRequired();
		this.store.writeMetadata(key, update);
		return warn ? ApiResponse.ok(null).withWarning(CAS_REQUIRED_IGNORED) : ApiResponse.noContent();
	}

	private ApiResponse patchMetadata(String key, KvFields fields) {
		if (key.isEmpty()) {
			throw new KvRequestException("missing path");
		}
		Map<String, @Nullable String> customMetadataPatch = null;
		boolean clearCustomMetadata = false;
		if (fields.has("custom_metadata")) {
			ObjectNode raw = fields.map("custom_metadata");
			if (raw == null) {
				clearCustomMetadata = true;
			}
			else {
				CustomMetadata.validate(CustomMetadata.parse(raw, true));
				customMetadataPatch = CustomMetadata.parsePatch(raw);
			}
		}
		MetadataUpdate update = new MetadataUpdate(
				fields.has("max_versions") ? fields.intValue("max_versions") : null,
				fields.has("cas_required") ? fields.boolValue("cas_required") : null,
				fields.has("delete_version_after") ? orZero(fields.optionalDurationSeconds("delete_version_after"))
						: null,
				null);
		boolean warn = Boolean.FALSE.equals(update.casRequired()) && this.store.config().casRequired();
		KeyEntry patched = this.store.patchMetadata(key, update, customMetadataPatch, clearCustomMetadata);
		if (patched == null) {
			// Vault answers a bare 404 here; the closest the SPI renders is an empty error list.
			return ApiResponse.notFound();
		}
		return warn ? ApiResponse.ok(null).withWarning(CAS_REQUIRED_IGNORED) : ApiResponse.noContent();
	}

	private static long orZero(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

	private ApiResponse deleteMetadata(String key, KvFields fields) {
		this.store.deleteMetadata(key);
		return ApiResponse.noContent();
	}

	private ApiResponse readSubkeys(String key, KvFields fields) {
		long depth = fields.intValue("depth");
		long requested = fields.intValue("version");
		KeyEntry entry = this.store.entry(key);
		if (entry == null) {
			return ApiResponse.notFound();
		}
		long number = (requested > 0) ? requested : entry.currentVersion();
		VersionMetadata version = entry.version(number);
		if (version == null) {
			return ApiResponse.notFound();
		}
		ObjectNode body = NODES.objectNode();
		body.set("metadata", versionView(entry, number, version));
		body.putNull("subkeys");
		ObjectNode data = entry.data(number);
		if (!version.isReadable(this.store.now()) || data == null) {
			return notFoundEnvelope(body);
		}
		body.set("subkeys", Subkeys.of(data, depth));
		return ok(body, fields, true);
	}

	private static ApiResponse invalidPath(String method, String path) {
		String warning;
		switch (path) {
			case "metadata", "data", "delete", "undelete", "destroy" -> warning = ROOT_WARNING;
			default -> warning = String.format(INVALID_PATH_WARNING, cliVerb(method));
		}
		ObjectNode body = NODES.objectNode();
		body.putNull("data");
		body.putArray("warnings").add(warning);
		return ApiResponse.status(404, body);
	}

	private static String cliVerb(String method) {
		return switch (method) {
			case "POST", "PUT" -> "put";
			case "PATCH" -> "patch";
			case "LIST" -> "list";
			case "DELETE" -> "delete";
			default -> "get";
		};
	}

	private static ApiResponse unsupported() {
		return ApiResponse.error(405, UNSUPPORTED_OPERATION);
	}

	private static ApiResponse notFoundEnvelope(ObjectNode data) {
		ObjectNode body = NODES.objectNode();
		body.set("data", data);
		return ApiResponse.status(404, body);
	}

	private static ApiResponse ok(ObjectNode data, KvFields fields, boolean pathCaptured) {
		ApiResponse response = ApiResponse.ok(data);
		for (String warning : fields.warnings(pathCaptured)) {
			response = response.withWarning(warning);
		}
		return response;
	}

	/**
	 * The per-version view Vault returns from reads, writes and patches.
	 */
	static ObjectNode versionView(KeyEntry entry, long number, @Nullable VersionMetadata version) {
		ObjectNode view = NODES.objectNode();
		Instant created = (version != null) ? version.createdTime() : null;
		view.put("created_time", VaultTimestamps.format(created));
		view.set("custom_metadata", customMetadataView(entry));
		view.put("deletion_time", VaultTimestamps.format((version != null) ? version.deletionTime() : null));
		view.put("destroyed", version != null && version.destroyed());
		view.put("version", number);
		return view;
	}

	static JsonNode customMetadataView(KeyEntry entry) {
		if (entry.customMetadata().isEmpty()) {
			return NODES.nullNode();
		}
		ObjectNode view = NODES.objectNode();
		new TreeMap<>(entry.customMetadata()).forEach(view::put);
		return view;
	}

	@FunctionalInterface
	private interface VersionsAction {

		void apply(String key, List<Long> versions);

	}

}
