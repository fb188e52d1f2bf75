package dev.vaultkv.embedded.auth;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.auth.VaultHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cert auth over real TLS: the client certificate of the connection reaches the backend.
 */
class CertAuthTlsTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void start() throws Exception {
		server = EmbeddedVaultServer.builder().sslContext(sslContext("server.p12")).start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void loginWithTheConnectionsClientCertificate() throws Exception {
		VaultHttp withCertificate = new VaultHttp(server,
				HttpClient.newBuilder().sslContext(sslContext("client.p12")).build());
		VaultHttp withoutCertificate = new VaultHttp(server,
				HttpClient.newBuilder().sslContext(sslContext(null)).build());
		String root = server.getRootToken();
		assertThat(withCertificate.call("POST", "sys/auth/cert", root, Map.of("type", "cert")).status())
			.isEqualTo(204);
		assertThat(withCertificate.call("POST", "auth/cert/certs/apps", root, Map.of("certificate",
				TestCertificates.pem("ca.pem"), "allowed_common_names", "app-*", "token_policies", "apps")).status())
			.isEqualTo(204);

		Reply login = withCertificate.call("POST", "auth/cert/login", null, Map.of());
		assertThat(login.status()).as(login.errors()).isEqualTo(200);
		JsonNode metadata = login.body().get("auth").get("metadata");
		assertThat(metadata.get("common_name").asString()).isEqualTo("app-client");
		assertThat(metadata.get("cert_name").asString()).isEqualTo("apps");
		Reply self = withCertificate.call("GET", "auth/token/lookup-self", login.clientToken(), null);
		assertThat(self.data().get("policies").toString()).contains("apps");

		Reply anonymous = withoutCertificate.call("POST", "auth/cert/login", null, Map.of());
		assertThat(anonymous.status()).isEqualTo(400);
		assertThat(anonymous.errors()).contains("client certificate must be supplied");
	}

	@Test
	void loginWithASelfSignedCaCertificateTrustedAsItself() throws Exception {
		// a server naming no client CAs in its certificate request (as Vault without tls_client_ca_file), so
		// the client sends a certificate no CA issued
		KeyStore serverKeys = KeyStore.getInstance("PKCS12");
		try (InputStream in = CertAuthTlsTests.class.getResourceAsStream("server.p12")) {
			serverKeys.load(in, PASSWORD);
		}
		try (EmbeddedVaultServer plain = EmbeddedVaultServer.builder().tls(serverKeys, PASSWORD).start()) {
			loginWithASelfSignedCaCertificate(plain);
		}
	}

	private void loginWithASelfSignedCaCertificate(EmbeddedVaultServer server) throws Exception {
		VaultHttp client = new VaultHttp(server,
				HttpClient.newBuilder().sslContext(sslContext("self-ca-client.p12")).build());
		String root = server.getRootToken();
		assertThat(client.call("POST", "sys/auth/cert-self", root, Map.of("type", "cert")).status()).isEqualTo(204);
		assertThat(client.call("POST", "auth/cert-self/certs/self", root,
				Map.of("certificate", TestCertificates.pem("self-ca-client.pem"), "token_policies", "self"))
			.status()).isEqualTo(204);

		Reply login = client.call("POST", "auth/cert-self/login", null, Map.of());
		assertThat(login.status()).as(login.errors()).isEqualTo(200);
		assertThat(login.body().get("auth").get("metadata").get("common_name").asString())
			.isEqualTo("self-ca-client");

		// a CA certificate that did not sign the client's is still no match
		assertThat(client.call("POST", "auth/cert-self/certs/self", root,
				Map.of("certificate", TestCertificates.pem("ca.pem"))).status()).isEqualTo(204);
		Reply refused = client.call("POST", "auth/cert-self/login", null, Map.of());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errors()).contains("invalid certificate or no client certificate supplied");
	}

	private static SSLContext sslContext(String keyStoreName) throws Exception {
		KeyManagerFactory keyManagers = null;
		if (keyStoreName != null) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (InputStream in = CertAuthTlsTests.class.getResourceAsStream(keyStoreName)) {
				keyStore.load(in, PASSWORD);
			}
			keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, PASSWORD);
		}
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("ca", TestCertificates.certificate("ca.pem"));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trustStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
				null);
		return context;
	}

}
