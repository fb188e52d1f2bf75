package dev.vaultkv.embedded.auth;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads RSA and EC public keys from PEM ({@code PUBLIC KEY} or {@code CERTIFICATE} blocks) and from JSON
 * Web Key Sets.
 *
 * @author vaultkv
 */
final class PublicKeys {

	private static final Pattern PEM_BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

	private PublicKeys() {
	}

	/**
	 * Parse the first PEM block of the given text.
	 * @param pem the PEM text
	 * @return the key
	 * @throws IllegalArgumentException (message as Vault's) if no RSA or EC public key is found
	 */
	static PublicKey parsePem(String pem) {
		Matcher matcher = PEM_BLOCK.matcher(pem);
		if (matcher.find()) {
			try {
				byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
				PublicKey key = switch (matcher.group(1)) {
					case "PUBLIC KEY" -> parseSubjectPublicKeyInfo(der);
					case "CERTIFICATE" -> parseCertificate(der).getPublicKey();
					default -> null;
				};
				if (key instanceof RSAPublicKey || key instanceof ECPublicKey) {
					return key;
				}
			}
			catch (GeneralSecurityException | IllegalArgumentException ex) {
				// reported below
			}
		}
		throw new IllegalArgumentException("data does not contain any valid RSA or ECDSA public keys");
	}

	static X509Certificate parseCertificate(byte[] der) throws GeneralSecurityException {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(der));
	}

	/**
	 * Parse all {@code CERTIFICATE} blocks of the given PEM text.
	 * @param pem the PEM text
	 * @return the certificates, empty if there are none or one is malformed
	 */
	static List<X509Certificate> parseCertificates(String pem) {
		List<X509Certificate> certificates = new ArrayList<>();
		Matcher matcher = PEM_BLOCK.matcher(pem);
		while (matcher.find()) {
			if (!"CERTIFICATE".equals(matcher.group(1))) {
				continue;
			}
			try {
				certificates.add(parseCertificate(Base64.getMimeDecoder().decode(matcher.group(2))));
			}
			catch (GeneralSecurityException | IllegalArgumentException ex) {
				return List.of();
			}
		}
		return certificates;
	}

	private static PublicKey parseSubjectPublicKeyInfo(byte[] der) throws GeneralSecurityException {
		X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
		try {
			return KeyFactory.getInstance("RSA").generatePublic(spec);
		}
		catch (GeneralSecurityException ex) {
			return KeyFactory.getInstance("EC").generatePublic(spec);
		}
	}

	/**
	 * Read the RSA and EC signing keys of a JSON Web Key Set; other keys are skipped.
	 * @param jwks the key set ({@code {"keys":[...]}})
	 * @return the keys with their ids
	 * @throws IllegalArgumentException if the document is no key set
	 */
	static List<KeyWithId> parseJwks(JsonNode jwks) {
		JsonNode keys = jwks.get("keys");
		if (keys == null || !keys.isArray()) {
			throw new IllegalArgumentException("JSON Web Key Set has no \"keys\" array");
		}
		List<KeyWithId> result = new ArrayList<>();
		for (JsonNode jwk : keys) {
			String use = text(jwk, "use");
			if (use != null && !use.equals("sig")) {
				continue;
			}
			try {
				PublicKey key = switch (String.valueOf(text(jwk, "kty"))) {
					case "RSA" -> rsaKey(jwk);
					case "EC" -> ecKey(jwk);
					default -> null;
				};
				if (key != null) {
					result.add(new KeyWithId(text(jwk, "kid"), key));
				}
			}
			catch (GeneralSecurityException | IllegalArgumentException | NullPointerException ex) {
				throw new IllegalArgumentException("invalid JSON Web Key: " + ex.getMessage());
			}
		}
		return result;
	}

	private static PublicKey rsaKey(JsonNode jwk) throws GeneralSecurityException {
		return KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
	}

	private static PublicKey ecKey(JsonNode jwk) throws GeneralSecurityException {
		String curve = switch (String.valueOf(text(jwk, "crv"))) {
			case "P-256" -> "secp256r1";
			case "P-384" -> "secp384r1";
			case "P-521" -> "secp521r1";
			default -> throw new IllegalArgumentException("unsupported curve");
		};
		AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec(curve));
		ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
		ECPoint point = new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y"));
		return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
	}

	private static BigInteger unsigned(JsonNode jwk, String member) {
		String value = text(jwk, member);
		if (value == null) {
			throw new IllegalArgumentException("missing \"" + member + "\"");
		}
		return new BigInteger(1, Base64.getUrlDecoder().decode(value));
	}

	private static @Nullable String text(JsonNode node, String member) {
		JsonNode value = node.get(member);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/**
	 * A verification key and its optional key id.
	 *
	 * @param kid the key id ({@code kid}), if any
	 * @param key the key
	 */
	record KeyWithId(@Nullable String kid, PublicKey key) {

	}

}
