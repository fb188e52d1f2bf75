package dev.vaultkv.embedded.auth;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * The Azure auth method ({@code auth/azure}): config, roles and login with a managed identity access token.
 * <p>
 * The token is verified like Vault's OIDC verifier does (issuer {@code https://sts.windows.net/<tenant_id>/},
 * audience the configured {@code resource}, expiry, signature), with the signing keys fetched from the
 * config's {@code jwks_url}, a field only the embedded server has (Vault discovers Azure AD's keys), so tests
 * point it at {@code dev.vaultkv.embedded.standin.AzureImdsStandIn}. The VM or scale set named at login is
 * matched against the token's {@code xms_mirid}/{@code xms_az_rid} claim instead of being fetched from Azure
 * Resource Manager, so {@code bound_locations} and {@code bound_scale_sets} cannot be checked and roles
 * setting them are refused. As in Vault, refusals after the request was read are answered with status 500.
 *
 * @author vaultkv
 */
final class AzureBackend extends RoleAuthBackend<AzureBackend.Role> {

	private static final Set<JwsAlgorithm> ALGORITHMS = Set.of(JwsAlgorithm.RS256);

	private @Nullable Config config;

	AzureBackend(MountContext context) {
		super(context, RoleStore.caseSensitive(Role::toData));
	}

	@Override
	protected boolean handlesLocking(ApiRequest request) {
		return request.subPath().equals("login");
	}

	@Override
	protected @Nullable ApiResponse routeMethodPaths(ApiRequest request, Params params) {
		if (request.subPath().equals("config")) {
			return configEndpoints(request, params, () -> (this.config != null) ? this.config.toData() : null,
					this::writeConfig, () -> this.config = null);
		}
		return null;
	}

	private ApiResponse writeConfig(Params params) {
		Config existing = (this.config != null) ? this.config : new Config("", "", "AzurePublicCloud", "", "", "");
		this.config = new Config(params.string("tenant_id", existing.tenantId),
				params.string("resource", existing.resource), params.string("environment", existing.environment),
				params.string("client_id", existing.clientId), params.string("client_secret", existing.clientSecret),
				params.string("jwks_url", existing.jwksUrl));
		return ApiResponse.noContent();
	}

	@Override
	protected ApiResponse writeRole(String name, Params params) {
		Role existing = this.roles.get(name);
		Role role = (existing != null) ? existing.copy() : new Role();
		role.token.parse(params);
		role.boundSubscriptionIds = list(params, "bound_subscription_ids", role.boundSubscriptionIds);
		role.boundResourceGroups = list(params, "bound_resource_groups", role.boundResourceGroups);
		role.boundGroupIds = list(params, "bound_group_ids", role.boundGroupIds);
		role.boundServicePrincipalIds = list(params, "bound_service_principal_ids", role.boundServicePrincipalIds);
		List<String> locations = params.stringList("bound_locations");
		List<String> scaleSets = params.stringList("bound_scale_sets");
		if ((locations != null && !locations.isEmpty()) || (scaleSets != null && !scaleSets.isEmpty())) {
			throw AuthRequestException.badRequest("bound_locations and bound_scale_sets are not supported by the "
					+ "embedded server (it does not ask Azure Resource Manager for the VM)");
		}
		this.roles.put(name, role);
		return ApiResponse.noContent();
	}

	private static List<String> list(Params params, String name, List<String> current) {
		List<String> values = params.stringList(name);
		return (values != null) ? values : current;
	}

	@Override
	protected ApiResponse login(ApiRequest request, Params params) {
		String roleName = params.string("role", "");
		if (roleName.isEmpty()) {
			throw AuthRequestException.badRequest("role is required");
		}
		String token = params.string("jwt", "");
		if (token.isEmpty()) {
			throw AuthRequestException.badRequest("jwt is required");
		}
		Role role;
		Config config;
		synchronized (this.monitor) {
			Role stored = this.roles.get(roleName);
			if (stored == null) {
				throw AuthRequestException.badRequest("invalid role name \"" + roleName + "\"");
			}
			role = stored.copy();
			config = this.config;
		}
		String subscriptionId = params.string("subscription_id", "");
		String resourceGroupName = params.string("resource_group_name", "");
		String vmName = params.string("vm_name", "");
		String vmssName = params.string("vmss_name", "");
		if (config == null || config.tenantId.isEmpty()) {
			return ApiResponse.error(500, "tenant_id is required");
		}
		if (config.resource.isEmpty()) {
			return ApiResponse.error(500, "resource is required");
		}
		ObjectNode claims;
		try {
			claims = verify(token, config, request.now());
			verifyRole(claims, role, request.now());
			verifyResource(claims, role, subscriptionId, resourceGroupName, vmName, vmssName);
		}
		catch (Refusal ex) {
			return ApiResponse.error(500, ex.getMessage());
		}
		String objectId = text(claims, "oid");
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("role", roleName);
		metadata.put("resource_group_name", resourceGroupName);
		metadata.put("subscription_id", subscriptionId);
		if (!vmName.isEmpty()) {
			metadata.put("vm_name", vmName);
		}
		if (!vmssName.isEmpty()) {
			metadata.put("vmss_name", vmssName);
		}
		if (!text(claims, "appid").isEmpty()) {
			metadata.put("app_id", text(claims, "appid"));
		}
		synchronized (this.monitor) {
			return login(request, role.token, metadata, objectId);
		}
	}

	/**
	 * Verify the token as go-oidc's verifier does: issuer, audience, expiry, then the signature.
	 */
	private static ObjectNode verify(String token, Config config, Instant now) {
		Jwt jwt;
		try {
			jwt = Jwt.parse(token);
		}
		catch (JwtValidationException ex) {
			throw new Refusal("oidc: malformed jwt: " + ex.getMessage());
		}
		ObjectNode claims = jwt.claims();
		String issuer = "https://sts.windows.net/" + config.tenantId + "/";
		if (!issuer.equals(text(claims, "iss"))) {
			throw new Refusal("oidc: id token issued by a different provider, expected \"" + issuer + "\" got \""
					+ text(claims, "iss") + "\"");
		}
		List<String> audiences = JwtValidator.audiences(claims);
		if (!audiences.contains(config.resource)) {
			throw new Refusal("oidc: expected audience \"" + config.resource + "\" got "
					+ "[" + String.join(" ", audiences.stream().map((a) -> "\"" + a + "\"").toList()) + "]");
		}
		long exp = claims.path("exp").asLong(0);
		if (exp != 0 && now.getEpochSecond() > exp) {
			throw new Refusal("oidc: token is expired (Token Expiry: "
					+ DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(exp)) + ")");
		}
		JwsAlgorithm algorithm = JwsAlgorithm.of(jwt.algorithm());
		if (algorithm == null || !ALGORITHMS.contains(algorithm)) {
			throw new Refusal("oidc: id token signed with unsupported algorithm, expected [\"RS256\"] got \""
					+ jwt.algorithm() + "\"");
		}
		List<KeyWithId> keys;
		try {
			keys = config.jwksUrl.isEmpty() ? List.of() : new JwksClient(config.jwksUrl, "").fetch();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new Refusal("failed to verify signature: fetching keys oidc: get keys failed: " + ex.getMessage());
		}
		if (!JwtValidator.verifySignature(jwt, algorithm, keys)) {
			throw new Refusal("failed to verify signature: failed to verify id token signature");
		}
		return claims;
	}

	private static void verifyRole(ObjectNode claims, Role role, Instant now) {
		long nbf = claims.path("nbf").asLong(0);
		if (nbf != 0 && nbf > now.getEpochSecond()) {
			throw new Refusal("token is not yet valid (Token Not Before: "
					+ DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(nbf)) + ")");
		}
		boolean spWildcard = role.boundServicePrincipalIds.size() == 1
				&& role.boundServicePrincipalIds.get(0).equals("*");
		boolean groupWildcard = role.boundGroupIds.size() == 1 && role.boundGroupIds.get(0).equals("*");
		if ((spWildcard && groupWildcard)
				|| (role.boundServicePrincipalIds.isEmpty() && role.boundGroupIds.isEmpty())) {
			throw new Refusal("expected specific bound_group_ids or bound_service_principal_ids; both cannot be "
					+ "empty or '*'");
		}
		String objectId = text(claims, "oid");
		if (!spWildcard && !role.boundServicePrincipalIds.isEmpty()
				&& !role.boundServicePrincipalIds.contains(objectId)) {
			throw new Refusal("service principal not authorized: " + objectId);
		}
		if (!groupWildcard && !role.boundGroupIds.isEmpty()) {
			List<String> groups = JwtValidator.audiences(Json.object().set("aud", claims.path("groups")));
			if (groups.stream().noneMatch(role.boundGroupIds::contains)) {
				throw new Refusal("groups not authorized: [" + String.join(" ", groups) + "]");
			}
		}
	}

	private static void verifyResource(ObjectNode claims, Role role, String subscriptionId,
			String resourceGroupName, String vmName, String vmssName) {
		if (subscriptionId.isEmpty() || resourceGroupName.isEmpty()) {
			throw new Refusal("subscription_id and resource_group_name are required");
		}
		if (!vmssName.isEmpty()) {
			String flexible = xmsMismatch(claims, "/virtualMachines/" + vmssName + "_", "vmss_name", vmssName);
			String uniform = xmsMismatch(claims, "/virtualMachineScaleSets/" + vmssName, "vmss_name", vmssName);
			if (flexible != null && uniform != null) {
				throw new Refusal("failed to verify flexible vmss claim: " + flexible
						+ "\nfailed to verify uniform vmss claim: " + uniform);
			}
		}
		else if (!vmName.isEmpty()) {
			String mismatch = xmsMismatch(claims, "/virtualMachines/" + vmName, "vm_name", vmName);
			if (mismatch != null) {
				throw new Refusal(mismatch);
			}
		}
		else if (text(claims, "appid").isEmpty()) {
			throw new Refusal("one of vm_name, vmss_name, resource_id, or an appid JWT claim must be provided");
		}
		if (!vmName.isEmpty() || !vmssName.isEmpty()) {
			String mismatch = xmsMismatch(claims, "/resourcegroups/" + resourceGroupName, "resource_group_name",
					resourceGroupName);
			if (mismatch != null) {
				throw new Refusal(mismatch);
			}
			String resourceId = !text(claims, "xms_az_rid").isEmpty() ? text(claims, "xms_az_rid")
					: text(claims, "xms_mirid");
			if (!containsInsensitive(resourceId, "/subscriptions/" + subscriptionId + "/")) {
				// Vault finds the VM in the given subscription; the embedded server reads it from the claim
				throw new Refusal("token object id does not match expected identities, and no app id was found");
			}
		}
		if (!role.boundSubscriptionIds.isEmpty() && !role.boundSubscriptionIds.contains(subscriptionId)) {
			throw new Refusal("subscription not authorized");
		}
		if (!role.boundResourceGroups.isEmpty() && !role.boundResourceGroups.contains(resourceGroupName)) {
			throw new Refusal("resource group not authorized");
		}
	}

	private static @Nullable String xmsMismatch(ObjectNode claims, String pattern, String field, String value) {
		String azRid = text(claims, "xms_az_rid");
		String miRid = text(claims, "xms_mirid");
		if (azRid.isEmpty() && miRid.isEmpty()) {
			return "xms_az_rid and xms_mirid claims are missing from token";
		}
		StringBuilder errors = new StringBuilder();
		if (!azRid.isEmpty()) {
			if (containsInsensitive(azRid, pattern)) {
				return null;
			}
			errors.append("xms_az_rid token claim does not match ").append(field).append(' ').append(value)
				.append('\n');
		}
		if (containsInsensitive(miRid, pattern)) {
			return null;
		}
		return errors.append("xms_mirid token claim does not match ").append(field).append(' ').append(value)
			.toString();
	}

	private static boolean containsInsensitive(String text, String part) {
		return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
	}

	private static String text(ObjectNode claims, String name) {
		JsonNode value = claims.get(name);
		return (value != null && value.isString()) ? value.stringValue() : "";
	}

	/** A refusal Vault answers with status 500 (the plugin returns it as a plain error). */
	private static final class Refusal extends RuntimeException {

		Refusal(String message) {
			super(message, null, false, false);
		}

	}

	private record Config(String tenantId, String resource, String environment, String clientId,
			String clientSecret, String jwksUrl) {

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("tenant_id", this.tenantId);
			data.put("resource", this.resource);
			data.put("environment", this.environment);
			data.put("client_id", this.clientId);
			if (!this.jwksUrl.isEmpty()) {
				data.put("jwks_url", this.jwksUrl);
			}
			return data;
		}

		@Override
		public String toString() {
			return "Config[tenantId=" + this.tenantId + ", resource=" + this.resource + "]";
		}

	}

	/**
	 * An Azure role. Mutable; guarded by the backend monitor.
	 */
	static final class Role {

		List<String> boundSubscriptionIds = List.of();

		List<String> boundResourceGroups = List.of();

		List<String> boundGroupIds = List.of();

		List<String> boundServicePrincipalIds = List.of();

		TokenFields token = new TokenFields();

		Role copy() {
			Role copy = new Role();
			copy.boundSubscriptionIds = this.boundSubscriptionIds;
			copy.boundResourceGroups = this.boundResourceGroups;
			copy.boundGroupIds = this.boundGroupIds;
			copy.boundServicePrincipalIds = this.boundServicePrincipalIds;
			copy.token = this.token.copy();
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			this.token.populate(data);
			data.set("bound_subscription_ids", Json.array(this.boundSubscriptionIds));
			data.set("bound_resource_groups", Json.array(this.boundResourceGroups));
			data.set("bound_group_ids", Json.array(this.boundGroupIds));
			data.set("bound_service_principal_ids", Json.array(this.boundServicePrincipalIds));
			data.set("bound_locations", Json.array(List.of()));
			data.set("bound_scale_sets", Json.array(List.of()));
			return data;
		}

	}

}
