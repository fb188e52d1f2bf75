package dev.vaultkv.embedded;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EmbeddedVault} serving HTTPS from PEM class path resources.
 */
@EmbeddedVault(tlsCert = "classpath:dev/vaultkv/embedded/tls/server.pem",
		tlsKey = "classpath:dev/vaultkv/embedded/tls/server-key-rsa.pem",
		tlsClientCa = "classpath:dev/vaultkv/embedded/tls/ca.pem")
class EmbeddedVaultExtensionTlsTests {

	@Test
	void servesHttpsWithTheAnnotatedPemResources(EmbeddedVaultServer server) throws Exception {
		assertThat(server.getAddress().getScheme()).isEqualTo("https");
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		try (InputStream in = getClass().getResourceAsStream("tls/ca.pem")) {
			trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		VaultHttp https = new VaultHttp(server.getAddress(), HttpClient.newBuilder().sslContext(context).build());
		assertThat(https.get("auth/token/lookup-self", "root").status()).isEqualTo(200);
	}

}
