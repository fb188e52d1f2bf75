package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vaultkv.embedded.auth.SecretIdStore.SecretIdEntry;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AppRole auth method ({@code auth/approle}): roles, role IDs, secret IDs and login.
 *
 * @author vaultkv
 */
final class ApproleBackend extends RoleAuthBackend<ApproleBackend.Role> {

	private static final Pattern ROLE_SUB = Pattern.compile("role/" + NAME
			+ "/(role-id|secret-id|custom-secret-id|secret-id/lookup|secret-id/destroy|secret-id-accessor/lookup|secret-id-accessor/destroy)");

	/** Single-setting endpoints ({@code role/<name>/<field>}) and the role parameter each one reads and writes. */
	private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("policies", "token_policies"),
			Map.entry("local-secret-ids", "local_secret_ids"), Map.entry("bound-cidr-list", "secret_id_bound_cidrs"),
			Map.entry("secret-id-bound-cidrs", "secret_id_bound_cidrs"),
			Map.entry("token-bound-cidrs", "token_bound_cidrs"), Map.entry("bind-secret-id", "bind_secret_id"),
			Map.entry("secret-id-num-uses", "secret_id_num_uses"), Map.entry("secret-id-ttl", "secret_id_ttl"),
			Map.entry("period", "token_period"), Map.entry("token-period", "token_period"),
			Map.entry("token-num-uses", "token_num_uses"), Map.entry("token-ttl", "token_ttl"),
			Map.entry("token-max-ttl", "token_max_ttl"));

	private static final Pattern ROLE_FIELD = Pattern.compile("role/" + NAME + "/([a-z-]+)");

	ApproleBackend(MountContext context) {
		// Vault stores the role names of this method in lower case
		super(context, RoleStore.lowerCase(Role::toData));
	}

	@Override
	protected boolean checksTokenBoundCidrsAtLogin() {
		return false;
	}

	@Override
	protected @Nullable ApiResponse routeMethodPaths(ApiRequest request, Params params) {
		String subPath = request.subPath();
		if (subPath.equals("tidy/secret-id")) {
			return request.isWrite() ? tidySecretIds(request) : unsupportedOperation();
		}
		// Vault's secret-id paths take an optional trailing slash ("secret-id/?$"), which a LIST always has
		Matcher matcher = match(ROLE_SUB, subPath.endsWith("/") ? subPath.substring(0, subPath.length() - 1) : subPath);
		if (matcher != null) {
			return routeRoleSub(request, params, matcher.group(1), matcher.group(2));
		}
		matcher = match(ROLE_FIELD, subPath);
		if (matcher != null && FIELDS.containsKey(matcher.group(2))) {
			return routeRoleField(request, params, matcher.group(1), matcher.group(2));
		}
		return null;
	}

	private ApiResponse routeRoleSub(ApiRequest request, Params params, String name, String action) {
		Role role = this.roles.get(name);
		boolean write = request.isWrite();
		switch (action) {
			case "role-id" -> {
				if (request.isRead()) {
					if (role == null) {
						return ApiResponse.notFound();
					}
					ObjectNode data = Json.object();
					data.put("role_id", role.roleId);
					return ApiResponse.ok(data);
				}
				return write ? writeRoleId(name, role, params) : unsupportedOperation();
			}
			case "secret-id" -> {
				if (request.isList()) {
					if (role == null) {
						return ApiResponse.error(400, "role \"" + name + "\" does not exist");
					}
					return keys(role.secretIds.accessors(request.now()));
				}
				return write ? createSecretId(request, name, role, params, UUID.randomUUID().toString())
						: unsupportedOperation();
			}
			case "custom-secret-id" -> {
				return write ? createSecretId(request, name, role, params, params.string("secret_id", ""))
						: unsupportedOperation();
			}
			case "secret-id/lookup" -> {
				return write ? lookupSecretId(request, name, role, params) : unsupportedOperation();
			}
			case "secret-id/destroy" -> {
				return (write || request.isDelete()) ? destroySecretId(name, role, params) : unsupportedOperation();
			}
			case "secret-id-accessor/lookup" -> {
				return write ? lookupAccessor(request, name, role, params) : unsupportedOperation();
			}
			default -> {
				return (write || request.isDelete()) ? destroyAccessor(request, name, role, params) : unsupportedOperation();
			}
		}
	}

	private ApiResponse routeRoleField(ApiRequest request, Params params, String name, String field) {
		String parameter = FIELDS.get(field);
		Role role = this.roles.get(name);
		if (request.isRead()) {
			if (role == null) {
				return ApiResponse.notFound();
			}
			ObjectNode all = role.toData();
			ObjectNode data = Json.object();
			data.set(parameter, all.get(parameter));
			if (field.equals("policies")) {
				data.set("policies", all.get(parameter));
			}
			if (field.equals("period")) {
				data.put("period", role.token.period.toSeconds());
			}
			return ApiResponse.ok(data);
		}
		if (field.equals("local-secret-ids") || (!request.isWrite() && !request.isDelete())) {
			return unsupportedOperation();
		}
		if (role == null) {
			// Vault: an update of a missing role is an unsupported path, a delete does nothing
			return request.isDelete() ? ApiResponse.noContent() : unsupportedPath();
		}
		String legacy = field.equals("policies") ? "policies" : field.equals("period") ? "period" : parameter;
		ObjectNode update = Json.object();
		if (request.isDelete()) {
			if (parameter.endsWith("cidrs") || parameter.equals("token_policies")) {
				update.putArray(parameter);
			}
			else {
				update.put(parameter, parameter.equals("bind_secret_id") ? "true" : "0");
			}
		}
		else {
			JsonNode value = params.has(parameter) ? params.node(parameter) : params.node(legacy);
			if (value == null && parameter.equals("secret_id_bound_cidrs")) {
				value = params.node("bound_cidr_list");
			}
			if (value == null && parameter.endsWith("cidrs")) {
				// Vault's CIDR updates do nothing without a value
				return ApiResponse.noContent();
			}
			if (value == null) {
				throw AuthRequestException.badRequest("missing " + parameter);
			}
			if (parameter.equals("secret_id_bound_cidrs") && Json.isEmptyList(value)) {
				throw AuthRequestException.badRequest("missing bound_cidr_list");
			}
			update.set(parameter, value);
		}
		return writeRole(name, new Params(update));
	}

	@Override
	protected ApiResponse writeRole(String name, Params params) {
		String key = name.toLowerCase(Locale.ROOT);
		Role existing = this.roles.get(key);
		Role role = (existing != null) ? existing.copy() : new Role(key);
		List<String> warnings = new java.util.ArrayList<>();
		String tokenType = params.string("token_type");
		if ("default-service".equals(tokenType) || "default-batch".equals(tokenType)) {
			String adjusted = tokenType.substring("default-".length());
			warnings.add(tokenType + " has no useful meaning; adjusting to " + adjusted);
			params = withValue(params, "token_type", adjusted);
		}
		role.token.parse(params);
		Boolean localSecretIds = params.bool("local_secret_ids");
		if (localSecretIds != null) {
			if (existing != null) {
				throw AuthRequestException.badRequest("local_secret_ids can only be modified during role creation");
			}
			role.localSecretIds = localSecretIds;
		}
		String roleId = params.string("role_id");
		if (roleId != null) {
			role.roleId = roleId;
		}
		if (role.roleId.isEmpty()) {
			throw AuthRequestException.badRequest("invalid role_id supplied, or failed to generate a role_id");
		}
		Boolean bindSecretId = params.bool("bind_secret_id");
		if (bindSecretId != null) {
			role.bindSecretId = bindSecretId;
		}
		List<String> cidrs = params.stringList("secret_id_bound_cidrs");
		if (cidrs == null) {
			cidrs = params.stringList("bound_cidr_list");
		}
		if (cidrs != null) {
			Cidrs.validate(cidrs, "invalid CIDR blocks");
			role.secretIdBoundCidrs = cidrs;
		}
		Integer numUses = params.integer("secret_id_num_uses");
		if (numUses != null) {
			role.secretIdNumUses = numUses;
		}
		if (role.secretIdNumUses < 0) {
			throw AuthRequestException.badRequest("secret_id_num_uses cannot be negative");
		}
		Duration secretIdTtl = params.duration("secret_id_ttl");
		if (secretIdTtl != null) {
			role.secretIdTtl = secretIdTtl;
		}
		long max = this.context.maxLeaseTtlSeconds();
		if (max > 0 && role.token.period.toSeconds() > max) {
			throw AuthRequestException.badRequest("period of \"" + role.token.period.toSeconds()
					+ "s\" is greater than the backend's maximum lease TTL of \"" + max + "s\"");
		}
		if (exceedsMountMaxTtl(role.token)) {
			warnings.add("token_max_ttl is greater than the backend mount's maximum TTL value; "
					+ "issued tokens' max TTL value will be truncated");
		}
		if (!role.bindSecretId && role.secretIdBoundCidrs.isEmpty() && role.token.boundCidrs.isEmpty()) {
			// Vault reports this storage-time check as a plain (500) error.
			return ApiResponse.error(500, "at least one constraint should be enabled on the role");
		}
		for (Role other : this.roles.values()) {
			if (!other.name.equals(key) && other.roleId.equals(role.roleId)) {
				return ApiResponse.error(500, "role_id already in use");
			}
		}
		this.roles.put(key, role);
		return withWarnings(warnings);
	}

	private static Params withValue(Params params, String name, String value) {
		ObjectNode copy = params.copyData();
		copy.put(name, value);
		return new Params(copy);
	}

	private static ApiResponse withWarnings(List<String> warnings) {
		if (warnings.isEmpty()) {
			return ApiResponse.noContent();
		}
		ApiResponse response = ApiResponse.ok(null);
		for (String warning : warnings) {
			response = response.withWarning(warning);
		}
		return response;
	}

	private ApiResponse writeRoleId(String name, @Nullable Role role, Params params) {
		if (role == null) {
			return unsupportedPath();
		}
		String roleId = params.string("role_id");
		if (roleId == null || roleId.isEmpty()) {
			throw AuthRequestException.badRequest("missing role_id");
		}
		for (Role other : this.roles.values()) {
			if (other != role && other.roleId.equals(roleId)) {
				return ApiResponse.error(500, "role_id already in use");
			}
		}
		role.roleId = roleId;
		return ApiResponse.noContent();
	}

	private ApiResponse createSecretId(ApiRequest request, String name, @Nullable Role role, Params params,
			String secretId) {
		if (secretId.isEmpty()) {
			throw AuthRequestException.badRequest("missing secret_id");
		}
		if (role == null) {
			return ApiResponse.error(404, "role \"" + name + "\" does not exist");
		}
		if (!role.bindSecretId) {
			throw AuthRequestException.badRequest("bind_secret_id is not set on the role");
		}
		List<String> cidrList = orEmpty(params.stringList("cidr_list"));
		Cidrs.validate(cidrList, "failed to validate CIDR blocks");
		if (!Cidrs.isSubset(cidrList, role.secretIdBoundCidrs)) {
			return ApiResponse.error(500, "failed to verify subset relationship between CIDR blocks on the role "
					+ role.secretIdBoundCidrs + " and CIDR blocks on the secret ID " + cidrList);
		}
		List<String> tokenCidrs = orEmpty(params.stringList("token_bound_cidrs"));
		Cidrs.validate(tokenCidrs, "failed to validate token CIDR blocks");
		if (!Cidrs.isSubset(tokenCidrs, role.token.boundCidrs)) {
			return ApiResponse.error(500, "failed to verify subset relationship between CIDR blocks on the role "
					+ role.token.boundCidrs + " and CIDR blocks on the secret ID " + tokenCidrs);
		}
		int numUses = role.secretIdNumUses;
		Integer requestedUses = params.integer("num_uses");
		if (requestedUses != null) {
			if (requestedUses < 0) {
				throw AuthRequestException.badRequest("num_uses cannot be negative");
			}
			if ((requestedUses == 0 && role.secretIdNumUses > 0)
					|| (role.secretIdNumUses > 0 && requestedUses > role.secretIdNumUses)) {
				throw AuthRequestException.badRequest("num_uses cannot be higher than the role's secret_id_num_uses");
			}
			numUses = requestedUses;
		}
		Duration ttl = role.secretIdTtl;
		Duration requestedTtl = params.duration("ttl");
		if (requestedTtl != null) {
			boolean roleLimited = role.secretIdTtl.compareTo(Duration.ZERO) > 0;
			if ((requestedTtl.isZero() && roleLimited) || (roleLimited && requestedTtl.compareTo(role.secretIdTtl) > 0)) {
				throw AuthRequestException.badRequest("ttl cannot be longer than the role's secret_id_ttl");
			}
			ttl = requestedTtl;
		}
		ttl = deriveSecretIdTtl(ttl);
		Map<String, String> metadata = SecretIdMetadata.parse(params.string("metadata", ""));
		SecretIdEntry entry;
		try {
			entry = role.secretIds.register(secretId, numUses, ttl, metadata, cidrList, tokenCidrs, request.now());
		}
		catch (IllegalStateException ex) {
			return ApiResponse.error(500, "failed to store secret_id: " + ex.getMessage());
		}
		ObjectNode data = Json.object();
		data.put("secret_id", secretId);
		data.put("secret_id_accessor", entry.accessor());
		data.put("secret_id_ttl", entry.ttl().toSeconds());
		data.put("secret_id_num_uses", entry.numUses());
		return ApiResponse.ok(data).withWrappedAccessor(entry.accessor());
	}

	private Duration deriveSecretIdTtl(Duration ttl) {
		long max = this.context.maxLeaseTtlSeconds();
		if (max > 0 && (ttl.isNegative() || ttl.toSeconds() > max)) {
			return Duration.ofSeconds(max);
		}
		return ttl;
	}

	private static List<String> orEmpty(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

	private ApiResponse lookupSecretId(ApiRequest request, String name, @Nullable Role role, Params params) {
		String secretId = required(params, "secret_id");
		if (role == null) {
			return ApiResponse.error(500, "role \"" + name + "\" does not exist");
		}
		SecretIdEntry entry = role.secretIds.lookup(secretId, request.now());
		return (entry != null) ? ApiResponse.ok(toData(entry)) : ApiResponse.noContent();
	}

	private ApiResponse destroySecretId(String name, @Nullable Role role, Params params) {
		String secretId = required(params, "secret_id");
		if (role == null) {
			return ApiResponse.error(500, "role \"" + name + "\" does not exist");
		}
		role.secretIds.destroy(secretId);
		return ApiResponse.noContent();
	}

	private ApiResponse lookupAccessor(ApiRequest request, String name, @Nullable Role role, Params params) {
		String accessor = required(params, "secret_id_accessor");
		if (role == null) {
			return ApiResponse.error(500, "role \"" + name + "\" does not exist");
		}
		SecretIdEntry entry = role.secretIds.lookupByAccessor(accessor, request.now());
		if (entry == null) {
			// Vault keeps one accessor index per mount: another role's accessor is found, with no secret ID
			// under this role
			return ownedByAnotherRole(role, accessor, request) ? ApiResponse.noContent() : ApiResponse.error(404,
					"failed to find accessor entry for secret_id_accessor: \"" + accessor + "\"");
		}
		return ApiResponse.ok(toData(entry));
	}

	private ApiResponse destroyAccessor(ApiRequest request, String name, @Nullable Role role, Params params) {
		String accessor = required(params, "secret_id_accessor");
		if (role == null) {
			return ApiResponse.error(500, "role \"" + name + "\" does not exist");
		}
		if (role.secretIds.lookupByAccessor(accessor, request.now()) == null
				&& ownedByAnotherRole(role, accessor, request)) {
			return ApiResponse.error(403, "invalid secret id accessor");
		}
		if (!role.secretIds.destroyByAccessor(accessor)) {
			return ApiResponse.error(500, "failed to find accessor entry for secret_id_accessor: \"" + accessor + "\"");
		}
		return ApiResponse.noContent();
	}

	private boolean ownedByAnotherRole(Role role, String accessor, ApiRequest request) {
		return this.roles.values()
			.stream()
			.anyMatch((other) -> other != role && other.secretIds.lookupByAccessor(accessor, request.now()) != null);
	}

	/**
	 * {@code tidy/secret-id}: drops expired secret IDs at once (Vault does it in the background and answers
	 * 202 before it is done; here it is done when the answer is sent).
	 */
	private ApiResponse tidySecretIds(ApiRequest request) {
		for (Role role : this.roles.values()) {
			role.secretIds.accessors(request.now());
		}
		return ApiResponse.accepted()
			.withWarning("Tidy operation successfully started. Any information from the operation will be printed "
					+ "to Vault's server logs.");
	}

	private static ObjectNode toData(SecretIdEntry entry) {
		ObjectNode data = Json.object();
		data.set("cidr_list", Json.array(entry.cidrList()));
		data.put("creation_time", time(entry.creationTime()));
		data.put("expiration_time", time(entry.expirationTime()));
		data.put("last_updated_time", time(entry.lastUpdatedTime()));
		ObjectNode metadata = data.putObject("metadata");
		entry.metadata().forEach(metadata::put);
		data.put("secret_id_accessor", entry.accessor());
		data.put("secret_id_num_uses", entry.numUses());
		data.put("secret_id_ttl", entry.ttl().toSeconds());
		data.set("token_bound_cidrs", Json.array(entry.tokenBoundCidrs()));
		return data;
	}

	@Override
	protected ApiResponse login(ApiRequest request, Params params) {
		String roleId = params.string("role_id", "").trim();
		if (roleId.isEmpty()) {
			throw AuthRequestException.badRequest("missing role_id");
		}
		Role role = this.roles.values().stream().filter((r) -> r.roleId.equals(roleId)).findFirst().orElse(null);
		if (role == null) {
			throw AuthRequestException.badRequest("invalid role or secret ID");
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		if (role.bindSecretId) {
			String secretId = params.string("secret_id", "").trim();
			if (secretId.isEmpty()) {
				throw AuthRequestException.badRequest("missing secret_id");
			}
			SecretIdEntry entry = role.secretIds.consume(secretId, request.now());
			if (entry == null) {
				throw AuthRequestException.badRequest("invalid role or secret ID");
			}
			if (!Cidrs.allowsLoopback(entry.cidrList())) {
				throw AuthRequestException.badRequest("source address \"" + Cidrs.LOOPBACK
						+ "\" unauthorized through CIDR restrictions on the secret ID");
			}
			metadata.putAll(entry.metadata());
		}
		if (!Cidrs.allowsLoopback(role.secretIdBoundCidrs)) {
			throw AuthRequestException.badRequest(
					"source address \"" + Cidrs.LOOPBACK + "\" unauthorized by CIDR restrictions on the role");
		}
		metadata.put("role_name", role.name);
		return login(request, role.token, metadata, "");
	}

	/**
	 * An AppRole role. Mutable; guarded by the backend monitor.
	 */
	static final class Role {

		final String name;

		String roleId = UUID.randomUUID().toString();

		boolean bindSecretId = true;

		List<String> secretIdBoundCidrs = List.of();

		int secretIdNumUses;

		Duration secretIdTtl = Duration.ZERO;

		boolean localSecretIds;

		TokenFields token = new TokenFields();

		SecretIdStore secretIds = new SecretIdStore();

		Role(String name) {
			this.name = name;
		}

		Role copy() {
			Role copy = new Role(this.name);
			copy.roleId = this.roleId;
			copy.bindSecretId = this.bindSecretId;
			copy.secretIdBoundCidrs = this.secretIdBoundCidrs;
			copy.secretIdNumUses = this.secretIdNumUses;
			copy.secretIdTtl = this.secretIdTtl;
			copy.localSecretIds = this.localSecretIds;
			copy.token = this.token.copy();
			copy.secretIds = this.secretIds;
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("bind_secret_id", this.bindSecretId);
			data.put("local_secret_ids", this.localSecretIds);
			data.set("secret_id_bound_cidrs", Json.array(this.secretIdBoundCidrs));
			data.put("secret_id_num_uses", this.secretIdNumUses);
			data.put("secret_id_ttl", this.secretIdTtl.toSeconds());
			this.token.populate(data);
			if (!this.token.policies.isEmpty()) {
				data.set("policies", Json.array(this.token.policies));
			}
			if (!this.token.period.isZero()) {
				data.put("period", this.token.period.toSeconds());
			}
			return data;
		}

	}

}
