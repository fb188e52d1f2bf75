package dev.vaultkv.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultSslSupport;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.auth.JwtMinter;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;
import dev.vaultkv.testsupport.ServerFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every login method end to end over HTTP against the embedded Vault server: each obtains a token through
 * a {@link DefaultSessionManager}, and that token reads a secret its policy allows.
 */
class LoginMethodsEmbeddedTests {

	private static final Path TLS = Path.of("src/test/resources/dev/vaultkv/client/tls");

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static SysTemplate sys;

	@BeforeAll
	static void start(TestInfo testInfo) {
		server = EmbeddedVaultServer.builder()
			.flavour(ServerFlavour.Of.test(testInfo))
			.secret("secret/login/app", Map.of("password", "s3cr3t"))
			.start();
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		sys = new SysTemplate(root);
		sys.writePolicy("reader", "path \"secret/data/login/*\" { capabilities = [\"read\"] }");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void token() {
		String token = createToken();
		assertReadsWith(new TokenAuthentication(VaultToken.of(token)));
	}

	@Test
	void supplier() {
		String token = createToken();
		assertReadsWith(SupplierAuthentication.ofToken(() -> VaultToken.of(token)));
	}

	@Test
	void appRoleWithPlainSecretId() {
		enableAuth("approle", "approle");
		String roleId = appRole("approle", "app");
		String secretId = secretId("approle", "app", null);
		assertReadsWith(new AppRoleAuthentication(
				AppRoleAuthenticationOptions.builder().roleId(roleId).secretId(secretId).roleName("app").build()));
	}

	@Test
	void appRoleWithSecretIdFile(@TempDir Path directory) throws Exception {
		enableAuth("approle-file", "approle");
		String roleId = appRole("approle-file", "app");
		Path file = directory.resolve("secret-id");
		Files.writeString(file, secretId("approle-file", "app", null) + "\n");
		assertReadsWith(new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.path("approle-file")
			.roleId(roleId)
			.secretId(CredentialSource.ofFile(file))
			.build()));
	}

	@Test
	void appRoleWithResponseWrappedSecretIdUnwrapsOnce() {
		enableAuth("approle-wrapped", "approle");
		String roleId = appRole("approle-wrapped", "app");
		String wrappingToken = secretId("approle-wrapped", "app", Duration.ofMinutes(5));
		AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder()
			.path("approle-wrapped")
			.roleId(roleId)
			.wrappedSecretId(CredentialSource.of(wrappingToken))
			.build();
		AppRoleAuthentication authentication = new AppRoleAuthentication(options);
		VaultClient unauthenticated = DefaultVaultClient.builder(server.getAddress()).build();
		server.requestLog().clear();
		VaultAuth first = authentication.login(unauthenticated);
		VaultAuth second = authentication.login(unauthenticated);
		assertThat(first.clientToken()).isNotEqualTo(second.clientToken());
		assertThat(server.requestLog().count("POST", "sys/wrapping/unwrap")).isOne();
		assertThat(server.requestLog().count("POST", "auth/approle-wrapped/login")).isEqualTo(2);
		assertThat(readWith(first.clientToken())).isEqualTo("s3cr3t");

		AppRoleAuthentication restarted = new AppRoleAuthentication(options);
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> restarted.login(unauthenticated))
			.withMessageContaining("already unwrapped")
			.withMessageContaining("AppRole secret_id")
			.withMessageNotContaining(wrappingToken);
	}

	@Test
	void appRoleWithWrongSecretIdFailsClearly() {
		enableAuth("approle-wrong", "approle");
		String roleId = appRole("approle-wrong", "app");
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.path("approle-wrong")
			.roleId(roleId)
			.secretId("not-the-secret-id")
			.build());
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> authentication.login(DefaultVaultClient.builder(server.getAddress()).build()))
			.withMessageContaining("approle-wrong")
			.withMessageNotContaining("not-the-secret-id")
			.satisfies((ex) -> assertThat(ex.getErrors()).contains("invalid role or secret ID"));
	}

	@Test
	void userpass() {
		enableAuth("userpass", "userpass");
		rootCall(VaultRequest.post("auth/userpass/users/alice")
			.body(Map.of("password", "correct horse", "token_policies", "reader")));
		assertReadsWith(new UserpassAuthentication(
				UserpassAuthenticationOptions.builder().username("alice").password("correct horse").build()));
		UserpassAuthentication wrong = new UserpassAuthentication(
				UserpassAuthenticationOptions.builder().username("alice").password("battery staple").build());
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> wrong.login(DefaultVaultClient.builder(server.getAddress()).build()))
			.withMessageNotContaining("battery staple");
	}

	@Test
	void kubernetes() {
		JwtMinter minter = JwtMinter.rsa();
		enableAuth("kubernetes", "kubernetes");
		rootCall(VaultRequest.post("auth/kubernetes/config")
			.body(Map.of("kubernetes_host", "https://kubernetes.default.svc", "pem_keys", minter.publicKeyPem())));
		rootCall(VaultRequest.post("auth/kubernetes/role/app")
			.body(Map.of("bound_service_account_names", "app", "bound_service_account_namespaces", "team-a",
					"audience", "vault", "token_policies", "reader")));
		assertReadsWith(new KubernetesAuthentication(KubernetesAuthenticationOptions.builder()
			.role("app")
			.jwtSupplier(() -> minter.kubernetesServiceAccountToken("team-a", "app", "vault", server.clock().instant(),
					Duration.ofMinutes(10)))
			.build()));
	}

	@Test
	void jwt() {
		JwtMinter minter = JwtMinter.ec();
		enableAuth("jwt", "jwt");
		rootCall(VaultRequest.post("auth/jwt/config")
			.body(Map.of("jwt_validation_pubkeys", minter.publicKeyPem(), "bound_issuer", "https://ci.example")));
		rootCall(VaultRequest.post("auth/jwt/role/ci")
			.body(Map.of("role_type", "jwt", "user_claim", "sub", "bound_audiences", "vault", "token_policies",
					"reader")));
		assertReadsWith(new JwtAuthentication(JwtAuthenticationOptions.builder().role("ci").jwtSupplier(() -> {
			Instant now = server.clock().instant();
			return minter.sign(Map.of("iss", "https://ci.example", "sub", "pipeline", "aud", "vault", "iat",
					now.getEpochSecond(), "exp", now.plusSeconds(300).getEpochSecond()));
		}).build()));
		JwtAuthentication forged = new JwtAuthentication(JwtAuthenticationOptions.builder()
			.role("ci")
			.jwt(JwtMinter.ec().sign(Map.of("iss", "https://ci.example", "sub", "pipeline", "aud", "vault")))
			.build());
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> forged.login(DefaultVaultClient.builder(server.getAddress()).build()))
			.withMessageContaining("'jwt'");
	}

	@Test
	void tlsCertificate() {
		SSLContext serverContext = VaultSslSupport.fromPem(TLS.resolve("client.pem"), TLS.resolve("server.pem"),
				TLS.resolve("server-key.pem"));
		try (EmbeddedVaultServer tls = EmbeddedVaultServer.builder()
			.sslContext(serverContext)
			.secret("secret/login/app", Map.of("password", "over-tls"))
			.start()) {
			SSLContext clientContext = VaultSslSupport.fromPem(TLS.resolve("server.pem"), TLS.resolve("client.pem"),
					TLS.resolve("client-key.pem"));
			VaultClient tlsRoot = DefaultVaultClient.builder(tls.getAddress())
				.sslContext(clientContext)
				.tokenProvider(TokenProvider.of(VaultToken.of(tls.getRootToken())))
				.build();
			SysTemplate tlsSys = new SysTemplate(tlsRoot);
			tlsSys.writePolicy("reader", "path \"secret/data/login/*\" { capabilities = [\"read\"] }");
			tlsSys.enableAuth("cert", MountRequest.of("cert"));
			tlsRoot.execute(VaultRequest.post("auth/cert/certs/app")
				.body(Map.of("certificate", read(TLS.resolve("client.pem")), "token_policies", "reader"))
				.build());
			VaultClient loginClient = DefaultVaultClient.builder(tls.getAddress()).sslContext(clientContext).build();
			try (DefaultSessionManager session = DefaultSessionManager
				.builder(new CertAuthentication(CertAuthenticationOptions.builder().name("app").build()), loginClient)
				.scheduler((task, delay) -> () -> {
				})
				.build()) {
				VaultClient app = DefaultVaultClient.builder(tls.getAddress())
					.sslContext(clientContext)
					.tokenProvider(session)
					.build();
				assertThat(KvTemplate.create(app, "secret", KvVersion.V2).read("login/app").data().getString("password"))
					.isEqualTo("over-tls");
				assertThat(session.getTokenState()).isNotNull();
			}
			SSLContext anonymous = VaultSslSupport.fromPem(TLS.resolve("server.pem"), null, null);
			assertThatExceptionOfType(AuthenticationException.class)
				.isThrownBy(() -> new CertAuthentication()
					.login(DefaultVaultClient.builder(tls.getAddress()).sslContext(anonymous).build()))
				.withMessageContaining("client certificate")
				.satisfies((ex) -> assertThat(ex.getErrors()).contains("client certificate must be supplied"));
		}
	}

	private void assertReadsWith(ClientAuthentication authentication) {
		VaultClient loginClient = DefaultVaultClient.builder(server.getAddress()).build();
		try (DefaultSessionManager session = DefaultSessionManager.builder(authentication, loginClient)
			.scheduler((task, delay) -> () -> {
			})
			.build()) {
			VaultClient app = DefaultVaultClient.builder(server.getAddress()).tokenProvider(session).build();
			VaultToken token = session.getToken();
			assertThat(KvTemplate.create(app, "secret").read("login/app").data().getString("password"))
				.isEqualTo("s3cr3t");
			assertThat(session.getToken()).isEqualTo(token);
			VaultResponse self = app.execute(VaultRequest.get("auth/token/lookup-self").build());
			assertThat(self.requireData().path("policies").toString()).contains("reader");
		}
	}

	private static String readWith(VaultToken token) {
		VaultClient app = DefaultVaultClient.builder(server.getAddress()).tokenProvider(TokenProvider.of(token)).build();
		return KvTemplate.create(app, "secret", KvVersion.V2).read("login/app").data().getString("password");
	}

	private static String createToken() {
		return rootCall(VaultRequest.post("auth/token/create").body(Map.of("policies", List.of("reader"))))
			.requireAuth()
			.clientToken()
			.getToken();
	}

	private static void enableAuth(String path, String type) {
		sys.enableAuth(path, MountRequest.of(type));
	}

	private static String appRole(String mount, String role) {
		rootCall(VaultRequest.post("auth/" + mount + "/role/" + role).body(Map.of("token_policies", "reader")));
		return rootCall(VaultRequest.get("auth/" + mount + "/role/" + role + "/role-id")).requireData()
			.get("role_id")
			.asString();
	}

	private static String secretId(String mount, String role, Duration wrapTtl) {
		VaultResponse response = rootCall(
				VaultRequest.post("auth/" + mount + "/role/" + role + "/secret-id").body(Map.of()).wrapTtl(wrapTtl));
		return (wrapTtl != null) ? response.wrapInfo().token().getToken()
				: response.requireData().get("secret_id").asString();
	}

	private static VaultResponse rootCall(VaultRequest.Builder request) {
		return root.execute(request.build());
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
