package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static dev.vaultkv.embedded.auth.ApproleBackendTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

class KubernetesBackendTests {

	private static final JwtMinter MINTER = JwtMinter.rsa();

	private final TestMountContext context = new TestMountContext("auth/kubernetes/", "kubernetes");

	private final Backend backend = new KubernetesBackendFactory().create(this.context);

	@Test
	void configValidation() {
		assertError(call("POST", "config", Map.of()), 400, "no host provided");
		assertError(call("POST", "config", Map.of("kubernetes_host", "https://k8s", "pem_keys", List.of("junk"))),
				400, "data does not contain any valid RSA or ECDSA public keys");
		assertError(call("POST", "config", Map.of("kubernetes_host", "https://k8s", "kubernetes_ca_cert", "junk")),
				400, "The provided CA PEM data contains no valid certificates");
		configure();
		ObjectNode config = call("GET", "config", null).getData();
		assertThat(config.get("kubernetes_host").asString()).isEqualTo("https://k8s");
		assertThat(config.get("disable_iss_validation").asBoolean()).isTrue();
		assertThat(config.get("pem_keys").get(0).asString()).contains("BEGIN PUBLIC KEY");
		assertThat(config.has("token_reviewer_jwt")).isFalse();
	}

	@Test
	void roleValidation() {
		assertError(call("POST", "role/r", Map.of("bound_service_account_namespaces", "default")), 400,
				"\"bound_service_account_names\" can not be empty");
		assertError(call("POST", "role/r", Map.of("bound_service_account_names", "app")), 400,
				"\"bound_service_account_namespaces\" can not be empty if \"bound_service_account_namespace_selector\" is not set");
		assertError(call("POST", "role/r",
				Map.of("bound_service_account_names", List.of("*", "app"), "bound_service_account_namespaces", "x")),
				400, "can not mix \"*\" with values");
		assertThat(call("POST", "role/r", Map.of("bound_service_account_names", "app",
				"bound_service_account_namespaces", "team-*", "audience", "vault", "token_policies", "k8s"))
			.getStatus()).isEqualTo(204);
		ObjectNode role = call("GET", "role/r", null).getData();
		assertThat(role.get("bound_service_account_namespaces").toString()).isEqualTo("[\"team-*\"]");
		assertThat(role.get("audience").asString()).isEqualTo("vault");
		assertThat(role.get("alias_name_source").asString()).isEqualTo("serviceaccount_uid");
		assertThat(call("LIST", "role", null).getData().get("keys").toString()).isEqualTo("[\"r\"]");
	}

	@Test
	void projectedTokenLogin() {
		configure();
		role("app", "team-*", "vault");
		String jwt = MINTER.kubernetesServiceAccountToken("team-a", "app", "vault", this.context.now,
				Duration.ofMinutes(10));
		ApiResponse login = login("app", jwt);
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsEntry("role", "app")
			.containsEntry("service_account_name", "app")
			.containsEntry("service_account_namespace", "team-a")
			.containsEntry("service_account_uid", JwtMinter.serviceAccountUid("team-a", "app"))
			.containsEntry("service_account_secret_name", "");
		assertThat(this.context.lastIssued().displayName()).isEqualTo("kubernetes-team-a-app");
		assertThat(this.context.lastIssued().policies()).containsExactly("k8s");
	}

	@Test
	void legacySecretTokenLogin() {
		configure();
		role("app", "default", "");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", "kubernetes/serviceaccount");
		claims.put("kubernetes.io/serviceaccount/namespace", "default");
		claims.put("kubernetes.io/serviceaccount/secret.name", "app-token-x1");
		claims.put("kubernetes.io/serviceaccount/service-account.name", "app");
		claims.put("kubernetes.io/serviceaccount/service-account.uid", "uid-1");
		claims.put("sub", "system:serviceaccount:default:app");
		ApiResponse login = login("app", MINTER.sign(claims));
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsEntry("service_account_secret_name", "app-token-x1")
			.containsEntry("service_account_uid", "uid-1");
	}

	@Test
	void loginDenials() {
		configure();
		role("app", "team-*", "vault");
		assertError(call("POST", "login", Map.of("jwt", "x")), 400, "missing role");
		assertError(call("POST", "login", Map.of("role", "app")), 400, "missing jwt");
		assertError(login("nope", "x"), 400, "invalid role name \"nope\"");
		assertError(login("app", token("team-a", "other", "vault")), 403, "service account name not authorized");
		assertError(login("app", token("prod", "app", "vault")), 403, "namespace not authorized");
		assertError(login("app", token("team-a", "app", "other")), 403,
				"invalid audience (aud) claim: audience claim does not match any expected audience");
		String foreign = JwtMinter.rsa().kubernetesServiceAccountToken("team-a", "app", "vault", this.context.now,
				Duration.ofMinutes(10));
		assertError(login("app", foreign), 403, "permission denied");
		assertError(login("app", "garbage"), 403, "permission denied");
		String expired = MINTER.kubernetesServiceAccountToken("team-a", "app", "vault",
				this.context.now.minus(Duration.ofHours(2)), Duration.ofHours(1));
		assertError(login("app", expired), 403, "invalid expiration time (exp) claim: token is expired");
	}

	@Test
	void issuerIsCheckedOnlyWhenEnabled() {
		call("POST", "config", Map.of("kubernetes_host", "https://k8s", "pem_keys", MINTER.publicKeyPem(), "issuer",
				"https://other", "disable_iss_validation", false));
		role("app", "*", "");
		assertError(login("app", token("team-a", "app", "vault")), 403, "invalid issuer (iss) claim");
		call("POST", "config", Map.of("kubernetes_host", "https://k8s", "pem_keys", MINTER.publicKeyPem(), "issuer",
				"https://other"));
		assertThat(login("app", token("team-a", "app", "vault")).getStatus()).isEqualTo(200);
	}

	@Test
	void withoutPemKeysThereIsNoTokenReviewAndLoginIsDenied() {
		call("POST", "config", Map.of("kubernetes_host", "https://k8s"));
		role("app", "*", "");
		assertError(login("app", token("team-a", "app", "vault")), 403, "permission denied");
	}

	private String token(String namespace, String name, String audience) {
		return MINTER.kubernetesServiceAccountToken(namespace, name, audience, this.context.now,
				Duration.ofMinutes(10));
	}

	private void configure() {
		assertThat(call("POST", "config", Map.of("kubernetes_host", "https://k8s", "pem_keys",
				List.of(MINTER.publicKeyPem(), JwtMinter.ec().publicKeyPem()))).getStatus()).isEqualTo(204);
	}

	private void role(String name, String namespaces, String audience) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("bound_service_account_names", "app");
		body.put("bound_service_account_namespaces", namespaces);
		body.put("token_policies", "k8s");
		if (!audience.isEmpty()) {
			body.put("audience", audience);
		}
		assertThat(call("POST", "role/" + name, body).getStatus()).isEqualTo(204);
	}

	private ApiResponse login(String role, String jwt) {
		return call("POST", "login", Map.of("role", role, "jwt", jwt));
	}

	private ApiResponse call(String method, String subPath, Map<String, ?> body) {
		ObjectNode data = (body != null) ? Json.MAPPER.valueToTree(body) : null;
		return this.backend.handle(this.context.request(method, subPath, data));
	}

}
