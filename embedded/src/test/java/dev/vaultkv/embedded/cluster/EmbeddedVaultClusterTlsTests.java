package dev.vaultkv.embedded.cluster;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTPS on every node of an {@link EmbeddedVaultCluster}, with a key store made by the JDK's keytool.
 */
class EmbeddedVaultClusterTlsTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@TempDir
	Path directory;

	@Test
	void everyNodeServesHttpsAndRedirectsToAnHttpsAddress() throws Exception {
		KeyStore store = keyStore();
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD);
		SSLContext serverContext = SSLContext.getInstance("TLS");
		serverContext.init(keys.getKeyManagers(), null, null);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext clientContext = SSLContext.getInstance("TLS");
		clientContext.init(null, trust.getTrustManagers(), null);
		HttpClient client = HttpClient.newBuilder()
			.sslContext(clientContext)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		try (EmbeddedVaultCluster cluster = EmbeddedVaultCluster.builder()
			.nodes(3)
			.performanceStandbys(1)
			.sslContext(serverContext)
			.secret("secret/app", Map.of("password", "one"))
			.start()) {
			assertThat(cluster.addresses()).allSatisfy((address) -> assertThat(address.getScheme()).isEqualTo("https"));
			ClusterHttp.Reply read = ClusterHttp.request("GET", cluster.node(1), "secret/data/app")
				.client(client)
				.token(cluster.getRootToken())
				.send();
			assertThat(read.data().path("data").path("password").asString()).isEqualTo("one");
			ClusterHttp.Reply redirected = ClusterHttp.request("GET", cluster.node(2), "secret/data/app")
				.client(client)
				.token(cluster.getRootToken())
				.header("X-Vault-No-Request-Forwarding", "1")
				.send();
			assertThat(redirected.status()).isEqualTo(307);
			assertThat(redirected.header("Location")).startsWith("https://127.0.0.1:" + cluster.node(0).port() + "/");
			ClusterHttp.Reply leader = ClusterHttp.request("GET", cluster.node(2), "sys/leader").client(client).send();
			assertThat(leader.json().path("leader_address").asString())
				.isEqualTo("https://127.0.0.1:" + cluster.node(0).port());
		}
	}

	private KeyStore keyStore() throws Exception {
		Path file = this.directory.resolve("server.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
				"-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-ext",
				"san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass",
				"changeit", "-keypass", "changeit"))
			.redirectErrorStream(true)
			.start();
		process.getInputStream().transferTo(OutputStream.nullOutputStream());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream input = Files.newInputStream(file)) {
			store.load(input, PASSWORD);
		}
		return store;
	}

}
