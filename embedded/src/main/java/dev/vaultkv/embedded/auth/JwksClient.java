package dev.vaultkv.embedded.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.vaultkv.embedded.auth.PublicKeys.KeyWithId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Fetches a JSON Web Key Set (directly or through OpenID Connect discovery) over HTTP(S) with the JDK
 * client, optionally trusting only a given CA.
 *
 * @author vaultkv
 */
final class JwksClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final URI uri;

	private final HttpClient client;

	/**
	 * Read an OpenID Connect discovery document and create a client for its {@code jwks_uri}.
	 * @param discoveryUrl the issuer URL ({@code /.well-known/openid-configuration} is appended)
	 * @param caPem PEM certificates to trust for HTTPS ({@code ""}: the JDK defaults)
	 * @return the key set client
	 * @throws IOException if the document cannot be fetched, names another issuer or has no key set
	 * @throws IllegalArgumentException if the URL or CA PEM is invalid
	 */
	static JwksClient discover(String discoveryUrl, String caPem) throws IOException {
		String issuer = discoveryUrl.endsWith("/") ? discoveryUrl.substring(0, discoveryUrl.length() - 1)
				: discoveryUrl;
		JwksClient discovery = new JwksClient(issuer + "/.well-known/openid-configuration", caPem);
		JsonNode document = discovery.getJson();
		JsonNode returnedIssuer = document.get("issuer");
		if (returnedIssuer == null || !discoveryUrl.equals(returnedIssuer.asString())) {
			throw new IOException("issuer did not match the returned issuer");
		}
		JsonNode jwksUri = document.get("jwks_uri");
		if (jwksUri == null || !jwksUri.isString()) {
			throw new IOException("discovery document has no jwks_uri");
		}
		return new JwksClient(jwksUri.stringValue(), caPem);
	}

	/**
	 * Create a client.
	 * @param url the key set URL
	 * @param caPem PEM certificates to trust for HTTPS ({@code ""}: the JDK defaults)
	 * @throws IllegalArgumentException if the URL or CA PEM is invalid
	 */
	JwksClient(String url, String caPem) {
		this.uri = URI.create(url);
		if (!"http".equals(this.uri.getScheme()) && !"https".equals(this.uri.getScheme())) {
			throw new IllegalArgumentException("unsupported URL scheme");
		}
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT)
			.followRedirects(HttpClient.Redirect.NORMAL);
		if (!caPem.isBlank()) {
			builder.sslContext(sslContext(caPem));
		}
		this.client = builder.build();
	}

	private static SSLContext sslContext(String caPem) {
		List<X509Certificate> certificates = PublicKeys.parseCertificates(caPem);
		if (certificates.isEmpty()) {
			throw new IllegalArgumentException("could not parse CA PEM value successfully");
		}
		try {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			for (int i = 0; i < certificates.size(); i++) {
				trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("could not parse CA PEM value successfully");
		}
	}

	/**
	 * Fetch the keys.
	 * @return the signing keys
	 * @throws IOException if the key set cannot be fetched or read
	 */
	List<KeyWithId> fetch() throws IOException {
		try {
			return PublicKeys.parseJwks(getJson());
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("failed to decode keys: " + ex.getMessage());
		}
	}

	private JsonNode getJson() throws IOException {
		HttpRequest request = HttpRequest.newBuilder(this.uri).timeout(TIMEOUT).header("Accept", "application/json")
			.GET().build();
		HttpResponse<String> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while fetching keys");
		}
		if (response.statusCode() != 200) {
			throw new IOException("get keys failed: " + response.statusCode());
		}
		try {
			return Json.MAPPER.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new IOException("failed to decode JSON: " + ex.getOriginalMessage());
		}
	}

}
