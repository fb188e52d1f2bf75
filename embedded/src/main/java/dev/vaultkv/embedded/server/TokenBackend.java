package dev.vaultkv.embedded.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.acl.Capability;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * The token auth method mounted at {@code auth/token/}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class TokenBackend implements CoreBackend {

	private static final String UNSUPPORTED_PATH = HttpResult.multierror("unsupported path");

	private static final String UNSUPPORTED_OPERATION = HttpResult.multierror("unsupported operation");

	private final ServerState state;

	private final Namespace namespace;

	private final MountEntry mount;

	private final Map<String, ObjectNode> roles = new ConcurrentHashMap<>();

	TokenBackend(ServerState state, Namespace namespace, MountEntry mount) {
		this.state = state;
		this.namespace = namespace;
		this.mount = mount;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		String sub = request.subPath();
		String method = request.method();
		try {
			if (sub.equals("create") || sub.equals("create-orphan") || sub.startsWith("create/")) {
				return request.isWrite() ? create(request, sub) : ApiResponse.error(405, UNSUPPORTED_OPERATION);
			}
			return switch (sub) {
				case "lookup-self" -> ("GET".equals(method) || request.isWrite()) ? lookup(request, self(request), false)
						: ApiResponse.error(405, UNSUPPORTED_OPERATION);
				case "lookup" -> lookupOther(request);
				case "lookup-accessor" -> lookupAccessor(request);
				case "renew-self" -> request.isWrite() ? renew(request, self(request)) : unsupportedOperation();
				case "renew" -> request.isWrite() ? renewOther(request) : unsupportedOperation();
				case "renew-accessor" -> request.isWrite() ? renewAccessor(request) : unsupportedOperation();
				case "revoke-self" -> request.isWrite() ? revoke(self(request), true) : unsupportedOperation();
				case "revoke" -> request.isWrite() ? revokeOther(request, true) : unsupportedOperation();
				case "revoke-orphan" -> request.isWrite() ? revokeOther(request, false) : unsupportedOperation();
				case "revoke-accessor" -> request.isWrite() ? revokeAccessor(request) : unsupportedOperation();
				case "roles/" -> request.isList() ? listRoles() : unsupportedOperation();
				case "accessors/" -> request.isList() ? listAccessors() : unsupportedOperation();
				default -> sub.startsWith("roles/") ? role(request, sub.substring("roles/".length()))
						: ApiResponse.error(404, UNSUPPORTED_PATH);
			};
		}
		catch (TtlException ex) {
			return ApiResponse.error(400, ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			return ApiResponse.error(400, ex.getMessage());
		}
	}

	private static ApiResponse unsupportedOperation() {
		return ApiResponse.error(405, UNSUPPORTED_OPERATION);
	}

	private TokenRecord self(ApiRequest request) {
		TokenEntry token = request.token();
		TokenRecord record = (token != null) ? this.state.tokens().find(token.id(), request.now()) : null;
		if (record == null) {
			// a single-use token was consumed by this very request; keep answering for it
			throw new IllegalArgumentException("token not found");
		}
		return record;
	}

	private boolean hasSudo(ApiRequest request, TokenEntry parent) {
		return parent.isRoot() || this.state.acls()
			.acl(parent)
			.allows(AclService.pathForToken(parent, this.namespace, request.path()), Capability.SUDO, false, true);
	}

	private ApiResponse create(ApiRequest request, String sub) {
		TokenEntry parent = request.token();
		if (parent == null) {
			return ApiResponse.error(403, RequestProcessor.PERMISSION_DENIED);
		}
		ObjectNode data = request.data();
		ObjectNode role = null;
		String roleName = "";
		if (sub.startsWith("create/")) {
			roleName = sub.substring("create/".length()).toLowerCase(Locale.ROOT);
			role = this.roles.get(roleName);
			if (role == null) {
				return ApiResponse.error(400, "unknown role " + roleName);
			}
		}
		boolean sudo = hasSudo(request, parent);
		int numUses = data.has("num_uses") ? data.get("num_uses").asInt() : 0;
		if (numUses < 0) {
			return ApiResponse.error(400, "number of uses cannot be negative");
		}
		if (parent.numUses() > 0) {
			return ApiResponse.error(400, "restricted use token cannot generate child tokens");
		}
		boolean orphan = sub.equals("create-orphan");
		if (!orphan && Json.bool(data.get("no_parent"), false)) {
			if (!sudo) {
				return ApiResponse.error(400, "root or sudo privileges required to create orphan token");
			}
			orphan = true;
		}
		if (role != null && Json.bool(role.get("orphan"), false)) {
			orphan = true;
		}
		Duration period = GoDurations.parse(data.get("period"));
		if (period != null && !period.isZero() && !sudo && role == null) {
			return ApiResponse.error(400, "root or sudo privileges required to create periodic token");
		}
		if ((period == null || period.isZero()) && role != null) {
			period = GoDurations.parse(role.get("token_period"));
		}
		String id = null;
		if (data.hasNonNull("id") && !data.get("id").asString().isEmpty()) {
			if (!parent.isRoot()) {
				return ApiResponse.error(400, "root or sudo privileges required to specify token id");
			}
			id = data.get("id").asString();
			if (this.state.tokens().find(id, request.now()) != null) {
				return ApiResponse.error(400, "cannot create a token with a duplicate ID");
			}
		}
		List<String> requested = Json.stringList(data.get("policies"));
		List<String> warnings = new ArrayList<>();
		List<String> policies;
		if (role != null) {
			List<String> allowed = Json.stringList(role.get("allowed_policies"));
			List<String> disallowed = Json.stringList(role.get("disallowed_policies"));
			policies = (requested != null) ? sanitize(requested)
					: (allowed != null && !allowed.isEmpty()) ? sanitize(allowed) : sanitize(parent.policies());
			for (String policy : policies) {
				if (policy.equals("default")) {
					continue;
				}
				if (disallowed != null && disallowed.contains(policy)) {
					return ApiResponse.error(400, "token policy \"" + policy + "\" is disallowed by this role");
				}
				if (allowed != null && !allowed.isEmpty() && !allowed.contains(policy)) {
					return ApiResponse.error(400, "token policies (" + goQuoted(policies)
							+ ") must be subset of the role's allowed policies (" + goQuoted(sanitize(allowed))
							+ ") or glob policies ([])");
				}
			}
		}
		else if (requested == null) {
			policies = sanitize(parent.policies());
		}
		else {
			policies = sanitize(requested);
			if (!sudo) {
				for (String policy : policies) {
					if (!policy.equals("default") && !parent.policies().contains(policy)) {
						return ApiResponse.error(400, "child policies must be subset of parent");
					}
				}
			}
		}
		if (policies.contains("root") && !parent.isRoot()) {
			return ApiResponse.error(400, "root tokens may not be created without parent token being root");
		}
		for (String policy : policies) {
			if (!policy.equals("root") && !policy.equals("default") && !this.namespace.policies().containsKey(policy)) {
				warnings.add("Policy \"" + policy + "\" does not exist");
			}
		}
		String type = data.hasNonNull("type") ? data.get("type").asString().toLowerCase(Locale.ROOT) : "service";
		if (role != null && role.hasNonNull("token_type") && !data.hasNonNull("type")) {
			type = role.get("token_type").asString().replace("default-", "");
		}
		if (type.isEmpty() || type.equals("default")) {
			type = "service";
		}
		if (!type.equals("service") && !type.equals("batch")) {
			return ApiResponse.error(400, "invalid 'type' value");
		}
		if (type.equals("batch")) {
			// the first of Vault's checks that applies (vault/token_store.go)
			Duration requestedExplicitMax = GoDurations.parse(data.get("explicit_max_ttl"));
			String badReason = (requestedExplicitMax != null && !requestedExplicitMax.isZero()) ? "explicit_max_ttl"
					: (numUses != 0) ? "num_uses" : (period != null && !period.isZero()) ? "period" : null;
			if (badReason != null) {
				return ApiResponse.error(400, "batch tokens cannot have \"" + badReason + "\" set");
			}
		}
		Duration ttl = GoDurations.parse(data.get("ttl"));
		if (ttl == null && data.hasNonNull("lease")) {
			ttl = GoDurations.parse(data.get("lease"));
		}
		if (ttl == null && role != null) {
			ttl = GoDurations.parse(role.get("token_ttl"));
		}
		if (ttl != null && ttl.isNegative()) {
			return ApiResponse.error(400, "ttl must be positive");
		}
		Duration explicitMax = GoDurations.parse(data.get("explicit_max_ttl"));
		if (explicitMax == null && role != null) {
			explicitMax = GoDurations.parse(role.get("token_explicit_max_ttl"));
		}
		Duration roleMax = (role != null) ? GoDurations.parse(role.get("token_max_ttl")) : null;
		boolean renewable = Json.bool(data.get("renewable"), true)
				&& (role == null || Json.bool(role.get("renewable"), true));
		boolean noDefault = Json.bool(data.get("no_default_policy"), false)
				|| (role != null && Json.bool(role.get("token_no_default_policy"), false));
		String displayName = data.hasNonNull("display_name") ? data.get("display_name").asString() : "";
		displayName = displayName.isEmpty() ? "token" : "token-" + displayName.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9-]", "-");
		Map<String, String> meta = Json.toStringMap(data.get("meta"));
		String path = "auth/token/" + sub;
		TokenFactory.Created created = this.state.tokenFactory()
			.create(new TokenFactory.Request(this.namespace, policies, ttl, roleMax, explicitMax, period, renewable,
					orphan, noDefault, meta, path, displayName, numUses, type, orphan ? null : parent.id(), id,
					this.state.defaultTtl(this.mount), this.state.maxTtl(this.mount), parent.entityId(), roleName));
		warnings.addAll(0, created.warnings());
		ApiResponse response = ApiResponse.auth(ServerState.issued(created.record(), List.of()));
		for (String warning : warnings) {
			response = response.withWarning(warning);
		}
		return response;
	}

	private static List<String> sanitize(List<String> policies) {
		TreeSet<String> set = new TreeSet<>();
		for (String policy : policies) {
			String trimmed = policy.trim().toLowerCase(Locale.ROOT);
			if (!trimmed.isEmpty()) {
				set.add(trimmed);
			}
		}
		return List.copyOf(set);
	}

	private ApiResponse lookup(ApiRequest request, TokenRecord record, boolean byAccessor) {
		Instant now = request.now();
		ObjectNode data = Json.object();
		data.put("accessor", record.accessor);
		data.put("creation_time", record.creationTime.getEpochSecond());
		data.put("creation_ttl", record.creationTtl);
		data.put("display_name", record.displayName);
		data.put("entity_id", record.entityId);
		if (record.expireTime != null) {
			data.put("expire_time", Times.local(record.expireTime));
		}
		else {
			data.putNull("expire_time");
		}
		data.put("explicit_max_ttl", record.explicitMaxTtl);
		data.put("id", byAccessor ? "" : record.id);
		data.put("issue_time", Times.local(record.creationTime));
		if (record.lastRenewal != null) {
			data.put("last_renewal", Times.local(record.lastRenewal));
			data.put("last_renewal_time", record.lastRenewal.getEpochSecond());
		}
		data.set("meta", Json.stringMap(record.metadata, true));
		data.put("num_uses", record.numUses);
		data.put("orphan", record.orphan);
		data.put("path", record.path);
		data.set("policies", Json.strings(record.policies));
		data.put("renewable", record.renewable);
		data.put("ttl", (record.expireTime != null) ? Math.max(0, Duration.between(now, record.expireTime).getSeconds()) : 0);
		data.put("type", record.type);
		if (record.period > 0) {
			data.put("period", record.period);
		}
		if (!record.role.isEmpty()) {
			data.put("role", record.role);
		}
		if (!record.namespace.isEmpty()) {
			data.put("namespace_path", record.namespace);
		}
		return ApiResponse.ok(data);
	}

	private @Nullable String param(ApiRequest request, String name) {
		JsonNode node = request.data().get(name);
		return (node != null && !node.isNull() && !node.asString().isBlank()) ? node.asString().trim() : null;
	}

	private ApiResponse lookupOther(ApiRequest request) {
		if (!"GET".equals(request.method()) && !request.isWrite()) {
			return unsupportedOperation();
		}
		String id = param(request, "token");
		if (id == null) {
			return ApiResponse.error(400, "missing token ID");
		}
		TokenRecord record = this.state.tokens().find(id, request.now());
		if (record == null) {
			return ApiResponse.error(403, "bad token");
		}
		return lookup(request, record, false);
	}

	private ApiResponse lookupAccessor(ApiRequest request) {
		if (!request.isWrite()) {
			return unsupportedOperation();
		}
		TokenRecord record = byAccessor(request);
		return lookup(request, record, true);
	}

	private TokenRecord byAccessor(ApiRequest request) {
		String accessor = param(request, "accessor");
		if (accessor == null) {
			throw new IllegalArgumentException("missing accessor");
		}
		TokenRecord record = this.state.tokens().findByAccessor(accessor, request.now());
		if (record == null) {
			throw new IllegalArgumentException("invalid accessor");
		}
		return record;
	}

	private ApiResponse renew(ApiRequest request, TokenRecord record) {
		Duration increment = GoDurations.parse(request.data().get("increment"));
		List<String> warnings = this.state.tokenFactory().renew(record, increment);
		ApiResponse response = ApiResponse.auth(ServerState.issued(record, List.of()));
		for (String warning : warnings) {
			response = response.withWarning(warning);
		}
		return response;
	}

	private ApiResponse renewOther(ApiRequest request) {
		String id = param(request, "token");
		if (id == null) {
			return ApiResponse.error(400, "missing token ID");
		}
		TokenRecord record = this.state.tokens().find(id, request.now());
		if (record == null) {
			return ApiResponse.error(400, "token not found");
		}
		return renew(request, record);
	}

	private ApiResponse renewAccessor(ApiRequest request) {
		return renew(request, byAccessor(request));
	}

	private ApiResponse revoke(TokenRecord record, boolean withChildren) {
		if ("batch".equals(record.type)) {
			return ApiResponse.error(400, "batch tokens cannot be revoked");
		}
		this.state.tokens().revoke(record.id, withChildren);
		return ApiResponse.noContent();
	}

	private ApiResponse revokeOther(ApiRequest request, boolean withChildren) {
		String id = param(request, "token");
		if (id == null) {
			return ApiResponse.error(400, "missing token ID");
		}
		TokenRecord record = this.state.tokens().find(id, request.now());
		return (record != null) ? revoke(record, withChildren) : ApiResponse.noContent();
	}

	private ApiResponse revokeAccessor(ApiRequest request) {
		return revoke(byAccessor(request), true);
	}

	private ApiResponse listRoles() {
		ObjectNode data = Json.object();
		data.set("keys", Json.strings(new TreeSet<>(this.roles.keySet())));
		return ApiResponse.ok(data);
	}

	private ApiResponse listAccessors() {
		return ApiResponse.error(405, UNSUPPORTED_OPERATION);
	}

	private ApiResponse role(ApiRequest request, String rawName) {
		String name = rawName.toLowerCase(Locale.ROOT);
		if (name.isEmpty()) {
			return ApiResponse.error(404, UNSUPPORTED_PATH);
		}
		switch (request.method()) {
			case "GET": {
				ObjectNode role = this.roles.get(name);
				if (role == null) {
					return ApiResponse.notFound();
				}
				ObjectNode data = role.deepCopy();
				data.put("name", name);
				return ApiResponse.ok(data);
			}
			case "POST":
			case "PUT": {
				ObjectNode role = this.roles.getOrDefault(name, Json.object()).deepCopy();
				request.data().properties().forEach((entry) -> role.set(entry.getKey(), entry.getValue()));
				this.roles.put(name, role);
				return ApiResponse.noContent();
			}
			case "DELETE":
				this.roles.remove(name);
				return ApiResponse.noContent();
			default:
				return unsupportedOperation();
		}
	}

	@Override
	public Boolean exists(ApiRequest request) {
		if (request.subPath().startsWith("roles/")) {
			return this.roles.containsKey(request.subPath().substring("roles/".length()).toLowerCase(Locale.ROOT));
		}
		return null;
	}

	/** A string list as Go's {@code %q} prints a {@code []string}: {@code ["a" "b"]}. */
	private static String goQuoted(List<String> values) {
		return values.stream().map((value) -> "\"" + value + "\"").collect(Collectors.joining(" ", "[", "]"));
	}

}
