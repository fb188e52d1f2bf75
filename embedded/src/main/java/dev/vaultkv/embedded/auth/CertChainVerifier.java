package dev.vaultkv.embedded.auth;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies a TLS client certificate chain against one trusted certificate with the JDK's PKIX validator
 * (signatures, validity at the server clock, CA constraints; no revocation checks).
 *
 * @author vaultkv
 */
final class CertChainVerifier {

	private CertChainVerifier() {
	}

	/**
	 * Whether the client chain leads to the trusted certificate: the trusted certificate is a CA that issued
	 * the leaf or one of the intermediates the client sent.
	 * @param clientChain the client chain, leaf first
	 * @param trusted the trusted certificate
	 * @param now the current time
	 * @return whether a valid path exists
	 */
	static boolean verifies(List<X509Certificate> clientChain, X509Certificate trusted, Instant now) {
		if (trusted.getBasicConstraints() < 0) {
			return false;
		}
		if (!clientChain.isEmpty() && clientChain.get(0).equals(trusted)) {
			// the client's certificate is itself the trusted CA (a self-signed CA certificate): Go's
			// x509 Verify accepts a certificate found in its roots as a chain of its own
			return isValid(trusted, now) && CertificateInfo.allowsClientAuth(trusted);
		}
		List<X509Certificate> path = new ArrayList<>();
		for (X509Certificate certificate : clientChain) {
			if (certificate.equals(trusted)) {
				break;
			}
			path.add(certificate);
			if (certificate.getIssuerX500Principal().equals(trusted.getSubjectX500Principal())
					&& validate(path, trusted, now)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isValid(X509Certificate certificate, Instant now) {
		try {
			certificate.checkValidity(Date.from(now));
			return true;
		}
		catch (CertificateException ex) {
			return false;
		}
	}

	private static boolean validate(List<X509Certificate> path, X509Certificate anchor, Instant now) {
		try {
			CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
			PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
			parameters.setRevocationEnabled(false);
			parameters.setDate(Date.from(now));
			CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
