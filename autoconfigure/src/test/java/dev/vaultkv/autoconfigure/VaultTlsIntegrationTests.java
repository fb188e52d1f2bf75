package dev.vaultkv.autoconfigure;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.auth.CertAuthentication;
import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.JwtAuthentication;
import dev.vaultkv.auth.KubernetesAuthentication;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultSslSupport;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.auth.JwtMinter;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.testsupport.TestTunnelProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter against the embedded server over HTTPS with a private CA: {@code vault.ssl.bundle} naming
 * PEM and PKCS12 bundles of {@code spring.ssl.bundle.*}, and the cert, Kubernetes and JWT login methods
 * configured from properties, in the application context and before it (placeholders, config data).
 * The certificates are described in {@code src/test/resources/dev/vaultkv/autoconfigure/tls/README.md}.
 */
class VaultTlsIntegrationTests {

	private static final Path TLS = Path.of("src/test/resources/dev/vaultkv/autoconfigure/tls");

	private static final String RESOURCES = "classpath:dev/vaultkv/autoconfigure/tls/";

	private static final String PASSWORD = "changeit";

	private static final JwtMinter kubernetesMinter = JwtMinter.rsa();

	private static final JwtMinter jwtMinter = JwtMinter.ec();

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, VaultAutoConfiguration.class,
				VaultSecretAutoConfiguration.class))
		.withPropertyValues("vault.uri=" + server.getAddress(), "vault.retry.enabled=false");

	@BeforeAll
	static void startServer() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(TLS.resolve("server.p12"))) {
			keyStore.load(in, PASSWORD.toCharArray());
		}
		server = EmbeddedVaultServer.builder().tls(keyStore, PASSWORD.toCharArray()).start();
		server.putSecret("secret/myapp/db", Map.of("password", "over-tls"));
		VaultClient root = DefaultVaultClient.builder(server.getAddress())
			.sslContext(VaultSslSupport.fromPem(TLS.resolve("ca.pem"), null, null))
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/myapp")
			.body(Map.of("policy", "path \"secret/data/myapp/*\" { capabilities = [\"read\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/cert").body(Map.of("type", "cert")).build());
		root.execute(VaultRequest.post("auth/cert/certs/app")
			.body(Map.of("certificate", Files.readString(TLS.resolve("ca.pem")), "allowed_common_names",
					"app-client", "token_policies", "myapp"))
			.build());
		root.execute(VaultRequest.post("sys/auth/kubernetes").body(Map.of("type", "kubernetes")).build());
		root.execute(VaultRequest.post("auth/kubernetes/config")
			.body(Map.of("kubernetes_host", "https://kubernetes.default.svc", "pem_keys",
					kubernetesMinter.publicKeyPem()))
			.build());
		root.execute(VaultRequest.post("auth/kubernetes/role/app")
			.body(Map.of("bound_service_account_names", "app", "bound_service_account_namespaces", "team-a",
					"audience", "vault", "token_policies", "myapp"))
			.build());
		root.execute(VaultRequest.post("sys/auth/jwt").body(Map.of("type", "jwt")).build());
		root.execute(VaultRequest.post("auth/jwt/config")
			.body(Map.of("jwt_validation_pubkeys", jwtMinter.publicKeyPem(), "bound_issuer", "https://ci.example"))
			.build());
		root.execute(VaultRequest.post("auth/jwt/role/ci")
			.body(Map.of("role_type", "jwt", "user_claim", "sub", "bound_audiences", "vault", "token_policies",
					List.of("myapp")))
			.build());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void pemBundleTrustsThePrivateCa() {
		this.contextRunner
			.withPropertyValues("vault.token=" + server.getRootToken(), "vault.ssl.bundle=vault",
					"spring.ssl.bundle.pem.vault.truststore.certificate=" + RESOURCES + "ca.pem")
			.run((context) -> assertThat(readPassword(context)).isEqualTo("over-tls"));
	}

	@Test
	void httpsGoesThroughTheProxyInATunnel() {
		try (TestTunnelProxy proxy = TestTunnelProxy.start()) {
			this.contextRunner
				.withPropertyValues("vault.token=" + server.getRootToken(), "vault.ssl.bundle=vault",
						"spring.ssl.bundle.pem.vault.truststore.certificate=" + RESOURCES + "ca.pem",
						"vault.proxy.host=127.0.0.1", "vault.proxy.port=" + proxy.getPort())
				.run((context) -> assertThat(readPassword(context)).isEqualTo("over-tls"));
			assertThat(proxy.tunnels()).isNotEmpty().allMatch(("127.0.0.1:" + server.getAddress().getPort())::equals);
		}
	}

	@Test
	void withoutTheBundleThePrivateCaIsNotTrusted() {
		this.contextRunner.withPropertyValues("vault.token=" + server.getRootToken()).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causes(context.getStartupFailure())).anySatisfy(
					(cause) -> assertThat(cause).isInstanceOf(SSLException.class));
		});
	}

	@Test
	void certLoginWithPkcs12Bundle(@TempDir Path directory) throws Exception {
		Path trustStore = trustStore(directory);
		this.contextRunner
			.withPropertyValues("vault.authentication=cert", "vault.cert.name=app", "vault.ssl.bundle=vault",
					"spring.ssl.bundle.jks.vault.keystore.location=" + RESOURCES + "client.p12",
					"spring.ssl.bundle.jks.vault.keystore.password=" + PASSWORD,
					"spring.ssl.bundle.jks.vault.keystore.type=PKCS12",
					"spring.ssl.bundle.jks.vault.truststore.location=file:" + trustStore,
					"spring.ssl.bundle.jks.vault.truststore.password=" + PASSWORD,
					"spring.ssl.bundle.jks.vault.truststore.type=PKCS12")
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(CertAuthentication.class);
				assertThat(readPassword(context)).isEqualTo("over-tls");
			});
	}

	@Test
	void certLoginWithPemBundleForPlaceholders() {
		try (ConfigurableApplicationContext context = application("vault.authentication=cert",
				"vault.ssl.bundle=vault", "spring.ssl.bundle.pem.vault.truststore.certificate=" + RESOURCES + "ca.pem",
				"spring.ssl.bundle.pem.vault.keystore.certificate=" + RESOURCES + "client.pem",
				"spring.ssl.bundle.pem.vault.keystore.private-key=" + RESOURCES + "client-key.pem",
				"app.password=${vault:myapp/db:password}")
			.run()) {
			assertThat(context.getEnvironment().getProperty("app.password")).isEqualTo("over-tls");
			assertThat(readPassword(context)).isEqualTo("over-tls");
			assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(CertAuthentication.class);
		}
	}

	@Test
	void kubernetesLoginForConfigDataImport(@TempDir Path directory) throws Exception {
		Path token = directory.resolve("token");
		Files.writeString(token, kubernetesMinter.kubernetesServiceAccountToken("team-a", "app", "vault",
				server.clock().instant(), Duration.ofMinutes(10)));
		try (ConfigurableApplicationContext context = application("vault.authentication=kubernetes",
				"vault.kubernetes.role=app", "vault.kubernetes.service-account-token-file=" + token,
				"vault.ssl.bundle=vault", "spring.ssl.bundle.pem.vault.truststore.certificate=" + RESOURCES + "ca.pem",
				"spring.config.import=vault:myapp/db?prefix=db.")
			.run()) {
			assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("over-tls");
			assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(KubernetesAuthentication.class);
		}
	}

	@Test
	void jwtLoginFromTokenFile(@TempDir Path directory) throws Exception {
		Instant now = server.clock().instant();
		Path jwt = directory.resolve("jwt");
		Files.writeString(jwt, jwtMinter.sign(Map.of("iss", "https://ci.example", "sub", "pipeline", "aud", "vault",
				"iat", now.getEpochSecond(), "exp", now.plusSeconds(600).getEpochSecond())));
		this.contextRunner
			.withPropertyValues("vault.authentication=jwt", "vault.jwt.role=ci", "vault.jwt.token-file=" + jwt,
					"vault.ssl.bundle=vault",
					"spring.ssl.bundle.pem.vault.truststore.certificate=" + RESOURCES + "ca.pem")
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(JwtAuthentication.class);
				assertThat(readPassword(context)).isEqualTo("over-tls");
			});
	}

	private static String readPassword(org.springframework.context.ApplicationContext context) {
		return context.getBean(KvOperations.class).read("myapp/db").data().getString("password");
	}

	/**
	 * A PKCS12 trust store holding the test CA, made with the JDK's key store API.
	 */
	private static Path trustStore(Path directory) throws Exception {
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		try (InputStream in = Files.newInputStream(TLS.resolve("ca.pem"))) {
			trustStore.setCertificateEntry("vault-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		Path file = directory.resolve("truststore.p12");
		try (OutputStream out = Files.newOutputStream(file)) {
			trustStore.store(out, PASSWORD.toCharArray());
		}
		return file;
	}

	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new java.util.ArrayList<>();
		for (Throwable current = ex; current != null; current = current.getCause()) {
			causes.add(current);
		}
		return causes;
	}

	private SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.retry.enabled=false", "spring.main.banner-mode=off")
			.properties(properties);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ SslAutoConfiguration.class, VaultAutoConfiguration.class,
			VaultSecretAutoConfiguration.class })
	static class TestApplication {

	}

}
