package dev.vaultkv.embedded.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.jspecify.annotations.Nullable;

/**
 * Verifies EC2 instance identity documents as Vault's aws auth method does: the PKCS#7 (CMS SignedData)
 * form against the registered {@code pkcs7} certificates, the document-and-signature form against the
 * registered {@code identity} certificates (SHA256withRSA).
 *
 * @author vaultkv
 */
final class AwsIdentityDocuments {

	private AwsIdentityDocuments() {
	}

	/**
	 * Verify a PKCS#7 signed document and return its content.
	 * @param pkcs7Base64 the base64 DER, as the metadata service serves it without newlines
	 * @param certificates the certificates that may have signed it
	 * @return the document
	 * @throws VerificationException with Vault's message when parsing or verification fails
	 */
	static String verifyPkcs7(String pkcs7Base64, Collection<X509Certificate> certificates) {
		CMSSignedData signed;
		try {
			signed = new CMSSignedData(Base64.getMimeDecoder().decode(pkcs7Base64));
		}
		catch (CMSException | IllegalArgumentException ex) {
			throw new VerificationException(
					"failed to parse the BER encoded PKCS#7 signature: " + ex.getClass().getSimpleName());
		}
		Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
		if (signers.isEmpty()) {
			throw new VerificationException("failed to verify the signature");
		}
		for (SignerInformation signer : signers) {
			if (!verifiedByAny(signer, certificates)) {
				throw new VerificationException("failed to verify the signature");
			}
		}
		Object content = (signed.getSignedContent() != null) ? signed.getSignedContent().getContent() : null;
		if (!(content instanceof byte[] bytes) || bytes.length == 0) {
			throw new VerificationException("instance identity document could not be found in the signature");
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static boolean verifiedByAny(SignerInformation signer, Collection<X509Certificate> certificates) {
		for (X509Certificate certificate : certificates) {
			try {
				if (signer.getSID().match(new JcaX509CertificateHolder(certificate))
						&& signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
					return true;
				}
			}
			catch (CMSException | OperatorCreationException | GeneralSecurityException ex) {
				// not this certificate
			}
		}
		return false;
	}

	/**
	 * Verify the SHA256withRSA signature of a plain identity document.
	 * @param document the document
	 * @param signature the signature
	 * @param certificates the certificates that may have signed it
	 * @return whether one of the certificates verifies the signature
	 */
	static boolean verifyRsa(byte[] document, byte[] signature, Collection<X509Certificate> certificates) {
		for (X509Certificate certificate : certificates) {
			try {
				Signature verifier = Signature.getInstance("SHA256withRSA");
				verifier.initVerify(certificate.getPublicKey());
				verifier.update(document);
				if (verifier.verify(signature)) {
					return true;
				}
			}
			catch (GeneralSecurityException ex) {
				// not this certificate
			}
		}
		return false;
	}

	/**
	 * A document that does not verify; Vault answers these as internal errors (500).
	 */
	static final class VerificationException extends RuntimeException {

		VerificationException(@Nullable String message) {
			super(message, null, false, false);
		}

	}

}
