package dev.vaultkv.embedded.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.vaultkv.embedded.auth.PublicKeys.KeyWithId;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GCP auth method ({@code auth/gcp}): config, {@code iam} and {@code gce} roles, and login with a
 * service account JWT or a GCE instance identity token.
 * <p>
 * Keys and service accounts come from the Google APIs named by the config's {@code custom_endpoint}
 * ({@code api} for the OAuth 2.0 keys at {@code /oauth2/v3/certs} and the service account keys at
 * {@code /service_accounts/v1/jwk/<account>}, {@code iam} for {@code v1/projects/-/serviceAccounts/<account>}),
 * so tests point them at {@code dev.vaultkv.embedded.standin.GoogleCloudStandIn}. The embedded server
 * trusts the GCE claims of a verified identity token instead of asking the Compute API for the instance,
 * so it cannot check {@code bound_labels} or {@code bound_instance_groups} and refuses roles that set them.
 *
 * @author vaultkv
 */
final class GcpBackend extends RoleAuthBackend<GcpBackend.Role> {

	private static final Set<JwsAlgorithm> ALGORITHMS = Set.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256);

	private static final String DEFAULT_API = "https://www.googleapis.com";

	private static final String DEFAULT_IAM = "https://iam.googleapis.com";

	private static final long EXP_TOLERANCE_SECONDS = 60;

	private static final long MAX_JWT_EXP_MINUTES = 60;

	private static final Duration DEFAULT_IAM_MAX_JWT_EXP = Duration.ofMinutes(15);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private Config config = new Config(Json.object(), "", "role_id", "role_id");

	GcpBackend(MountContext context) {
		super(context, RoleStore.caseSensitive(Role::toData));
	}

	@Override
	protected boolean handlesLocking(ApiRequest request) {
		return request.subPath().equals("login");
	}

	@Override
	protected @Nullable ApiResponse routeMethodPaths(ApiRequest request, Params params) {
		if (request.subPath().equals("config")) {
			return configEndpoints(request, params, this.config::toData, this::writeConfig);
		}
		return null;
	}

	private ApiResponse writeConfig(Params params) {
		ObjectNode endpoints = params.object("custom_endpoint");
		String iamAlias = params.string("iam_alias", this.config.iamAlias);
		String gceAlias = params.string("gce_alias", this.config.gceAlias);
		if (!iamAlias.equals("role_id") && !iamAlias.equals("unique_id")) {
			throw AuthRequestException.badRequest("invalid IAM alias type: must be one of: role_id, unique_id");
		}
		if (!gceAlias.equals("role_id") && !gceAlias.equals("instance_id")) {
			throw AuthRequestException.badRequest("invalid GCE alias type: must be one of: role_id, instance_id");
		}
		this.config = new Config((endpoints != null) ? endpoints : this.config.customEndpoint,
				params.string("credentials", this.config.credentials), iamAlias, gceAlias);
		return ApiResponse.noContent();
	}

	@Override
	protected ApiResponse writeRole(String name, Params params) {
		Role existing = this.roles.get(name);
		Role role = (existing != null) ? existing.copy() : new Role(UUID.randomUUID().toString());
		String type = params.string("type");
		if (type != null) {
			if (existing != null && !existing.type.equals(type)) {
				throw AuthRequestException.badRequest("role type cannot be changed for an existing role");
			}
			role.type = type;
		}
		if (role.type.isEmpty()) {
			throw AuthRequestException.badRequest("role type cannot be empty");
		}
		if (!role.type.equals("iam") && !role.type.equals("gce")) {
			throw AuthRequestException.badRequest("role type '" + role.type + "' is invalid");
		}
		role.token.parse(params);
		List<String> accounts = params.stringList("bound_service_accounts");
		if (accounts != null) {
			role.boundServiceAccounts = accounts;
		}
		List<String> projects = params.stringList("bound_projects");
		if (projects != null) {
			role.boundProjects = projects;
		}
		role.addGroupAliases = params.bool("add_group_aliases", role.addGroupAliases);
		Duration maxJwtExp = params.duration("max_jwt_exp");
		if (maxJwtExp != null) {
			role.maxJwtExp = maxJwtExp;
		}
		role.allowGceInference = params.bool("allow_gce_inference", role.allowGceInference);
		List<String> zones = params.stringList("bound_zones");
		if (zones != null) {
			role.boundZones = zones;
		}
		List<String> regions = params.stringList("bound_regions");
		if (regions != null) {
			role.boundRegions = regions;
		}
		if (params.has("bound_labels") || params.has("bound_instance_groups")) {
			throw AuthRequestException.badRequest("bound_labels and bound_instance_groups are not supported by the "
					+ "embedded server (it does not ask the Compute API for the instance)");
		}
		if (role.type.equals("iam")) {
			if (role.boundServiceAccounts.isEmpty()) {
				throw AuthRequestException.badRequest("IAM role type must have at least one service account");
			}
			if (role.boundServiceAccounts.size() > 1 && role.boundServiceAccounts.contains("*")) {
				throw AuthRequestException.badRequest("cannot provide IAM service account wildcard '*' (for all "
						+ "service accounts) with other service accounts");
			}
			if (role.maxJwtExp.compareTo(Duration.ofMinutes(MAX_JWT_EXP_MINUTES)) > 0) {
				throw AuthRequestException.badRequest("max_jwt_exp cannot be more than 60 minutes");
			}
		}
		this.roles.put(name, role);
		return ApiResponse.noContent();
	}

	@Override
	protected ApiResponse login(ApiRequest request, Params params) {
		Config config;
		Role role;
		String roleName = params.string("role", "");
		if (roleName.isEmpty()) {
			throw AuthRequestException.badRequest("role is required");
		}
		synchronized (this.monitor) {
			config = this.config;
			Role stored = this.roles.get(roleName);
			if (stored == null) {
				throw AuthRequestException.badRequest("role \"" + roleName + "\" not found");
			}
			role = stored.copy();
		}
		String token = params.string("jwt", "");
		if (token.isEmpty()) {
			throw AuthRequestException.badRequest("jwt argument is required");
		}
		Jwt jwt;
		try {
			jwt = Jwt.parse(token);
		}
		catch (JwtValidationException ex) {
			throw AuthRequestException.badRequest("unable to parse signed JWT: " + ex.getMessage());
		}
		JwsAlgorithm algorithm = JwsAlgorithm.of(jwt.algorithm());
		if (algorithm == null || !ALGORITHMS.contains(algorithm)) {
			throw AuthRequestException.badRequest("unable to parse signed JWT: unexpected signature algorithm \""
					+ jwt.algorithm() + "\"; expected [RS256 ES256 HS256]");
		}
		String subject = JwtValidator.stringClaim(jwt.claims(), "sub");
		if (subject == null || subject.isEmpty()) {
			throw AuthRequestException.badRequest("expected 'sub' claim from JWT");
		}
		List<KeyWithId> keys = signingKeys(config, role, jwt, subject);
		if (!JwtValidator.verifySignature(jwt, algorithm, keys)) {
			throw AuthRequestException.badRequest("go-jose/go-jose: error in cryptographic primitive");
		}
		ObjectNode claims = jwt.claims();
		validateBaseClaims(claims, roleName, request.now());
		JsonNode gce = claims.path("google").path("compute_engine");
		boolean gceToken = gce.isObject() && !gce.path("instance_id").asString("").isEmpty();
		if (gceToken && !"https://accounts.google.com".equals(JwtValidator.stringClaim(claims, "iss"))
				&& !"accounts.google.com".equals(JwtValidator.stringClaim(claims, "iss"))) {
			throw AuthRequestException.badRequest("GCE identity token not issued by https://accounts.google.com");
		}
		if (role.type.equals("gce")) {
			if (!gceToken) {
				throw AuthRequestException.badRequest("expected JWT to have claims with GCE metadata");
			}
			return gceLogin(request, config, roleName, role, subject, gce);
		}
		return iamLogin(request, config, roleName, role, subject, gceToken ? gce : null, claims);
	}

	private List<KeyWithId> signingKeys(Config config, Role role, Jwt jwt, String subject) {
		String kid = jwt.keyId();
		List<KeyWithId> keys = new ArrayList<>(fetchKeys(config.api() + "/oauth2/v3/certs"));
		boolean found = keys.stream().anyMatch((key) -> kid == null || kid.equals(key.kid()));
		if (found) {
			return keys;
		}
		if (role.type.equals("iam")) {
			String url = config.api() + "/service_accounts/v1/jwk/" + encode(subject);
			List<KeyWithId> accountKeys = fetchKeys(url);
			if (accountKeys.stream().anyMatch((key) -> kid == null || kid.equals(key.kid()))) {
				return accountKeys;
			}
			throw AuthRequestException.badRequest("unable to get public key for signed JWT: unable to get public key \""
					+ kid + "\" for JWT subject \"" + subject + "\": service account \"" + subject + "\" key \"" + kid
					+ "\" not found at GET \"" + url + "\"");
		}
		throw AuthRequestException.badRequest("unable to get public key for signed JWT: unable to get public key \""
				+ kid + "\" for JWT subject \"" + subject
				+ "\": no Google OAuth2 provider key found for GCE role");
	}

	private static List<KeyWithId> fetchKeys(String url) {
		try {
			return new JwksClient(url, "").fetch();
		}
		catch (IOException | IllegalArgumentException ex) {
			return List.of();
		}
	}

	private static void validateBaseClaims(ObjectNode claims, String roleName, Instant now) {
		JsonNode expNode = claims.get("exp");
		long exp = (expNode != null && expNode.isNumber()) ? expNode.asLong() : 0;
		if (exp == 0 || exp < now.getEpochSecond() - EXP_TOLERANCE_SECONDS) {
			throw AuthRequestException.badRequest("JWT is expired or does not have proper 'exp' claim");
		}
		long expiresIn = exp - now.getEpochSecond();
		if (expiresIn > MAX_JWT_EXP_MINUTES * 60 + EXP_TOLERANCE_SECONDS) {
			throw AuthRequestException.badRequest(
					"JWT must expire in " + MAX_JWT_EXP_MINUTES + " minutes, expires in " + expiresIn + "s");
		}
		String suffix = "vault/" + roleName;
		for (String audience : JwtValidator.audiences(claims)) {
			if (!audience.endsWith(suffix)) {
				throw AuthRequestException
					.badRequest("at least one of the JWT claim 'aud' must end in \"" + suffix + "\"");
			}
		}
	}

	private ApiResponse iamLogin(ApiRequest request, Config config, String roleName, Role role, String subject,
			@Nullable JsonNode gce, ObjectNode claims) {
		if (!role.allowGceInference && gce != null) {
			throw AuthRequestException
				.badRequest("Got GCE token but IAM role \"" + roleName + "\" does not allow GCE inference");
		}
		long exp = claims.path("exp").asLong();
		if (gce == null && exp > request.now().plus(role.maxJwtExp).getEpochSecond()) {
			throw AuthRequestException.badRequest(
					"role requires that service account JWTs expire within " + role.maxJwtExp.toSeconds() + " seconds");
		}
		ServiceAccount account = serviceAccount(config, subject);
		if (account == null) {
			return ApiResponse.error(500, "service account " + subject + " not found");
		}
		if (!role.boundProjects.isEmpty() && !role.boundProjects.contains(account.projectId)) {
			throw AuthRequestException.badRequest("service account \"" + account.email + "\" not in bound projects "
					+ goList(role.boundProjects));
		}
		if (!(role.boundServiceAccounts.size() == 1 && role.boundServiceAccounts.get(0).equals("*"))
				&& !role.boundServiceAccounts.contains(account.email)
				&& !role.boundServiceAccounts.contains(account.uniqueId)) {
			throw AuthRequestException.badRequest("service account " + account.email + " (id: " + account.uniqueId
					+ ") is not authorized for role");
		}
		Map<String, String> metadata = metadata(roleName, account, gce);
		synchronized (this.monitor) {
			return login(request, role.token, metadata, account.email);
		}
	}

	private ApiResponse gceLogin(ApiRequest request, Config config, String roleName, Role role, String subject,
			JsonNode gce) {
		String projectId = gce.path("project_id").asString("");
		String instanceId = gce.path("instance_id").asString("");
		if (!role.boundProjects.isEmpty() && !role.boundProjects.contains(projectId)) {
			throw AuthRequestException.badRequest("instance \"" + instanceId + "\" (project \"" + projectId
					+ "\") not in bound projects " + goList(role.boundProjects));
		}
		String zone = gce.path("zone").asString("");
		int dash = zone.lastIndexOf('-');
		if (dash < 0) {
			throw AuthRequestException.badRequest("failed to extract region from zone name \"" + zone + "\"");
		}
		String region = zone.substring(0, dash);
		if (!role.boundZones.isEmpty()) {
			if (!role.boundZones.contains(zone)) {
				throw AuthRequestException.badRequest("instance not in bound zones " + goQuoted(role.boundZones));
			}
		}
		else if (!role.boundRegions.isEmpty() && !role.boundRegions.contains(region)) {
			throw AuthRequestException.badRequest("instance not in bound regions " + goQuoted(role.boundRegions));
		}
		ServiceAccount account = serviceAccount(config, subject);
		if (account == null) {
			throw AuthRequestException.badRequest("Could not find service account \"" + subject
					+ "\" used for GCE metadata token: not found");
		}
		if (!role.boundServiceAccounts.isEmpty() && !role.boundServiceAccounts.contains(account.email)
				&& !role.boundServiceAccounts.contains(account.uniqueId)) {
			throw AuthRequestException.badRequest("service account \"" + account.uniqueId + "\" (\"" + account.email
					+ "\") is not in bound service accounts " + goQuoted(role.boundServiceAccounts));
		}
		Map<String, String> metadata = metadata(roleName, account, gce);
		synchronized (this.monitor) {
			return login(request, role.token, metadata, gce.path("instance_name").asString(""));
		}
	}

	private static Map<String, String> metadata(String roleName, ServiceAccount account, @Nullable JsonNode gce) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("role", roleName);
		metadata.put("service_account_id", account.uniqueId);
		metadata.put("service_account_email", account.email);
		metadata.put("project_id", account.projectId);
		if (gce != null) {
			metadata.put("project_id", gce.path("project_id").asString(""));
			metadata.put("project_number", gce.path("project_number").asString(""));
			metadata.put("zone", gce.path("zone").asString(""));
			metadata.put("instance_id", gce.path("instance_id").asString(""));
			metadata.put("instance_name", gce.path("instance_name").asString(""));
			metadata.put("instance_creation_timestamp", gce.path("instance_creation_timestamp").asString(""));
		}
		return metadata;
	}

	/**
	 * Look a service account up by email or unique id with the IAM API; {@code null} when it does not exist.
	 */
	private static @Nullable ServiceAccount serviceAccount(Config config, String emailOrId) {
		URI uri = URI.create(config.iam() + "/v1/projects/-/serviceAccounts/" + encode(emailOrId));
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return null;
			}
			JsonNode account = Json.MAPPER.readTree(response.body());
			return new ServiceAccount(account.path("email").asString(""), account.path("uniqueId").asString(""),
					account.path("projectId").asString(""));
		}
		catch (IOException | JacksonException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A list as Go's {@code %+v} prints it. */
	private static String goList(List<String> values) {
		return "[" + String.join(" ", values) + "]";
	}

	/** A list as Go's {@code %q} prints it. */
	private static String goQuoted(List<String> values) {
		return "[" + String.join(" ", values.stream().map((value) -> "\"" + value + "\"").toList()) + "]";
	}

	private record ServiceAccount(String email, String uniqueId, String projectId) {
	}

	private record Config(ObjectNode customEndpoint, String credentials, String iamAlias, String gceAlias) {

		String api() {
			return endpoint("api", DEFAULT_API);
		}

		String iam() {
			return endpoint("iam", DEFAULT_IAM);
		}

		private String endpoint(String name, String defaultValue) {
			String value = this.customEndpoint.path(name).asString("");
			if (value.isEmpty()) {
				return defaultValue;
			}
			String url = value.contains("://") ? value : "https://" + value;
			return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("iam_alias", this.iamAlias);
			data.put("gce_alias", this.gceAlias);
			data.set("custom_endpoint", this.customEndpoint.deepCopy());
			return data;
		}

		@Override
		public String toString() {
			return "Config[customEndpoint=" + this.customEndpoint + "]";
		}

	}

	/**
	 * A GCP role. Mutable; guarded by the backend monitor.
	 */
	static final class Role {

		final String roleId;

		String type = "";

		List<String> boundServiceAccounts = List.of();

		List<String> boundProjects = List.of();

		boolean addGroupAliases;

		Duration maxJwtExp = DEFAULT_IAM_MAX_JWT_EXP;

		boolean allowGceInference = true;

		List<String> boundZones = List.of();

		List<String> boundRegions = List.of();

		TokenFields token = new TokenFields();

		Role(String roleId) {
			this.roleId = roleId;
		}

		Role copy() {
			Role copy = new Role(this.roleId);
			copy.type = this.type;
			copy.boundServiceAccounts = this.boundServiceAccounts;
			copy.boundProjects = this.boundProjects;
			copy.addGroupAliases = this.addGroupAliases;
			copy.maxJwtExp = this.maxJwtExp;
			copy.allowGceInference = this.allowGceInference;
			copy.boundZones = this.boundZones;
			copy.boundRegions = this.boundRegions;
			copy.token = this.token.copy();
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			this.token.populate(data);
			data.put("role_id", this.roleId);
			data.put("type", this.type);
			if (!this.boundServiceAccounts.isEmpty()) {
				data.set("bound_service_accounts", Json.array(this.boundServiceAccounts));
			}
			if (!this.boundProjects.isEmpty()) {
				data.set("bound_projects", Json.array(this.boundProjects));
			}
			data.put("add_group_aliases", this.addGroupAliases);
			if (this.type.equals("iam")) {
				data.put("max_jwt_exp", this.maxJwtExp.toSeconds());
				data.put("allow_gce_inference", this.allowGceInference);
			}
			else {
				if (!this.boundRegions.isEmpty()) {
					data.set("bound_regions", Json.array(this.boundRegions));
				}
				if (!this.boundZones.isEmpty()) {
					data.set("bound_zones", Json.array(this.boundZones));
				}
			}
			return data;
		}

	}

}
