package dev.vaultkv.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link VaultSslSupport} and TLS through {@link DefaultVaultClient}, against an HTTPS server
 * on the loopback interface. The self-signed certificates under {@code tls/} were made once with
 * {@code keytool} (EC server certificate for 127.0.0.1, RSA client certificate, valid 100 years) and
 * their keys exported with {@code openssl pkcs8 -topk8 -nocrypt} and {@code openssl rsa -traditional}.
 */
class VaultSslSupportTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@TempDir
	static Path dir;

	private static Path serverPem;

	private static Path serverKey;

	private static Path clientStore;

	private static Path clientPem;

	private static Path clientKeyPkcs8;

	private static Path clientKeyPkcs1;

	private static Path clientTrustJks;

	private HttpsServer server;

	@BeforeAll
	static void prepareStores() throws Exception {
		serverPem = resource("server.pem");
		serverKey = resource("server-key.pem");
		clientPem = resource("client.pem");
		clientKeyPkcs8 = resource("client-key.pem");
		clientKeyPkcs1 = resource("client-key-rsa.pem");
		byte[] pkcs8 = Base64.getMimeDecoder()
			.decode(Files.readString(clientKeyPkcs8).replaceAll("-----[A-Z ]+-----", ""));
		PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
		pkcs12.load(null, null);
		pkcs12.setKeyEntry("client", key, PASSWORD, new Certificate[] { readCertificate(clientPem) });
		clientStore = store(pkcs12, "client.p12");
		KeyStore jks = KeyStore.getInstance("JKS");
		jks.load(null, null);
		jks.setCertificateEntry("vault", readCertificate(serverPem));
		clientTrustJks = store(jks, "client-trust.jks");
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	private URI startServer(boolean needClientAuth) throws Exception {
		// The server trusts the client's self-signed certificate as its CA.
		SSLContext context = VaultSslSupport.fromPem(clientPem, serverPem, serverKey);
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(context) {

			@Override
			public void configure(HttpsParameters params) {
				SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
				parameters.setNeedClientAuth(needClientAuth);
				params.setSSLParameters(parameters);
			}

		});
		this.server.createContext("/", (exchange) -> {
			byte[] body = "{\"data\":{\"tls\":\"ok\"}}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (exchange) {
				exchange.getResponseBody().write(body);
			}
		});
		this.server.start();
		return URI.create("https://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private static VaultResponse read(URI endpoint, SSLContext sslContext) {
		DefaultVaultClient client = DefaultVaultClient.builder(endpoint).sslContext(sslContext).build();
		return client.execute(VaultRequest.get("sys/health").unauthenticated().build());
	}

	@Test
	void trustsCustomCaFromPem() throws Exception {
		URI endpoint = startServer(false);
		VaultResponse response = read(endpoint, VaultSslSupport.fromPem(serverPem, null, null));
		assertThat(response.requireData().get("tls").stringValue()).isEqualTo("ok");
	}

	@Test
	void untrustedServerIsATransientTlsFailure() throws Exception {
		URI endpoint = startServer(false);
		DefaultVaultClient client = DefaultVaultClient.builder(endpoint).build();
		assertThatExceptionOfType(VaultConnectionException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("sys/health").unauthenticated().build()))
			.withMessageContaining("TLS with Vault at 127.0.0.1:" + endpoint.getPort() + " failed")
			.withMessageContaining("check the trusted CA")
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
	}

	@Test
	void clientCertificateFromPkcs8Pem() throws Exception {
		URI endpoint = startServer(true);
		VaultResponse response = read(endpoint, VaultSslSupport.fromPem(serverPem, clientPem, clientKeyPkcs8));
		assertThat(response.requireData().get("tls").stringValue()).isEqualTo("ok");
	}

	@Test
	void clientCertificateFromPkcs1Pem() throws Exception {
		URI endpoint = startServer(true);
		VaultResponse response = read(endpoint, VaultSslSupport.fromPem(serverPem, clientPem, clientKeyPkcs1));
		assertThat(response.requireData().get("tls").stringValue()).isEqualTo("ok");
	}

	@Test
	void missingClientCertificateFails() throws Exception {
		URI endpoint = startServer(true);
		DefaultVaultClient client = DefaultVaultClient.builder(endpoint)
			.sslContext(VaultSslSupport.fromPem(serverPem, null, null))
			.build();
		assertThatExceptionOfType(VaultConnectionException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("sys/health").unauthenticated().build()));
	}

	@Test
	void clientCertificateAndTrustFromKeyStores() throws Exception {
		URI endpoint = startServer(true);
		VaultResponse response = read(endpoint,
				VaultSslSupport.fromKeyStores(clientTrustJks, PASSWORD, clientStore, PASSWORD));
		assertThat(response.requireData().get("tls").stringValue()).isEqualTo("ok");
	}

	@Test
	void wrongKeyStorePasswordIsNamed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> VaultSslSupport.fromKeyStores(null, null, clientStore, "wrong".toCharArray()))
			.withMessageContaining(clientStore.toString())
			.withMessageContaining("wrong password")
			.withMessageNotContaining("wrong\"");
	}

	@Test
	void unusableFilesAreNamed() throws IOException {
		Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
		assertThatIllegalStateException().isThrownBy(() -> VaultSslSupport.fromPem(notPem, null, null))
			.withMessageContaining(notPem.toString())
			.withMessageContaining("no PEM certificate");
		assertThatIllegalStateException().isThrownBy(() -> VaultSslSupport.fromPem(null, clientPem, null))
			.withMessageContaining("both the certificate file and the private key file");
		Path ecKey = writePem(dir.resolve("ec.pem"), "EC PRIVATE KEY", new byte[] { 1, 2, 3 });
		assertThatIllegalStateException().isThrownBy(() -> VaultSslSupport.fromPem(null, clientPem, ecKey))
			.withMessageContaining("openssl pkcs8 -topk8 -nocrypt");
		assertThatIllegalStateException()
			.isThrownBy(() -> VaultSslSupport.fromPem(dir.resolve("missing.pem"), null, null))
			.withMessageContaining("missing.pem");
	}

	private static Path resource(String name) throws Exception {
		return Path.of(VaultSslSupportTests.class.getResource("tls/" + name).toURI());
	}

	private static Path store(KeyStore keyStore, String name) throws Exception {
		Path file = dir.resolve(name);
		try (OutputStream out = Files.newOutputStream(file)) {
			keyStore.store(out, PASSWORD);
		}
		return file;
	}

	private static Certificate readCertificate(Path pem) throws Exception {
		try (InputStream in = Files.newInputStream(pem)) {
			return CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	private static Path writePem(Path file, String type, byte[] der) throws IOException {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
	}

}
