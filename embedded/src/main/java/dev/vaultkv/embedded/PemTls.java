package dev.vaultkv.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Builds the server's TLS context from PEM text: a certificate chain, a private key (PKCS#8
 * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}) and optional client
 * CA certificates, which are named in the certificate request (as Vault's {@code tls_client_ca_file}) but
 * not used to verify: the cert auth method decides whom it trusts.
 *
 * @author vaultkv
 */
final class PemTls {

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

	/** DER of AlgorithmIdentifier rsaEncryption with NULL parameters. */
	private static final byte[] RSA_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
			(byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	/** DER of the OID id-ecPublicKey. */
	private static final byte[] EC_PUBLIC_KEY_OID = { 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
			0x01 };

	private PemTls() {
	}

	static SSLContext serverContext(String certificateChainPem, String privateKeyPem, @Nullable String clientCaPem) {
		List<X509Certificate> chain = certificates(certificateChainPem, "certificate");
		PrivateKey key = privateKey(privateKeyPem);
		List<X509Certificate> clientCas = (clientCaPem != null) ? certificates(clientCaPem, "client CA")
				: List.of();
		if (!belongTogether(key, chain.get(0))) {
			throw new IllegalArgumentException("Cannot use the certificate and private key for TLS: the private key "
					+ "does not belong to the first certificate (" + chain.get(0).getSubjectX500Principal() + ")");
		}
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			char[] password = new char[0];
			store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(store, password);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(),
					new TrustManager[] {
							new AnyClientCertificateTrustManager(clientCas.toArray(new X509Certificate[0])) },
					null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException(
					"Cannot use the certificate and private key for TLS (do they belong together?): " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Whether the key signs what the certificate's public key verifies.
	 */
	private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
		String algorithm = switch (key.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "RSASSA-PSS" -> null;
			default -> key.getAlgorithm();
		};
		if (algorithm == null) {
			return true;
		}
		try {
			byte[] probe = "vaultkv".getBytes(StandardCharsets.US_ASCII);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(probe);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	static List<X509Certificate> certificates(String pem, String what) {
		List<X509Certificate> certificates = new ArrayList<>();
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			for (Block block : blocks(pem)) {
				if (block.type().equals("CERTIFICATE")) {
					certificates.add((X509Certificate) factory
						.generateCertificate(new ByteArrayInputStream(block.der())));
				}
			}
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("Invalid " + what + " PEM: " + ex.getMessage(), ex);
		}
		if (certificates.isEmpty()) {
			throw new IllegalArgumentException("No CERTIFICATE block found in the " + what + " PEM");
		}
		return certificates;
	}

	static PrivateKey privateKey(String pem) {
		for (Block block : blocks(pem)) {
			switch (block.type()) {
				case "PRIVATE KEY" -> {
					return pkcs8(block.der(), "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
				}
				case "RSA PRIVATE KEY" -> {
					return pkcs8(sequence(concat(new byte[] { 0x02, 0x01, 0x00 }, RSA_ALGORITHM,
							tlv(0x04, block.der()))), "RSA");
				}
				case "EC PRIVATE KEY" -> {
					return pkcs8(ecToPkcs8(block.der()), "EC");
				}
				case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
						"Encrypted private keys are not supported: decrypt it first (openssl pkey -in KEY -out KEY.pem)");
				default -> {
					// EC PARAMETERS and other blocks are skipped
				}
			}
		}
		throw new IllegalArgumentException(
				"No private key found: expected a PEM block PRIVATE KEY (PKCS#8), RSA PRIVATE KEY or EC PRIVATE KEY");
	}

	private static PrivateKey pkcs8(byte[] der, String... algorithms) {
		for (String algorithm : algorithms) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// try the next algorithm
			}
		}
		throw new IllegalArgumentException("Unsupported or invalid private key (tried " + String.join(", ", algorithms)
				+ ")");
	}

	/**
	 * SEC1 {@code ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters, [1] publicKey }}
	 * to PKCS#8, taking the curve OID from the parameters.
	 */
	private static byte[] ecToPkcs8(byte[] sec1) {
		Der outer = new Der(sec1, 0);
		Der content = outer.contentReader();
		content.skip();
		content.skip();
		byte[] curve = null;
		while (content.hasMore()) {
			int tag = content.peekTag();
			if (tag == 0xa0) {
				curve = content.next().content();
			}
			else {
				content.skip();
			}
		}
		if (curve == null) {
			throw new IllegalArgumentException("EC PRIVATE KEY without a named curve is not supported");
		}
		byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curve));
		return sequence(concat(new byte[] { 0x02, 0x01, 0x00 }, algorithm, tlv(0x04, sec1)));
	}

	private static List<Block> blocks(String pem) {
		List<Block> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(pem);
		while (matcher.find()) {
			try {
				blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Invalid base64 in PEM block " + matcher.group(1), ex);
			}
		}
		return blocks;
	}

	private static byte[] sequence(byte[] content) {
		return tlv(0x30, content);
	}

	private static byte[] tlv(int tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = content.length;
		if (length < 0x80) {
			out.write(length);
		}
		else {
			int bytes = (length > 0xffffff) ? 4 : (length > 0xffff) ? 3 : (length > 0xff) ? 2 : 1;
			out.write(0x80 | bytes);
			for (int i = bytes - 1; i >= 0; i--) {
				out.write((length >>> (8 * i)) & 0xff);
			}
		}
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private record Block(String type, byte[] der) {
	}

	/**
	 * A minimal DER reader over one buffer (definite lengths only).
	 */
	private static final class Der {

		private final byte[] buffer;

		private int position;

		private final int end;

		Der(byte[] buffer, int position) {
			this(buffer, position, buffer.length);
		}

		private Der(byte[] buffer, int position, int end) {
			this.buffer = buffer;
			this.position = position;
			this.end = end;
		}

		boolean hasMore() {
			return this.position < this.end;
		}

		int peekTag() {
			return this.buffer[this.position] & 0xff;
		}

		Element next() {
			if (!hasMore()) {
				throw new IllegalArgumentException("Truncated EC PRIVATE KEY");
			}
			int tag = this.buffer[this.position++] & 0xff;
			int length = this.buffer[this.position++] & 0xff;
			if (length >= 0x80) {
				int bytes = length & 0x7f;
				length = 0;
				for (int i = 0; i < bytes; i++) {
					length = (length << 8) | (this.buffer[this.position++] & 0xff);
				}
			}
			if (length < 0 || this.position + length > this.end) {
				throw new IllegalArgumentException("Truncated EC PRIVATE KEY");
			}
			Element element = new Element(tag, this.buffer, this.position, length);
			this.position += length;
			return element;
		}

		void skip() {
			next();
		}

		Der contentReader() {
			Element element = next();
			return new Der(this.buffer, element.offset(), element.offset() + element.length());
		}

	}

	private record Element(int tag, byte[] buffer, int offset, int length) {

		byte[] content() {
			return Arrays.copyOfRange(this.buffer, this.offset, this.offset + this.length);
		}

	}

}
