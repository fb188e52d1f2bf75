package dev.vaultkv.embedded.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vaultkv.embedded.auth.PublicKeys.KeyWithId;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes auth method ({@code auth/kubernetes}): config, roles and service account login.
 * <p>
 * There is no cluster to send a TokenReview to, so the embedded server lets the signature check against the
 * configured {@code pem_keys} stand in for it: a token signed by one of those keys, valid in time and with
 * the expected issuer and audience, is accepted. Without {@code pem_keys} every login is denied, as a Vault
 * whose TokenReview fails would deny it.
 *
 * @author vaultkv
 */
final class KubernetesBackend extends RoleAuthBackend<KubernetesBackend.Role> {

	private static final Set<JwsAlgorithm> ALGORITHMS = Set.of(JwsAlgorithm.values());

	private @Nullable Config config;

	KubernetesBackend(MountContext context) {
		super(context, RoleStore.caseSensitive(Role::toData));
	}

	@Override
	protected @Nullable ApiResponse routeMethodPaths(ApiRequest request, Params params) {
		if (request.subPath().equals("config")) {
			return configEndpoints(request, params, () -> (this.config != null) ? this.config.toData() : null,
					this::writeConfig);
		}
		return null;
	}

	private ApiResponse writeConfig(Params params) {
		String host = params.string("kubernetes_host", "");
		if (host.isEmpty()) {
			throw AuthRequestException.badRequest("no host provided");
		}
		String caCert = params.string("kubernetes_ca_cert", "");
		if (!caCert.isEmpty() && PublicKeys.parseCertificates(caCert).isEmpty()) {
			throw AuthRequestException.badRequest("The provided CA PEM data contains no valid certificates");
		}
		List<String> pemKeys = pemList(params.node("pem_keys"));
		List<KeyWithId> keys = new ArrayList<>();
		for (String pem : pemKeys) {
			try {
				keys.add(new KeyWithId(null, PublicKeys.parsePem(pem)));
			}
			catch (IllegalArgumentException ex) {
				throw AuthRequestException.badRequest(ex.getMessage());
			}
		}
		this.config = new Config(host, caCert, pemKeys, keys, params.string("issuer", ""),
				params.bool("disable_iss_validation", true), params.bool("disable_local_ca_jwt", false),
				params.string("token_reviewer_jwt", ""), params.bool("use_annotations_as_alias_metadata", false));
		return ApiResponse.noContent();
	}

	/**
	 * PEM lists: a JSON array, or one string that may hold several PEM blocks (a comma-separated string as
	 * Vault's CLI sends it works too, since PEM text has no commas).
	 */
	static List<String> pemList(@Nullable JsonNode node) {
		List<String> pems = new ArrayList<>();
		if (node == null || node.isNull()) {
			return pems;
		}
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			node.forEach((element) -> values.add(element.asString()));
		}
		else {
			values.add(node.asString());
		}
		Pattern block = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----[\\s\\S]*?-----END [A-Z0-9 ]+-----");
		for (String value : values) {
			Matcher matcher = block.matcher(value);
			boolean found = false;
			while (matcher.find()) {
				pems.add(matcher.group() + "\n");
				found = true;
			}
			if (!found && !value.isBlank()) {
				pems.add(value);
			}
		}
		return pems;
	}

	@Override
	protected ApiResponse writeRole(String name, Params params) {
		Role existing = this.roles.get(name);
		Role role = (existing != null) ? existing.copy() : new Role();
		role.token.parse(params);
		long max = this.context.maxLeaseTtlSeconds();
		if (max > 0 && role.token.period.toSeconds() > max) {
			throw AuthRequestException.badRequest("token period of '\"" + role.token.period.toSeconds()
					+ "s\"' is greater than the backend's maximum lease TTL of '\"" + max + "s\"'");
		}
		List<String> names = params.stringList("bound_service_account_names");
		if (names != null) {
			role.names = names;
		}
		if (role.names.isEmpty()) {
			throw AuthRequestException.badRequest("\"bound_service_account_names\" can not be empty");
		}
		if (role.names.size() > 1 && role.names.contains("*")) {
			throw AuthRequestException.badRequest("can not mix \"*\" with values");
		}
		List<String> namespaces = params.stringList("bound_service_account_namespaces");
		if (namespaces != null) {
			role.namespaces = namespaces;
		}
		String selector = params.string("bound_service_account_namespace_selector");
		if (selector != null) {
			role.namespaceSelector = selector;
		}
		if (role.namespaces.isEmpty() && role.namespaceSelector.isEmpty()) {
			throw AuthRequestException.badRequest(
					"\"bound_service_account_namespaces\" can not be empty if \"bound_service_account_namespace_selector\" is not set");
		}
		if (role.namespaces.size() > 1 && role.namespaces.contains("*")) {
			throw AuthRequestException.badRequest("can not mix \"*\" with values");
		}
		String audience = params.string("audience");
		if (audience != null) {
			role.audience = audience;
		}
		String aliasNameSource = params.string("alias_name_source");
		if (aliasNameSource != null) {
			if (!aliasNameSource.equals("serviceaccount_uid") && !aliasNameSource.equals("serviceaccount_name")) {
				throw AuthRequestException.badRequest("invalid alias_name_source \"" + aliasNameSource
						+ "\", must be one of [serviceaccount_uid serviceaccount_name]");
			}
			role.aliasNameSource = aliasNameSource;
		}
		this.roles.put(name, role);
		return stored(role.token);
	}

	@Override
	protected ApiResponse login(ApiRequest request, Params params) {
		String roleName = required(params, "role");
		String jwt = required(params, "jwt");
		Role role = this.roles.get(roleName);
		if (role == null) {
			throw AuthRequestException.badRequest("invalid role name \"" + roleName + "\"");
		}
		Config config = this.config;
		if (config == null) {
			return ApiResponse.error(500, "could not load backend configuration");
		}
		if (config.keys.isEmpty()) {
			// No cluster to send the TokenReview to: the review fails, and Vault denies.
			return ApiResponse.error(403, "permission denied");
		}
		String issuer = (!config.disableIssValidation && !config.issuer.isEmpty()) ? config.issuer : null;
		JwtExpectations expected = new JwtExpectations(issuer, null,
				role.audience.isEmpty() ? List.of() : List.of(role.audience), ALGORITHMS, 0, 0, 0, true,
				request.now());
		ObjectNode claims;
		try {
			claims = JwtValidator.validate(jwt, config.keys, expected);
		}
		catch (JwtValidationException ex) {
			return ApiResponse.error(403, ex.isSignatureFailure() ? "permission denied" : ex.getMessage());
		}
		ServiceAccount account = ServiceAccount.of(claims);
		if ((role.names.size() > 1 || !role.names.get(0).equals("*"))
				&& !Globs.anyMatches(role.names, account.name)) {
			return ApiResponse.error(403, "service account name not authorized");
		}
		boolean namespaceAllowed = !role.namespaces.isEmpty()
				&& (role.namespaces.get(0).equals("*") || Globs.anyMatches(role.namespaces, account.namespace));
		if (!namespaceAllowed) {
			return ApiResponse.error(403, "namespace not authorized");
		}
		if (account.uid.isEmpty()) {
			return ApiResponse.error(500, "could not parse UID from claims");
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("service_account_uid", account.uid);
		metadata.put("service_account_name", account.name);
		metadata.put("service_account_namespace", account.namespace);
		metadata.put("service_account_secret_name", account.secretName);
		metadata.put("role", roleName);
		return login(request, role.token, metadata, account.namespace + "-" + account.name);
	}

	/**
	 * The service account a token names, from the legacy secret-based claims or the projected
	 * {@code kubernetes.io} claim (which wins).
	 */
	private record ServiceAccount(String name, String namespace, String uid, String secretName) {

		static ServiceAccount of(ObjectNode claims) {
			String name = text(claims.get("kubernetes.io/serviceaccount/service-account.name"));
			String namespace = text(claims.get("kubernetes.io/serviceaccount/namespace"));
			String uid = text(claims.get("kubernetes.io/serviceaccount/service-account.uid"));
			String secretName = text(claims.get("kubernetes.io/serviceaccount/secret.name"));
			JsonNode projected = claims.get("kubernetes.io");
			if (projected != null && projected.isObject()) {
				namespace = text(projected.get("namespace"));
				JsonNode account = projected.get("serviceaccount");
				if (account != null && account.isObject()) {
					name = text(account.get("name"));
					uid = text(account.get("uid"));
				}
			}
			return new ServiceAccount(name, namespace, uid, secretName);
		}

		private static String text(@Nullable JsonNode node) {
			return (node != null && node.isString()) ? node.stringValue() : "";
		}

	}

	private record Config(String host, String caCert, List<String> pemKeys, List<KeyWithId> keys, String issuer,
			boolean disableIssValidation, boolean disableLocalCaJwt, String tokenReviewerJwt,
			boolean useAnnotationsAsAliasMetadata) {

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("kubernetes_host", this.host);
			data.put("kubernetes_ca_cert", this.caCert);
			data.set("pem_keys", Json.array(this.pemKeys));
			data.put("issuer", this.issuer);
			data.put("disable_iss_validation", this.disableIssValidation);
			data.put("disable_local_ca_jwt", this.disableLocalCaJwt);
			data.put("use_annotations_as_alias_metadata", this.useAnnotationsAsAliasMetadata);
			return data;
		}

		@Override
		public String toString() {
			return "Config[host=" + this.host + "]";
		}

	}

	/**
	 * A Kubernetes role. Mutable; guarded by the backend monitor.
	 */
	static final class Role {

		List<String> names = List.of();

		List<String> namespaces = List.of();

		String namespaceSelector = "";

		String audience = "";

		String aliasNameSource = "serviceaccount_uid";

		TokenFields token = new TokenFields();

		Role copy() {
			Role copy = new Role();
			copy.names = this.names;
			copy.namespaces = this.namespaces;
			copy.namespaceSelector = this.namespaceSelector;
			copy.audience = this.audience;
			copy.aliasNameSource = this.aliasNameSource;
			copy.token = this.token.copy();
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.set("bound_service_account_names", Json.array(this.names));
			data.set("bound_service_account_namespaces", Json.array(this.namespaces));
			data.put("bound_service_account_namespace_selector", this.namespaceSelector);
			if (!this.audience.isEmpty()) {
				data.put("audience", this.audience);
			}
			this.token.populate(data);
			if (!this.token.policies.isEmpty()) {
				data.set("policies", Json.array(this.token.policies));
			}
			data.put("alias_name_source", this.aliasNameSource);
			return data;
		}

	}

}
