package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.auth.VaultHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auth method end to end through the real embedded server: enable, configure, log in, use the token.
 */
class AuthMethodsHttpTests {

	private static EmbeddedVaultServer server;

	private static VaultHttp http;

	private static String root;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.start();
		http = new VaultHttp(server);
		root = server.getRootToken();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void approleLoginWithWrappedSecretId() {
		enable("approle-it", "approle");
		assertThat(http.call("POST", "auth/approle-it/role/app", root,
				Map.of("token_policies", "app", "token_ttl", "20m", "secret_id_num_uses", 1)).status())
			.isEqualTo(204);
		String roleId = http.call("GET", "auth/approle-it/role/app/role-id", root, null).data().get("role_id")
			.asString();
		Reply wrapped = http.call("POST", "auth/approle-it/role/app/secret-id", root, Map.of(),
				Map.of("X-Vault-Wrap-TTL", "5m"));
		assertThat(wrapped.status()).isEqualTo(200);
		JsonNode wrapInfo = wrapped.body().get("wrap_info");
		assertThat(wrapInfo.get("creation_path").asString()).isEqualTo("auth/approle-it/role/app/secret-id");
		assertThat(wrapInfo.get("wrapped_accessor").asString()).isNotEmpty();
		Reply unwrapped = http.call("POST", "sys/wrapping/unwrap", wrapInfo.get("token").asString(), null);
		String secretId = unwrapped.data().get("secret_id").asString();
		assertThat(unwrapped.data().get("secret_id_accessor").asString())
			.isEqualTo(wrapInfo.get("wrapped_accessor").asString());

		Reply login = http.call("POST", "auth/approle-it/login", null, Map.of("role_id", roleId, "secret_id", secretId));
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body().get("auth").get("lease_duration").asLong()).isEqualTo(1200);
		assertThat(login.body().get("auth").get("policies").toString()).contains("app", "default");
		JsonNode self = lookupSelf(login.clientToken());
		assertThat(self.get("path").asString()).isEqualTo("auth/approle-it/login");
		assertThat(self.get("meta").get("role_name").asString()).isEqualTo("app");

		Reply again = http.call("POST", "auth/approle-it/login", null, Map.of("role_id", roleId, "secret_id", secretId));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.errors()).contains("invalid role or secret ID");
	}

	@Test
	void approleSecretIdExpiresByTheServerClock() {
		enable("approle-ttl", "approle");
		http.call("POST", "auth/approle-ttl/role/app", root, Map.of("secret_id_ttl", "10m"));
		String roleId = http.call("GET", "auth/approle-ttl/role/app/role-id", root, null).data().get("role_id")
			.asString();
		String secretId = http.call("POST", "auth/approle-ttl/role/app/secret-id", root, Map.of()).data()
			.get("secret_id").asString();
		server.clock().advance(Duration.ofMinutes(11));
		try {
			Reply login = http.call("POST", "auth/approle-ttl/login", null,
					Map.of("role_id", roleId, "secret_id", secretId));
			assertThat(login.status()).isEqualTo(400);
			assertThat(login.errors()).contains("invalid role or secret ID");
		}
		finally {
			server.clock().reset();
		}
	}

	@Test
	void userpassLogin() {
		enable("userpass-it", "userpass");
		http.call("POST", "auth/userpass-it/users/alice", root, Map.of("password", "s3cret", "token_policies", "dev"));
		Reply login = http.call("POST", "auth/userpass-it/login/Alice", null, Map.of("password", "s3cret"));
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body().get("auth").get("metadata").get("username").asString()).isEqualTo("alice");
		assertThat(lookupSelf(login.clientToken()).get("display_name").asString()).isEqualTo("userpass-it-alice");
		Reply bad = http.call("POST", "auth/userpass-it/login/alice", null, Map.of("password", "nope"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.errors()).contains("invalid username or password");
	}

	@Test
	void kubernetesLogin() {
		JwtMinter minter = JwtMinter.rsa();
		enable("kubernetes-it", "kubernetes");
		assertThat(http.call("POST", "auth/kubernetes-it/config", root,
				Map.of("kubernetes_host", "https://kubernetes.default.svc", "pem_keys", minter.publicKeyPem()))
			.status()).isEqualTo(204);
		http.call("POST", "auth/kubernetes-it/role/app", root, Map.of("bound_service_account_names", "app",
				"bound_service_account_namespaces", "team-*", "audience", "vault", "token_policies", "k8s"));
		String jwt = minter.kubernetesServiceAccountToken("team-a", "app", "vault", server.clock().instant(),
				Duration.ofMinutes(10));
		Reply login = http.call("POST", "auth/kubernetes-it/login", null, Map.of("role", "app", "jwt", jwt));
		assertThat(login.status()).isEqualTo(200);
		JsonNode meta = lookupSelf(login.clientToken()).get("meta");
		assertThat(meta.get("service_account_namespace").asString()).isEqualTo("team-a");
		assertThat(meta.get("service_account_name").asString()).isEqualTo("app");
		String other = minter.kubernetesServiceAccountToken("prod", "app", "vault", server.clock().instant(),
				Duration.ofMinutes(10));
		Reply denied = http.call("POST", "auth/kubernetes-it/login", null, Map.of("role", "app", "jwt", other));
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.errors()).contains("namespace not authorized");
	}

	@Test
	void jwtLoginOnJwtAndOidcMounts() {
		JwtMinter minter = JwtMinter.ec();
		for (String[] mount : List.of(new String[] { "jwt-it", "jwt" }, new String[] { "oidc-it", "oidc" })) {
			enable(mount[0], mount[1]);
			assertThat(http.call("POST", "auth/" + mount[0] + "/config", root,
					Map.of("jwt_validation_pubkeys", minter.publicKeyPem(), "bound_issuer", "https://ci")).status())
				.isEqualTo(204);
			http.call("POST", "auth/" + mount[0] + "/role/ci", root, Map.of("role_type", "jwt", "user_claim", "sub",
					"bound_audiences", "vault", "token_policies", "ci"));
			String jwt = minter.sign("https://ci", "pipeline-7", "vault", server.clock().instant(),
					Duration.ofMinutes(2));
			Reply login = http.call("POST", "auth/" + mount[0] + "/login", null, Map.of("role", "ci", "jwt", jwt));
			assertThat(login.status()).isEqualTo(200);
			assertThat(login.body().get("auth").get("metadata").get("role").asString()).isEqualTo("ci");
			assertThat(lookupSelf(login.clientToken()).get("policies").toString()).contains("ci");
		}
	}

	private static JsonNode lookupSelf(String token) {
		Reply self = http.call("GET", "auth/token/lookup-self", token, null);
		assertThat(self.status()).isEqualTo(200);
		return self.data();
	}

	private static void enable(String path, String type) {
		Reply reply = http.call("POST", "sys/auth/" + path, root, Map.of("type", type));
		assertThat(reply.status()).as(reply.errors()).isEqualTo(204);
	}

}
