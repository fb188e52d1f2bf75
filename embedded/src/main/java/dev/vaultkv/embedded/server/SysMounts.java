package dev.vaultkv.embedded.server;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.acl.Acl;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * {@code sys/mounts}, {@code sys/auth}, their tuning, and {@code sys/internal/ui/mounts}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class SysMounts {

	private static final List<String> RESERVED = List.of("sys/", "cubbyhole/", "identity/", "auth/");

	private final ServerState state;

	private final Namespace namespace;

	SysMounts(ServerState state, Namespace namespace) {
		this.state = state;
		this.namespace = namespace;
	}

	ApiResponse handleMounts(ApiRequest request, String rest, boolean auth) {
		if (rest.isEmpty() || rest.equals("/")) {
			if (!request.isRead()) {
				return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
			}
			return ApiResponse.ok(table(auth));
		}
		if (rest.endsWith("/tune")) {
			return tune(request, normalize(rest.substring(0, rest.length() - "/tune".length())), auth);
		}
		String path = normalize(rest);
		String key = auth ? "auth/" + path : path;
		return switch (request.method()) {
			case "GET" -> {
				MountEntry entry = this.namespace.mounts().get(key);
				if (entry == null) {
					yield ApiResponse.error(400, (auth ? "No auth engine at " : "No secret engine mount at ") + path);
				}
				yield ApiResponse.ok(entryJson(entry, false));
			}
			case "POST", "PUT" -> enable(request.data(), path, auth);
			case "DELETE" -> disable(path, key, auth);
			default -> ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		};
	}

	static String normalize(String path) {
		String trimmed = path.trim();
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed + "/";
	}

	private ObjectNode table(boolean auth) {
		ObjectNode data = Json.object();
		this.namespace.mounts()
			.values()
			.stream()
			.filter((entry) -> entry.isAuth() == auth)
			.sorted(Comparator.comparing(MountEntry::tableKey))
			.forEach((entry) -> data.set(entry.tableKey(), entryJson(entry, false)));
		return data;
	}

	ObjectNode entryJson(MountEntry entry, boolean withPath) {
		ObjectNode node = Json.object();
		node.put("accessor", entry.accessor());
		ObjectNode config = node.putObject("config");
		config.put("default_lease_ttl", entry.defaultLeaseTtl());
		config.put("force_no_cache", entry.forceNoCache());
		if (!entry.listingVisibility().isEmpty()) {
			config.put("listing_visibility", entry.listingVisibility());
		}
		config.put("max_lease_ttl", entry.maxLeaseTtl());
		if (entry.isAuth()) {
			config.put("token_type", "default-service");
		}
		if (entry.type().equals("kv")) {
			node.put("deprecation_status", "supported");
		}
		node.put("description", entry.description());
		node.put("external_entropy_access", false);
		node.put("local", entry.local());
		node.set("options", Json.stringMap(entry.options(), true));
		if (withPath) {
			node.put("path", entry.path());
		}
		node.put("plugin_version", "");
		node.put("running_plugin_version", runningVersion(entry));
		node.put("running_sha256", "");
		node.put("seal_wrap", entry.sealWrap());
		node.put("type", entry.type());
		node.put("uuid", entry.uuid());
		return node;
	}

	private String runningVersion(MountEntry entry) {
		return switch (entry.type()) {
			case "kv" -> "v0.21.0+builtin";
			case "system", "token", "cubbyhole", "identity", "database" ->
				"v" + this.state.settings().version() + "+builtin.vault";
			default -> "v0.20.0+builtin";
		};
	}

	private ApiResponse enable(ObjectNode data, String path, boolean auth) {
		String type = data.hasNonNull("type") ? data.get("type").asString().trim().toLowerCase(Locale.ROOT) : "";
		if (path.equals("/")) {
			return ApiResponse.error(400, "missing path");
		}
		if (type.isEmpty()) {
			return ApiResponse.error(400, auth ? "backend type must be specified as a string" : "backend type must be specified as a string");
		}
		String version = null;
		if (!auth) {
			switch (type) {
				case "kv-v1", "generic" -> {
					type = "kv";
					version = "1";
				}
				case "kv-v2" -> {
					type = "kv";
					version = "2";
				}
				default -> {
				}
			}
		}
		if (auth && type.equals("token")) {
			return ApiResponse.error(400, "token credential backend cannot be instantiated");
		}
		if (!this.state.isKnownType(type, auth)) {
			return ApiResponse.error(400, "plugin not found in the catalog: " + type);
		}
		String key = auth ? "auth/" + path : path;
		if (!auth) {
			for (String reserved : RESERVED) {
				if (key.startsWith(reserved) || reserved.startsWith(key)) {
					return ApiResponse.error(400, "path is already in use at " + reserved);
				}
			}
		}
		synchronized (this.state.mountLock()) {
			for (MountEntry existing : this.namespace.mounts().values()) {
				if (existing.isAuth() != auth) {
					continue;
				}
				if (key.startsWith(existing.path()) || existing.path().startsWith(key)) {
					return ApiResponse.error(400, "path is already in use at " + existing.tableKey());
				}
			}
			String description = data.hasNonNull("description") ? data.get("description").asString() : "";
			MountEntry entry = this.state.newMount(this.namespace, key, type, auth, description,
					Json.bool(data.get("local"), false), false);
			JsonNode options = data.get("options");
			if (options != null && options.isObject()) {
				entry.options().putAll(Json.toStringMap(options));
			}
			if (version != null) {
				entry.options().put("version", version);
			}
			JsonNode config = data.get("config");
			if (config != null && config.isObject()) {
				applyConfig(entry, config, false);
			}
			this.state.attach(this.namespace, entry);
		}
		return ApiResponse.noContent();
	}

	private void applyConfig(MountEntry entry, JsonNode config, boolean tune) {
		Long defaultTtl = ttl(config.get("default_lease_ttl"));
		Long maxTtl = ttl(config.get("max_lease_ttl"));
		long effectiveMax = (maxTtl != null) ? maxTtl : entry.maxLeaseTtl();
		long effectiveDefault = (defaultTtl != null) ? defaultTtl : entry.defaultLeaseTtl();
		long systemMax = this.state.settings().maxLeaseTtl().getSeconds();
		if (effectiveMax > 0 && effectiveDefault > effectiveMax) {
			// vault/logical_system.go: handleMount and handleTuneWriteCommon word it differently
			throw new IllegalArgumentException(tune
					? "backend max lease TTL of " + effectiveMax + " would be less than backend default lease TTL of "
							+ effectiveDefault
					: "given default lease TTL greater than given max lease TTL");
		}
		if (effectiveMax == 0 && effectiveDefault > systemMax) {
			throw new IllegalArgumentException(
					"given default lease TTL greater than system max lease TTL of " + systemMax);
		}
		if (defaultTtl != null) {
			entry.defaultLeaseTtl(defaultTtl);
		}
		if (maxTtl != null) {
			entry.maxLeaseTtl(maxTtl);
		}
		if (config.has("force_no_cache")) {
			entry.forceNoCache(Json.bool(config.get("force_no_cache"), false));
		}
		if (config.hasNonNull("listing_visibility")) {
			String visibility = config.get("listing_visibility").asString();
			if (!visibility.isEmpty() && !visibility.equals("unauth") && !visibility.equals("hidden")) {
				throw new IllegalArgumentException("invalid listing_visibility " + visibility);
			}
			entry.listingVisibility(visibility);
		}
	}

	private static @Nullable Long ttl(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isString() && (node.asString().equals("system") || node.asString().isEmpty())) {
			return 0L;
		}
		Duration duration = GoDurations.parse(node);
		if (duration == null) {
			return 0L;
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException("ttl cannot be negative");
		}
		return duration.getSeconds();
	}

	private ApiResponse disable(String path, String key, boolean auth) {
		MountEntry entry = this.namespace.mounts().get(key);
		if (entry == null) {
			return ApiResponse.noContent();
		}
		if (entry.builtin()) {
			return ApiResponse.error(400, auth ? "token credential backend cannot be disabled"
					: "cannot unmount \"" + path + "\"");
		}
		try {
			this.state.detach(this.namespace, entry);
		}
		catch (LeaseException ex) {
			return ApiResponse.error(400, ex.getMessage());
		}
		return ApiResponse.noContent();
	}

	private ApiResponse tune(ApiRequest request, String path, boolean auth) {
		String key = auth ? "auth/" + path : path;
		MountEntry entry = this.namespace.mounts().get(key);
		if (entry == null) {
			return ApiResponse.error(400, "cannot fetch sysview for path \"" + key + "\"");
		}
		if (request.isRead()) {
			ObjectNode data = Json.object();
			data.put("default_lease_ttl", this.state.defaultTtl(entry));
			data.put("description", entry.description());
			data.put("force_no_cache", entry.forceNoCache());
			data.put("max_lease_ttl", this.state.maxTtl(entry));
			if (!entry.options().isEmpty()) {
				data.set("options", Json.stringMap(entry.options(), false));
			}
			if (!entry.listingVisibility().isEmpty()) {
				data.put("listing_visibility", entry.listingVisibility());
			}
			if (auth) {
				data.put("token_type", "default-service");
			}
			return ApiResponse.ok(data);
		}
		if (!request.isWrite()) {
			return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		ObjectNode data = request.data();
		synchronized (this.state.mountLock()) {
			JsonNode options = data.get("options");
			if (options != null && options.isObject()) {
				Map<String, String> requested = Json.toStringMap(options);
				String version = requested.remove("version");
				if (version != null && entry.type().equals("kv")) {
					String current = entry.options().getOrDefault("version", "1");
					if (current.equals("2") && version.equals("1")) {
						return ApiResponse.error(400, "cannot downgrade mount from version 2");
					}
					if (!version.equals("1") && !version.equals("2")) {
						return ApiResponse.error(400, "invalid version \"" + version + "\"");
					}
					entry.options().put("version", version);
				}
				else if (version != null) {
					entry.options().put("version", version);
				}
				entry.options().putAll(requested);
			}
			applyConfig(entry, data, true);
			if (data.hasNonNull("description")) {
				entry.description(data.get("description").asString());
			}
		}
		return ApiResponse.noContent();
	}

	ApiResponse uiMounts(ApiRequest request) {
		if (!request.isRead()) {
			return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		String tokenId = tokenFromHeaders(request);
		TokenRecord record = (tokenId != null) ? this.state.tokens().find(tokenId, request.now()) : null;
		TokenEntry token = (record != null && AclService.tokenReaches(record.snapshot(), this.namespace))
				? record.snapshot() : null;
		Acl acl = (token != null) ? this.state.acls().acl(token) : null;
		ObjectNode secret = Json.object();
		ObjectNode auth = Json.object();
		this.namespace.mounts()
			.values()
			.stream()
			.sorted(Comparator.comparing(MountEntry::path))
			.filter((entry) -> visible(entry, token, acl))
			.forEach((entry) -> (entry.isAuth() ? auth : secret).set(entry.tableKey(), entryJson(entry, false)));
		ObjectNode data = Json.object();
		data.set("auth", auth);
		data.set("secret", secret);
		return ApiResponse.ok(data);
	}

	private boolean visible(MountEntry entry, @Nullable TokenEntry token, @Nullable Acl acl) {
		if (token == null || acl == null) {
			return "unauth".equals(entry.listingVisibility());
		}
		return acl.hasMountAccess(AclService.pathForToken(token, this.namespace, entry.path()));
	}

	private static @Nullable String tokenFromHeaders(ApiRequest request) {
		String token = request.header("x-vault-token");
		if (token != null && !token.isBlank()) {
			return token.trim();
		}
		String authorization = request.header("authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		return null;
	}

	ApiResponse uiMount(ApiRequest request, String rest) {
		if (!request.isRead()) {
			return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		String path = normalize(rest);
		String denied = "preflight capability check returned 403, please ensure client's policies grant access to path \""
				+ path + "\"";
		TokenEntry token = request.token();
		MountEntry entry = this.namespace.match(path);
		if (token == null || entry == null
				|| !this.state.acls().acl(token).hasMountAccess(AclService.pathForToken(token, this.namespace, entry.path()))) {
			return ApiResponse.error(403, denied);
		}
		return ApiResponse.ok(entryJson(entry, true));
	}

}
