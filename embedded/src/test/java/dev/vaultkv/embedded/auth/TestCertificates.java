package dev.vaultkv.embedded.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/**
 * Loads the committed test certificates (see {@code README.md} next to them).
 */
final class TestCertificates {

	private TestCertificates() {
	}

	static String pem(String name) {
		try (InputStream in = TestCertificates.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Missing test resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static X509Certificate certificate(String name) {
		return PublicKeys.parseCertificates(pem(name)).get(0);
	}

}
