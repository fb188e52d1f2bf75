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
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

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
 * on the loopback interface with certificates made by {@code keytool} at test time.
 */
class VaultSslSupportTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@TempDir
	static Path dir;

	private static Path serverStore;

	private static Path serverPem;

	private static Path clientStore;

	private static Path clientPem;

	private static Path clientKeyPkcs8;

	private static Path clientKeyPkcs1;

	private static Path clientTrustJks;

	private HttpsServer server;

	@BeforeAll
	static void createCertificates() throws Exception {
		serverStore = dir.resolve("server.p12");
		serverPem = dir.resolve("server.pem");
		clientStore = dir.resolve("client.p12");
		clientPem = dir.resolve("client.pem");
		keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
				"-keystore", serverStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
		keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", serverStore.toString(), "-storepass",
				"changeit", "-file", serverPem.toString());
		keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=app",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", clientStore.toString(), "-storepass",
				"changeit", "-keypass", "changeit");
		keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", clientStore.toString(), "-storepass",
				"changeit", "-file", clientPem.toString());
		KeyStore client = KeyStore.getInstance(clientStore.toFile(), PASSWORD);
		byte[] pkcs8 = ((PrivateKey) client.getKey("client", PASSWORD)).getEncoded();
		clientKeyPkcs8 = writePem(dir.resolve("client-key.pem"), "PRIVATE KEY", pkcs8);
		clientKeyPkcs1 = writePem(dir.resolve("client-key-rsa.pem"), "RSA PRIVATE KEY", pkcs1Of(pkcs8));
		KeyStore jks = KeyStore.getInstance("JKS");
		jks.load(null, null);
		jks.setCertificateEntry("vault", readCertificate(serverPem));
		clientTrustJks = dir.resolve("client-trust.jks");
		try (OutputStream out = Files.newOutputStream(clientTrustJks)) {
			jks.store(out, PASSWORD);
		}
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	private URI startServer(boolean needClientAuth) throws Exception {
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(KeyStore.getInstance(serverStore.toFile(), PASSWORD), PASSWORD);
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("client", readCertificate(clientPem));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
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

	private static void keytool(String... arguments) throws Exception {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new java.util.ArrayList<>();
		command.add(keytool.toString());
		command.addAll(Arrays.asList(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("keytool.log").toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(() -> "keytool " + command + ": " + readLog()).isZero();
	}

	private static String readLog() {
		try {
			return Files.readString(dir.resolve("keytool.log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
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

	/**
	 * Extract the PKCS#1 RSAPrivateKey from the OCTET STRING of a PKCS#8 PrivateKeyInfo.
	 */
	private static byte[] pkcs1Of(byte[] pkcs8) {
		int[] position = { 0 };
		readHeader(pkcs8, position);
		skipElement(pkcs8, position);
		skipElement(pkcs8, position);
		int length = readHeader(pkcs8, position);
		return Arrays.copyOfRange(pkcs8, position[0], position[0] + length);
	}

	private static void skipElement(byte[] der, int[] position) {
		int length = readHeader(der, position);
		position[0] += length;
	}

	private static int readHeader(byte[] der, int[] position) {
		position[0]++;
		int first = der[position[0]++] & 0xff;
		if (first < 0x80) {
			return first;
		}
		int length = 0;
		for (int i = 0; i < (first & 0x7f); i++) {
			length = (length << 8) | (der[position[0]++] & 0xff);
		}
		return length;
	}

}
