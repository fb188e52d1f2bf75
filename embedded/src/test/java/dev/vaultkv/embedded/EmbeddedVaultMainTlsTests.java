package dev.vaultkv.embedded;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command-line entry point serving HTTPS from PEM files ({@code --tls-cert}, {@code --tls-key},
 * {@code --tls-client-ca}).
 */
class EmbeddedVaultMainTlsTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@Test
	void servesHttpsWithPkcs8KeyAndPrintsHttpsUrl() throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (EmbeddedVaultServer server = EmbeddedVaultMain.start(
				new String[] { "--port", "0", "--tls-cert", tls("server.pem"), "--tls-key", tls("server-key.pem") },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			String printed = output.toString(StandardCharsets.UTF_8).strip();
			assertThat(printed).startsWith("vaultkv embedded Vault listening on https://127.0.0.1:")
				.contains(server.getAddress().toString());
			assertThat(server.getAddress().getScheme()).isEqualTo("https");
			VaultHttp https = new VaultHttp(server.getAddress(), client(trusting("ca.pem"), null));
			assertThat(https.get("auth/token/lookup-self", "root").status()).isEqualTo(200);
			VaultHttp untrusting = new VaultHttp(server.getAddress(), client(trusting("ec-server.pem"), null));
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> untrusting.get("auth/token/lookup-self", "root"))
				.withCauseInstanceOf(SSLHandshakeException.class);
		}
	}

	@Test
	void acceptsPkcs1RsaAndSec1EcKeys() throws Exception {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		try (EmbeddedVaultServer rsa = EmbeddedVaultMain.start(new String[] { "--port", "0", "--tls-cert",
				tls("server.pem"), "--tls-key", tls("server-key-rsa.pem") }, out)) {
			VaultHttp https = new VaultHttp(rsa.getAddress(), client(trusting("ca.pem"), null));
			assertThat(https.get("sys/health", null).status()).isEqualTo(200);
		}
		try (EmbeddedVaultServer ec = EmbeddedVaultMain.start(new String[] { "--port", "0", "--tls-cert",
				tls("ec-server.pem"), "--tls-key", tls("ec-server-key.pem") }, out)) {
			VaultHttp https = new VaultHttp(ec.getAddress(), client(trusting("ec-server.pem"), null));
			assertThat(https.get("sys/health", null).status()).isEqualTo(200);
		}
	}

	@Test
	void clientCertificateLoginWithClientCa() throws Exception {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		try (EmbeddedVaultServer server = EmbeddedVaultMain.start(new String[] { "--port", "0", "--tls-cert",
				tls("server.pem"), "--tls-key", tls("server-key.pem"), "--tls-client-ca", tls("ca.pem") }, out)) {
			VaultHttp https = new VaultHttp(server.getAddress(), client(trusting("ca.pem"), "auth/client.p12"));
			assertThat(https.post("sys/auth/cert", "root", "{\"type\":\"cert\"}").status()).isEqualTo(204);
			String ca = Files.readString(Path.of(tls("ca.pem"))).replace("\n", "\\n");
			assertThat(https.post("auth/cert/certs/apps", "root",
					"{\"certificate\":\"" + ca + "\",\"token_policies\":\"apps\"}").status()).isEqualTo(204);
			VaultHttp.Reply login = https.post("auth/cert/login", null, "{}");
			assertThat(login.status()).as(login.toString()).isEqualTo(200);
			assertThat(login.json().path("auth").path("metadata").path("common_name").asString())
				.isEqualTo("app-client");
			assertThat(login.json().path("auth").path("policies").toString()).contains("apps");
		}
	}

	@Test
	void rejectsIncompleteOrUnusableTlsArguments(@TempDir Path temp) throws Exception {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--port", "0", "--tls-cert", tls("server.pem") },
					out))
			.withMessage("--tls-cert and --tls-key must be given together");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--port", "0", "--tls-client-ca", tls("ca.pem") },
					out))
			.withMessage("--tls-client-ca needs --tls-cert and --tls-key");
		Path notAKey = Files.writeString(temp.resolve("key.pem"), "not a key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--port", "0", "--tls-cert", tls("server.pem"),
					"--tls-key", notAKey.toString() }, out))
			.withMessageStartingWith("No private key found");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--port", "0", "--tls-cert", tls("server.pem"),
					"--tls-key", tls("ec-server-key.pem") }, out))
			.withMessageStartingWith("Cannot use the certificate and private key for TLS");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--port", "0", "--tls-cert",
					temp.resolve("missing.pem").toString(), "--tls-key", tls("server-key.pem") }, out))
			.withMessageStartingWith("Cannot read --tls-cert file");
	}

	private static String tls(String name) throws URISyntaxException {
		return Path.of(EmbeddedVaultMainTlsTests.class.getResource("tls/" + name).toURI()).toString();
	}

	private static KeyStore trusting(String name) throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(Path.of(tls(name)))) {
			trust.setCertificateEntry("trusted",
					(X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		return trust;
	}

	private static HttpClient client(KeyStore trust, @Nullable String clientKeyStore) throws Exception {
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		KeyManagerFactory keyManagers = null;
		if (clientKeyStore != null) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			try (InputStream in = EmbeddedVaultMainTlsTests.class.getResourceAsStream(clientKeyStore)) {
				keys.load(in, PASSWORD);
			}
			keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, PASSWORD);
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
				null);
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).build();
	}

}
