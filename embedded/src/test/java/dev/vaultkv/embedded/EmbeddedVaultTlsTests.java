package dev.vaultkv.embedded;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.server.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTPS and client certificate capture, with key stores made by the JDK's keytool.
 */
class EmbeddedVaultTlsTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@TempDir
	static Path directory;

	private static KeyStore serverStore;

	private static KeyStore clientStore;

	@BeforeAll
	static void createKeyStores() throws Exception {
		serverStore = keyStore("server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost");
		clientStore = keyStore("client", "CN=vault-client", null);
	}

	private static KeyStore keyStore(String name, String dname, String extension) throws Exception {
		Path file = directory.resolve(name + ".p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", name,
				"-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-validity", "2", "-storetype", "PKCS12",
				"-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit"));
		if (extension != null) {
			command.addAll(List.of("-ext", extension));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream input = Files.newInputStream(file)) {
			store.load(input, PASSWORD);
		}
		return store;
	}

	private static SSLContext clientContext(boolean withCertificate) throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(serverStore);
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(clientStore, PASSWORD);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(withCertificate ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
		return context;
	}

	@Test
	void servesHttpsAndHandsClientCertificatesToBackends() throws Exception {
		Backend echo = new Backend() {
			@Override
			public ApiResponse handle(ApiRequest request) {
				var data = Json.object();
				data.put("count", request.peerCertificates().size());
				if (!request.peerCertificates().isEmpty()) {
					X509Certificate first = request.peerCertificates().get(0);
					data.put("subject", first.getSubjectX500Principal().getName());
				}
				return ApiResponse.ok(data);
			}

			@Override
			public boolean isUnauthenticated(ApiRequest request) {
				return true;
			}
		};
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder()
			.tls(serverStore, PASSWORD)
			.authMethod("certecho", (context) -> echo)
			.start()) {
			assertThat(server.isTls()).isTrue();
			assertThat(server.getAddress().toString()).startsWith("https://127.0.0.1:");
			VaultHttp plain = new VaultHttp(server.getAddress(),
					HttpClient.newBuilder().sslContext(clientContext(false)).build());
			assertThat(plain.post("sys/auth/cert", "root", "{\"type\":\"certecho\"}").status()).isEqualTo(204);
			assertThat(plain.post("auth/cert/login", null, "{}").data().path("count").asInt()).isZero();
			VaultHttp withCertificate = new VaultHttp(server.getAddress(),
					HttpClient.newBuilder().sslContext(clientContext(true)).build());
			VaultHttp.Reply reply = withCertificate.post("auth/cert/login", null, "{}");
			assertThat(reply.data().path("count").asInt()).isEqualTo(1);
			assertThat(reply.data().path("subject").asString()).isEqualTo("CN=vault-client");
		}
	}

}
