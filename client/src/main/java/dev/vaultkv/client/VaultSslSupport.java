package dev.vaultkv.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link SSLContext} for talking to Vault from PEM files (CA certificates, client
 * certificate chain and private key) or from key stores (PKCS12 or JKS), with the JDK only. Without CA
 * certificates or trust store, the JDK's default trust store is used.
 * <p>
 * PEM private keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}; RSA, EC, EdDSA) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}); encrypted keys and SEC1 EC keys must be converted first with
 * {@code openssl pkcs8 -topk8 -nocrypt}.
 *
 * @since 0.1.0
 */
public final class VaultSslSupport {

	private static final Pattern PEM_BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

	private static final byte[] RSA_ALGORITHM_IDENTIFIER = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
			(byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	private VaultSslSupport() {
	}

	/**
	 * Create an SSL context from PEM files.
	 * @param caCertificates the CA certificates to trust, or {@code null} for the JDK's trust store
	 * @param clientCertificate the client certificate chain, or {@code null} for none
	 * @param clientKey the client certificate's private key; required with {@code clientCertificate}
	 * @return the SSL context
	 * @throws IllegalStateException if a file cannot be read or used, naming the file and the problem
	 */
	public static SSLContext fromPem(@Nullable Path caCertificates, @Nullable Path clientCertificate,
			@Nullable Path clientKey) {
		if ((clientCertificate == null) != (clientKey == null)) {
			throw new IllegalStateException(
					"A client certificate needs both the certificate file and the private key file");
		}
		TrustManager[] trustManagers = null;
		if (caCertificates != null) {
			List<Certificate> certificates = readCertificates(caCertificates);
			KeyStore trustStore = emptyKeyStore();
			try {
				for (int i = 0; i < certificates.size(); i++) {
					trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
				}
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Could not trust the CA certificates in '" + caCertificates + "'", ex);
			}
			trustManagers = trustManagers(trustStore);
		}
		KeyManager[] keyManagers = null;
		if (clientCertificate != null && clientKey != null) {
			List<Certificate> chain = readCertificates(clientCertificate);
			PrivateKey key = readPrivateKey(clientKey);
			char[] password = new char[0];
			KeyStore keyStore = emptyKeyStore();
			try {
				keyStore.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("The private key in '" + clientKey
						+ "' does not fit the client certificate in '" + clientCertificate + "'", ex);
			}
			keyManagers = keyManagers(keyStore, password);
		}
		return sslContext(trustManagers, keyManagers);
	}

	/**
	 * Create an SSL context from key stores; their type (PKCS12 or JKS) is detected from the content.
	 * @param trustStore the trust store with the CA certificates, or {@code null} for the JDK's
	 * @param trustStorePassword the trust store password, or {@code null}
	 * @param keyStore the key store with the client certificate and key, or {@code null} for none
	 * @param keyStorePassword the password of the key store and of its key, or {@code null}
	 * @return the SSL context
	 * @throws IllegalStateException if a store cannot be read or used, naming the file and the problem
	 */
	public static SSLContext fromKeyStores(@Nullable Path trustStore, char @Nullable [] trustStorePassword,
			@Nullable Path keyStore, char @Nullable [] keyStorePassword) {
		TrustManager[] trustManagers = (trustStore != null)
				? trustManagers(loadKeyStore(trustStore, trustStorePassword)) : null;
		KeyManager[] keyManagers = null;
		if (keyStore != null) {
			char[] password = (keyStorePassword != null) ? keyStorePassword : new char[0];
			keyManagers = keyManagers(loadKeyStore(keyStore, password), password);
		}
		return sslContext(trustManagers, keyManagers);
	}

	private static SSLContext sslContext(TrustManager @Nullable [] trustManagers,
			KeyManager @Nullable [] keyManagers) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trustManagers, new SecureRandom());
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not create the TLS context for Vault", ex);
		}
	}

	private static KeyStore loadKeyStore(Path file, char @Nullable [] password) {
		try {
			return KeyStore.getInstance(file.toFile(), password);
		}
		catch (IOException ex) {
			String reason = (ex.getCause() instanceof java.security.UnrecoverableKeyException)
					? "wrong password" : ex.getClass().getSimpleName();
			throw new IllegalStateException("Could not read the key store '" + file + "' (" + reason + ")", ex);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Could not read the key store '" + file
					+ "'; it must be a PKCS12 or JKS store (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	private static TrustManager[] trustManagers(KeyStore trustStore) {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore);
			return factory.getTrustManagers();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not use the trusted certificates for Vault", ex);
		}
	}

	private static KeyManager[] keyManagers(KeyStore keyStore, char[] password) {
		try {
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keyStore, password);
			return factory.getKeyManagers();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"Could not use the client certificate key for Vault (wrong key password?)", ex);
		}
	}

	private static KeyStore emptyKeyStore() {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			return keyStore;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not create an in-memory key store", ex);
		}
	}

	private static List<Certificate> readCertificates(Path file) {
		String pem = read(file);
		List<Certificate> certificates = new ArrayList<>();
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			Matcher matcher = PEM_BLOCK.matcher(pem);
			while (matcher.find()) {
				if (matcher.group(1).equals("CERTIFICATE")) {
					Collection<? extends Certificate> parsed = factory
						.generateCertificates(new ByteArrayInputStream(decode(file, matcher.group(2))));
					certificates.addAll(parsed);
				}
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not parse the certificates in '" + file + "'", ex);
		}
		if (certificates.isEmpty()) {
			throw new IllegalStateException(
					"'" + file + "' holds no PEM certificate (-----BEGIN CERTIFICATE----- block)");
		}
		return certificates;
	}

	private static PrivateKey readPrivateKey(Path file) {
		String pem = read(file);
		Matcher matcher = PEM_BLOCK.matcher(pem);
		while (matcher.find()) {
			String type = matcher.group(1);
			switch (type) {
				case "PRIVATE KEY":
					return pkcs8(file, decode(file, matcher.group(2)));
				case "RSA PRIVATE KEY":
					return pkcs8(file, wrapPkcs1(decode(file, matcher.group(2))));
				case "ENCRYPTED PRIVATE KEY":
				case "EC PRIVATE KEY":
					throw new IllegalStateException("The private key in '" + file + "' is a " + type
							+ "; convert it to unencrypted PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt', or use a PKCS12 key store");
				default:
					// Skip other blocks, such as EC PARAMETERS.
			}
		}
		throw new IllegalStateException("'" + file + "' holds no PEM private key (-----BEGIN PRIVATE KEY----- block)");
	}

	private static PrivateKey pkcs8(Path file, byte[] der) {
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
		for (String algorithm : List.of("RSA", "EC", "EdDSA", "RSASSA-PSS")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException ex) {
				// Try the next algorithm.
			}
		}
		throw new IllegalStateException("The private key in '" + file + "' is not an RSA, EC or EdDSA key");
	}

	private static byte[] wrapPkcs1(byte[] pkcs1) {
		byte[] version = { 0x02, 0x01, 0x00 };
		byte[] octetString = derElement(0x04, pkcs1);
		byte[] content = new byte[version.length + RSA_ALGORITHM_IDENTIFIER.length + octetString.length];
		System.arraycopy(version, 0, content, 0, version.length);
		System.arraycopy(RSA_ALGORITHM_IDENTIFIER, 0, content, version.length, RSA_ALGORITHM_IDENTIFIER.length);
		System.arraycopy(octetString, 0, content, version.length + RSA_ALGORITHM_IDENTIFIER.length,
				octetString.length);
		return derElement(0x30, content);
	}

	private static byte[] derElement(int tag, byte[] content) {
		int length = content.length;
		byte[] lengthBytes;
		if (length < 0x80) {
			lengthBytes = new byte[] { (byte) length };
		}
		else if (length < 0x100) {
			lengthBytes = new byte[] { (byte) 0x81, (byte) length };
		}
		else if (length < 0x10000) {
			lengthBytes = new byte[] { (byte) 0x82, (byte) (length >> 8), (byte) length };
		}
		else {
			lengthBytes = new byte[] { (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length };
		}
		byte[] element = new byte[1 + lengthBytes.length + length];
		element[0] = (byte) tag;
		System.arraycopy(lengthBytes, 0, element, 1, lengthBytes.length);
		System.arraycopy(content, 0, element, 1 + lengthBytes.length, length);
		return element;
	}

	private static byte[] decode(Path file, String base64) {
		try {
			return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("'" + file + "' holds a PEM block that is not valid Base64", ex);
		}
	}

	private static String read(Path file) {
		try (InputStream stream = Files.newInputStream(file)) {
			return new String(stream.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read '" + file + "' (" + ex.getClass().getSimpleName() + ")",
					ex);
		}
	}

}
