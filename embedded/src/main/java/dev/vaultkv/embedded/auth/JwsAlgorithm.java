package dev.vaultkv.embedded.auth;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

import org.jspecify.annotations.Nullable;

/**
 * The asymmetric JWS algorithms Vault accepts for JWT logins, verified with the JDK only. Symmetric
 * ({@code HS*}) and {@code none} are deliberately absent: a public key must never be usable as an HMAC
 * secret.
 *
 * @author vaultkv
 */
enum JwsAlgorithm {

	RS256("SHA256withRSA", null, 0), RS384("SHA384withRSA", null, 0), RS512("SHA512withRSA", null, 0),

	PS256("RSASSA-PSS", "SHA-256", 0), PS384("RSASSA-PSS", "SHA-384", 0), PS512("RSASSA-PSS", "SHA-512", 0),

	ES256("SHA256withECDSA", null, 32), ES384("SHA384withECDSA", null, 48), ES512("SHA512withECDSA", null, 66);

	private final String jcaName;

	private final @Nullable String pssDigest;

	private final int ecSize;

	JwsAlgorithm(String jcaName, @Nullable String pssDigest, int ecSize) {
		this.jcaName = jcaName;
		this.pssDigest = pssDigest;
		this.ecSize = ecSize;
	}

	static @Nullable JwsAlgorithm of(@Nullable String name) {
		if (name == null) {
			return null;
		}
		for (JwsAlgorithm algorithm : values()) {
			if (algorithm.name().equals(name)) {
				return algorithm;
			}
		}
		return null;
	}

	boolean isEc() {
		return this.ecSize > 0;
	}

	/**
	 * Whether this algorithm can be used with the given key (RSA algorithms with RSA keys, ECDSA algorithms
	 * with keys on the matching curve).
	 */
	boolean supports(PublicKey key) {
		if (isEc()) {
			return key instanceof ECPublicKey ec
					&& (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8 == this.ecSize;
		}
		return key instanceof RSAPublicKey;
	}

	boolean verify(PublicKey key, byte[] signingInput, byte[] signature) {
		if (!supports(key)) {
			return false;
		}
		try {
			byte[] jcaSignature = isEc() ? EcdsaSignatures.toDer(signature, this.ecSize) : signature;
			if (jcaSignature == null) {
				return false;
			}
			Signature verifier = signature();
			verifier.initVerify(key);
			verifier.update(signingInput);
			return verifier.verify(jcaSignature);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	Signature signature() throws GeneralSecurityException {
		Signature signature = Signature.getInstance(this.jcaName);
		if (this.pssDigest != null) {
			int saltLength = Integer.parseInt(this.pssDigest.substring(4)) / 8;
			signature.setParameter(new PSSParameterSpec(this.pssDigest, "MGF1",
					new MGF1ParameterSpec(this.pssDigest), saltLength, PSSParameterSpec.TRAILER_FIELD_BC));
		}
		return signature;
	}

	int ecSize() {
		return this.ecSize;
	}

}
