package dev.vaultkv.embedded.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vaultkv.embedded.auth.PublicKeys.KeyWithId;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JWT/OIDC auth method ({@code auth/jwt}, also mountable as {@code oidc}) for JWT logins: config with
 * static PEM keys, a JWKS URL or an OIDC discovery URL (keys fetched with the JDK HTTP client at each
 * login), roles, and {@code login}. The OIDC browser flow ({@code oidc/auth_url}, {@code oidc/callback}) is
 * not offered by the embedded server.
 *
 * @author vaultkv
 */
final class JwtBackend extends RoleAuthBackend<JwtBackend.Role> {

	private static final String KEY_SOURCES = "exactly one of 'jwt_validation_pubkeys', 'jwks_url', 'jwks_pairs' or 'oidc_discovery_url' must be set";

	private @Nullable Config config;

	JwtBackend(MountContext context) {
		super(context, RoleStore.caseSensitive(Role::toData));
	}

	@Override
	protected boolean handlesLocking(ApiRequest request) {
		return request.subPath().equals("login") || request.subPath().equals("config");
	}

	@Override
	protected @Nullable ApiResponse routeMethodPaths(ApiRequest request, Params params) {
		if (request.subPath().equals("config")) {
			// config is routed without the monitor (a write fetches keys)
			return configEndpoints(request, params, () -> {
				synchronized (this.monitor) {
					return (this.config != null) ? this.config.toData() : null;
				}
			}, this::writeConfig);
		}
		return null;
	}

	private ApiResponse writeConfig(Params params) {
		List<String> pems = KubernetesBackend.pemList(params.node("jwt_validation_pubkeys"));
		String jwksUrl = params.string("jwks_url", "");
		String discoveryUrl = params.string("oidc_discovery_url", "");
		JsonNode pairsNode = params.node("jwks_pairs");
		boolean pairs = pairsNode != null && pairsNode.isArray() && !pairsNode.isEmpty();
		int sources = (pems.isEmpty() ? 0 : 1) + (jwksUrl.isEmpty() ? 0 : 1) + (discoveryUrl.isEmpty() ? 0 : 1)
				+ (pairs ? 1 : 0);
		if (sources != 1) {
			throw AuthRequestException.badRequest(KEY_SOURCES);
		}
		String clientId = params.string("oidc_client_id", "");
		String clientSecret = params.string("oidc_client_secret", "");
		if (clientId.isEmpty() != clientSecret.isEmpty()) {
			throw AuthRequestException.badRequest("both 'oidc_client_id' and 'oidc_client_secret' must be set for OIDC");
		}
		if (pairs) {
			throw AuthRequestException.badRequest("invalid jwks_pairs: not supported by the embedded server");
		}
		List<KeyWithId> keys = new ArrayList<>();
		for (String pem : pems) {
			try {
				keys.add(new KeyWithId(null, PublicKeys.parsePem(pem)));
			}
			catch (IllegalArgumentException ex) {
				throw AuthRequestException.badRequest("error parsing public key: " + ex.getMessage());
			}
		}
		String jwksCaPem = params.string("jwks_ca_pem", "");
		String discoveryCaPem = params.string("oidc_discovery_ca_pem", "");
		JwksClient jwks = null;
		if (!discoveryUrl.isEmpty()) {
			try {
				jwks = JwksClient.discover(discoveryUrl, discoveryCaPem);
				jwks.fetch();
			}
			catch (IllegalArgumentException | IOException ex) {
				throw AuthRequestException.badRequest("error checking oidc discovery URL");
			}
		}
		else if (!jwksUrl.isEmpty()) {
			try {
				jwks = new JwksClient(jwksUrl, jwksCaPem);
				jwks.fetch();
			}
			catch (IllegalArgumentException ex) {
				throw AuthRequestException.badRequest("error checking jwks_ca_pem");
			}
			catch (IOException ex) {
				throw AuthRequestException.badRequest("error checking jwks URL " + jwksUrl);
			}
		}
		List<String> algs = params.stringList("jwt_supported_algs");
		Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
		for (String alg : (algs != null) ? algs : List.<String>of()) {
			JwsAlgorithm algorithm = JwsAlgorithm.of(alg);
			if (algorithm == null) {
				throw AuthRequestException.badRequest("invalid jwt_supported_algs: unsupported signing algorithm \""
						+ alg + "\"");
			}
			algorithms.add(algorithm);
		}
		Config config = new Config(pems, keys, jwksUrl, jwksCaPem, discoveryUrl, discoveryCaPem, jwks,
				(algs != null) ? algs : List.of(), algorithms, params.string("bound_issuer", ""),
				params.string("default_role", ""), clientId);
		synchronized (this.monitor) {
			this.config = config;
		}
		return ApiResponse.noContent();
	}

	@Override
	protected ApiResponse writeRole(String name, Params params) {
		Role existing = this.roles.get(name);
		Role role = (existing != null) ? existing.copy() : new Role();
		String roleType = params.string("role_type", "");
		role.roleType = roleType.isEmpty() ? "oidc" : roleType;
		if (!role.roleType.equals("jwt") && !role.roleType.equals("oidc")) {
			throw AuthRequestException.badRequest("invalid 'role_type': " + roleType);
		}
		role.token.parse(params);
		long max = this.context.maxLeaseTtlSeconds();
		if (max > 0 && role.token.period.toSeconds() > max) {
			throw AuthRequestException.badRequest("'period' of '\"" + role.token.period.toSeconds()
					+ "s\"' is greater than the backend's maximum lease TTL of '\"" + max + "s\"'");
		}
		Integer value = params.integer("expiration_leeway");
		if (value != null) {
			role.expirationLeeway = value;
		}
		value = params.integer("not_before_leeway");
		if (value != null) {
			role.notBeforeLeeway = value;
		}
		value = params.integer("clock_skew_leeway");
		if (value != null) {
			role.clockSkewLeeway = value;
		}
		List<String> audiences = params.stringList("bound_audiences");
		if (audiences != null) {
			role.boundAudiences = audiences;
		}
		String subject = params.string("bound_subject");
		if (subject != null) {
			role.boundSubject = subject;
		}
		String claimsType = params.string("bound_claims_type", "string");
		if (!claimsType.equals("string") && !claimsType.equals("glob")) {
			throw AuthRequestException.badRequest("invalid 'bound_claims_type': " + claimsType);
		}
		role.boundClaimsType = claimsType;
		ObjectNode boundClaims = params.object("bound_claims");
		if (boundClaims != null) {
			if (claimsType.equals("glob")) {
				checkGlobClaims(boundClaims);
			}
			role.boundClaims = boundClaims;
		}
		Map<String, String> mappings = params.stringMap("claim_mappings");
		if (mappings != null) {
			Set<String> targets = new HashSet<>();
			for (String target : mappings.values()) {
				if (target.equals("role")) {
					throw AuthRequestException.badRequest(
							"metadata key \"role\" is reserved and may not be a mapping destination");
				}
				if (!targets.add(target)) {
					throw AuthRequestException
						.badRequest("multiple keys are mapped to metadata key \"" + target + "\"");
				}
			}
			role.claimMappings = mappings;
		}
		String userClaim = params.string("user_claim");
		if (userClaim != null) {
			role.userClaim = userClaim;
		}
		if (role.userClaim.isEmpty()) {
			throw AuthRequestException.badRequest("a user claim must be defined on the role");
		}
		Boolean pointer = params.bool("user_claim_json_pointer");
		if (pointer != null) {
			role.userClaimJsonPointer = pointer;
		}
		String groupsClaim = params.string("groups_claim");
		if (groupsClaim != null) {
			role.groupsClaim = groupsClaim;
		}
		List<String> scopes = params.stringList("oidc_scopes");
		if (scopes != null) {
			role.oidcScopes = scopes;
		}
		List<String> redirectUris = params.stringList("allowed_redirect_uris");
		if (redirectUris != null) {
			role.allowedRedirectUris = redirectUris;
		}
		if (role.roleType.equals("oidc") && role.allowedRedirectUris.isEmpty()) {
			throw AuthRequestException
				.badRequest("'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.");
		}
		if (!role.roleType.equals("oidc") && role.boundAudiences.isEmpty() && role.token.boundCidrs.isEmpty()
				&& role.boundSubject.isEmpty() && role.boundClaims.isEmpty()) {
			throw AuthRequestException
				.badRequest("must have at least one bound constraint when creating/updating a role");
		}
		this.roles.put(name, role);
		if (exceedsMountMaxTtl(role.token)) {
			return ApiResponse.ok(null)
				.withWarning("token max ttl is greater than the system or backend mount's maximum TTL value; "
						+ "issued tokens' max TTL value will be truncated");
		}
		return ApiResponse.noContent();
	}

	private static void checkGlobClaims(ObjectNode boundClaims) {
		for (Map.Entry<String, JsonNode> claim : boundClaims.properties()) {
			JsonNode values = claim.getValue();
			if (!values.isArray() && !values.isValueNode()) {
				throw AuthRequestException.badRequest("claim is not a string or list: " + values);
			}
			for (JsonNode element : values.isArray() ? values : List.of(values)) {
				if (!element.isString()) {
					throw AuthRequestException.badRequest("claim is not a string: " + element);
				}
			}
		}
	}

	@Override
	protected ApiResponse login(ApiRequest request, Params params) {
		Config config;
		Role role;
		String roleName;
		synchronized (this.monitor) {
			config = this.config;
			if (config == null) {
				throw AuthRequestException.badRequest("could not load configuration");
			}
			roleName = params.string("role", "");
			if (roleName.isEmpty()) {
				roleName = config.defaultRole;
			}
			if (roleName.isEmpty()) {
				throw AuthRequestException.badRequest("missing role");
			}
			role = this.roles.get(roleName);
			if (role == null) {
				throw AuthRequestException.badRequest("role \"" + roleName + "\" could not be found");
			}
			role = role.copy();
		}
		if (role.roleType.equals("oidc")) {
			throw AuthRequestException.badRequest("role with oidc role_type is not allowed");
		}
		String token = params.string("jwt", "");
		if (token.isEmpty()) {
			throw AuthRequestException.badRequest("missing token");
		}
		List<KeyWithId> keys = config.keys;
		if (config.jwks != null) {
			try {
				keys = config.jwks.fetch();
			}
			catch (IOException ex) {
				throw AuthRequestException.badRequest(
						"error validating token: error verifying token signature: fetching keys: " + ex.getMessage());
			}
		}
		JwtExpectations expected = new JwtExpectations(config.boundIssuer, role.boundSubject, role.boundAudiences,
				config.algorithms, role.expirationLeeway, role.notBeforeLeeway, role.clockSkewLeeway, false,
				request.now());
		ObjectNode claims;
		try {
			claims = JwtValidator.validate(token, keys, expected);
		}
		catch (JwtValidationException ex) {
			throw AuthRequestException.badRequest("error validating token: " + ex.getMessage());
		}
		if (role.boundAudiences.isEmpty() && !JwtValidator.audiences(claims).isEmpty()) {
			throw AuthRequestException.badRequest("audience claim found in JWT but no audiences bound to the role");
		}
		JsonNode user = role.userClaimJsonPointer ? Claims.get(claims, role.userClaim) : claims.get(role.userClaim);
		if (user == null || user.isNull()) {
			throw AuthRequestException.badRequest("claim \"" + role.userClaim + "\" not found in token");
		}
		if (!user.isString()) {
			throw AuthRequestException
				.badRequest("claim \"" + role.userClaim + "\" could not be converted to string");
		}
		Map<String, String> metadata = new LinkedHashMap<>(Claims.mapClaims(claims, role.claimMappings));
		checkGroups(claims, role.groupsClaim);
		String boundClaimsError = Claims.checkBoundClaims(role.boundClaims, role.boundClaimsType.equals("glob"),
				claims);
		if (boundClaimsError != null) {
			throw AuthRequestException.badRequest("error validating claims: " + boundClaimsError);
		}
		metadata.put("role", roleName);
		return login(request, role.token, metadata, user.stringValue());
	}

	private static void checkGroups(ObjectNode claims, String groupsClaim) {
		if (groupsClaim.isEmpty()) {
			return;
		}
		JsonNode groups = Claims.get(claims, groupsClaim);
		if (groups == null) {
			throw AuthRequestException.badRequest("\"" + groupsClaim + "\" claim not found in token");
		}
		if (!groups.isArray() && !groups.isString()) {
			throw AuthRequestException
				.badRequest("\"" + groupsClaim + "\" claim could not be converted to string list");
		}
	}

	private record Config(List<String> pems, List<KeyWithId> keys, String jwksUrl, String jwksCaPem,
			String discoveryUrl, String discoveryCaPem, @Nullable JwksClient jwks, List<String> supportedAlgs, Set<JwsAlgorithm> algorithms, String boundIssuer,
			String defaultRole, String clientId) {

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("oidc_discovery_url", this.discoveryUrl);
			data.put("oidc_discovery_ca_pem", this.discoveryCaPem);
			data.put("oidc_client_id", this.clientId);
			data.put("oidc_response_mode", "");
			data.set("oidc_response_types", Json.array(List.of()));
			data.put("default_role", this.defaultRole);
			data.set("jwt_validation_pubkeys", Json.array(this.pems));
			data.set("jwt_supported_algs", Json.array(this.supportedAlgs));
			data.put("jwks_url", this.jwksUrl);
			data.set("jwks_pairs", Json.array(List.of()));
			data.put("jwks_ca_pem", this.jwksCaPem);
			data.put("bound_issuer", this.boundIssuer);
			data.putObject("provider_config");
			data.put("namespace_in_state", true);
			return data;
		}

		@Override
		public String toString() {
			return "Config[jwksUrl=" + this.jwksUrl + ", boundIssuer=" + this.boundIssuer + "]";
		}

	}

	/**
	 * A JWT/OIDC role. Mutable; guarded by the backend monitor.
	 */
	static final class Role {

		String roleType = "oidc";

		long expirationLeeway;

		long notBeforeLeeway;

		long clockSkewLeeway;

		List<String> boundAudiences = List.of();

		String boundSubject = "";

		String boundClaimsType = "string";

		ObjectNode boundClaims = Json.object();

		Map<String, String> claimMappings = Map.of();

		String userClaim = "";

		boolean userClaimJsonPointer;

		String groupsClaim = "";

		List<String> oidcScopes = List.of();

		List<String> allowedRedirectUris = List.of();

		TokenFields token = new TokenFields();

		Role copy() {
			Role copy = new Role();
			copy.roleType = this.roleType;
			copy.expirationLeeway = this.expirationLeeway;
			copy.notBeforeLeeway = this.notBeforeLeeway;
			copy.clockSkewLeeway = this.clockSkewLeeway;
			copy.boundAudiences = this.boundAudiences;
			copy.boundSubject = this.boundSubject;
			copy.boundClaimsType = this.boundClaimsType;
			copy.boundClaims = this.boundClaims.deepCopy();
			copy.claimMappings = this.claimMappings;
			copy.userClaim = this.userClaim;
			copy.userClaimJsonPointer = this.userClaimJsonPointer;
			copy.groupsClaim = this.groupsClaim;
			copy.oidcScopes = this.oidcScopes;
			copy.allowedRedirectUris = this.allowedRedirectUris;
			copy.token = this.token.copy();
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("role_type", this.roleType);
			data.put("expiration_leeway", this.expirationLeeway);
			data.put("not_before_leeway", this.notBeforeLeeway);
			data.put("clock_skew_leeway", this.clockSkewLeeway);
			data.set("bound_audiences", Json.array(this.boundAudiences));
			data.put("bound_subject", this.boundSubject);
			data.put("bound_claims_type", this.boundClaimsType);
			data.set("bound_claims", this.boundClaims.isEmpty() ? null : this.boundClaims.deepCopy());
			ObjectNode mappings = data.putObject("claim_mappings");
			this.claimMappings.forEach(mappings::put);
			data.put("user_claim", this.userClaim);
			data.put("user_claim_json_pointer", this.userClaimJsonPointer);
			data.put("groups_claim", this.groupsClaim);
			data.set("allowed_redirect_uris", Json.array(this.allowedRedirectUris));
			data.set("oidc_scopes", Json.array(this.oidcScopes));
			data.put("verbose_oidc_logging", false);
			data.put("max_age", 0);
			this.token.populate(data);
			if (!this.token.policies.isEmpty()) {
				data.set("policies", Json.array(this.token.policies));
			}
			return data;
		}

	}

}
