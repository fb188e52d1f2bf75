package dev.vaultkv.embedded.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

/**
 * Signs JSON Web Tokens with a freshly generated key pair, for tests of the Kubernetes and JWT auth
 * methods. Configure the embedded server (or a real Vault) with {@link #publicKeyPem()} (as
 * {@code pem_keys} or {@code jwt_validation_pubkeys}) or serve {@link #jwks()} at a {@code jwks_url}, then
 * log in with a token from {@link #sign(Map)}.
 * <p>
 * Uses only the JDK. Instances are immutable and thread-safe. Not for production use: the private key lives
 * only in memory and is never exported.
 *
 * <pre class="code">
 * JwtMinter minter = JwtMinter.rsa();
 * // POST auth/jwt/config {"jwt_validation_pubkeys": minter.publicKeyPem(), "bound_issuer": "https://ci"}
 * String jwt = minter.sign("https://ci", "pipeline-7", "vault", Instant.now(), Duration.ofMinutes(5));
 * </pre>
 * Note that Vault's validator treats a token that has {@code exp} but neither {@code iat} nor {@code nbf}
 * as valid only from 150 seconds before {@code exp}; the helpers here always set {@code iat} and
 * {@code nbf}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class JwtMinter {

	private final JwsAlgorithm algorithm;

	private final KeyPair keyPair;

	private final String keyId;

	private JwtMinter(JwsAlgorithm algorithm, KeyPair keyPair) {
		this.algorithm = algorithm;
		this.keyPair = keyPair;
		this.keyId = UUID.randomUUID().toString();
	}

	/**
	 * Create a minter with a new 2048-bit RSA key that signs with {@code RS256}.
	 * @return the minter
	 * @since 0.1.0
	 */
	public static JwtMinter rsa() {
		return of("RS256");
	}

	/**
	 * Create a minter with a new P-256 EC key that signs with {@code ES256}.
	 * @return the minter
	 * @since 0.1.0
	 */
	public static JwtMinter ec() {
		return of("ES256");
	}

	/**
	 * Create a minter with a new key suitable for the given JWS algorithm.
	 * @param algorithm one of {@code RS256}, {@code RS384}, {@code RS512}, {@code PS256}, {@code PS384},
	 * {@code PS512}, {@code ES256}, {@code ES384}, {@code ES512}
	 * @return the minter
	 * @throws IllegalArgumentException if the algorithm is not supported
	 * @since 0.1.0
	 */
	public static JwtMinter of(String algorithm) {
		Objects.requireNonNull(algorithm, "'algorithm' must not be null");
		JwsAlgorithm jws = JwsAlgorithm.of(algorithm);
		if (jws == null) {
			throw new IllegalArgumentException("Unsupported JWS algorithm '" + algorithm
					+ "'; use one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512");
		}
		try {
			KeyPairGenerator generator;
			if (jws.isEc()) {
				generator = KeyPairGenerator.getInstance("EC");
				String curve = switch (jws) {
					case ES384 -> "secp384r1";
					case ES512 -> "secp521r1";
					default -> "secp256r1";
				};
				generator.initialize(new ECGenParameterSpec(curve));
			}
			else {
				generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
			}
			return new JwtMinter(jws, generator.generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a key pair for " + algorithm, ex);
		}
	}

	/**
	 * Create a minter for an existing key pair (tests share RSA keys, which are slow to generate).
	 */
	static JwtMinter of(String algorithm, KeyPair keyPair) {
		JwsAlgorithm jws = JwsAlgorithm.of(algorithm);
		if (jws == null || !jws.supports(keyPair.getPublic())) {
			throw new IllegalArgumentException("Key pair does not fit " + algorithm);
		}
		return new JwtMinter(jws, keyPair);
	}

	KeyPair keyPair() {
		return this.keyPair;
	}

	/**
	 * Return the JWS algorithm this minter signs with (the {@code alg} header).
	 * @return the algorithm name
	 * @since 0.1.0
	 */
	public String algorithm() {
		return this.algorithm.name();
	}

	/**
	 * Return the key id placed in the {@code kid} header and in {@link #jwks()}.
	 * @return the key id
	 * @since 0.1.0
	 */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * Return the public key.
	 * @return the public key
	 * @since 0.1.0
	 */
	public PublicKey publicKey() {
		return this.keyPair.getPublic();
	}

	/**
	 * Return the public key as a PEM {@code PUBLIC KEY} block (SubjectPublicKeyInfo).
	 * @return the PEM text
	 * @since 0.1.0
	 */
	public String publicKeyPem() {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(this.keyPair.getPublic().getEncoded());
		return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
	}

	/**
	 * Return a JSON Web Key Set ({@code {"keys":[...]}}) holding the public key.
	 * @return the JSON text
	 * @since 0.1.0
	 */
	public String jwks() {
		ObjectNode jwk = Json.object();
		jwk.put("kid", this.keyId);
		jwk.put("use", "sig");
		jwk.put("alg", this.algorithm.name());
		if (this.keyPair.getPublic() instanceof RSAPublicKey rsa) {
			jwk.put("kty", "RSA");
			jwk.put("n", unsigned(rsa.getModulus(), 0));
			jwk.put("e", unsigned(rsa.getPublicExponent(), 0));
		}
		else {
			ECPublicKey ec = (ECPublicKey) this.keyPair.getPublic();
			int size = this.algorithm.ecSize();
			jwk.put("kty", "EC");
			jwk.put("crv", switch (size) {
				case 48 -> "P-384";
				case 66 -> "P-521";
				default -> "P-256";
			});
			jwk.put("x", unsigned(ec.getW().getAffineX(), size));
			jwk.put("y", unsigned(ec.getW().getAffineY(), size));
		}
		ObjectNode jwks = Json.object();
		jwks.putArray("keys").add(jwk);
		return Json.MAPPER.writeValueAsString(jwks);
	}

	/**
	 * Sign the given claims. Values are written as JSON (strings, numbers, booleans, lists and maps).
	 * Time claims ({@code exp}, {@code iat}, {@code nbf}) must be given as epoch seconds.
	 * @param claims the claims
	 * @return the compact JWS
	 * @since 0.1.0
	 */
	public String sign(Map<String, ?> claims) {
		Objects.requireNonNull(claims, "'claims' must not be null");
		ObjectNode header = Json.object();
		header.put("alg", this.algorithm.name());
		header.put("typ", "JWT");
		header.put("kid", this.keyId);
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String signingInput = encoder.encodeToString(Json.MAPPER.writeValueAsBytes(header)) + "."
				+ encoder.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
		try {
			Signature signature = this.algorithm.signature();
			PrivateKey key = this.keyPair.getPrivate();
			signature.initSign(key);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			byte[] bytes = signature.sign();
			if (this.algorithm.isEc()) {
				bytes = EcdsaSignatures.toJws(bytes, this.algorithm.ecSize());
			}
			return signingInput + "." + encoder.encodeToString(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot sign the JWT", ex);
		}
	}

	/**
	 * Sign a token with the usual registered claims: {@code iss}, {@code sub}, {@code aud}, {@code iat},
	 * {@code nbf} and {@code exp}.
	 * @param issuer the issuer ({@code iss}), matched against a JWT mount's {@code bound_issuer}
	 * @param subject the subject ({@code sub})
	 * @param audience the audience ({@code aud}), matched against a role's {@code bound_audiences}
	 * @param issuedAt the issue time (use the server clock when it is controlled)
	 * @param ttl the validity
	 * @return the compact JWS
	 * @since 0.1.0
	 */
	public String sign(String issuer, String subject, String audience, Instant issuedAt, Duration ttl) {
		Objects.requireNonNull(issuer, "'issuer' must not be null");
		Objects.requireNonNull(subject, "'subject' must not be null");
		Objects.requireNonNull(audience, "'audience' must not be null");
		Objects.requireNonNull(issuedAt, "'issuedAt' must not be null");
		Objects.requireNonNull(ttl, "'ttl' must not be null");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", issuer);
		claims.put("sub", subject);
		claims.put("aud", audience);
		claims.put("iat", issuedAt.getEpochSecond());
		claims.put("nbf", issuedAt.getEpochSecond());
		claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
		return sign(claims);
	}

	/**
	 * Sign a projected Kubernetes service account token (the form kubelet mounts into pods): {@code iss}
	 * {@code https://kubernetes.default.svc.cluster.local}, {@code sub}
	 * {@code system:serviceaccount:<namespace>:<name>}, the nested {@code kubernetes.io} claim, {@code iat},
	 * {@code nbf} and {@code exp}.
	 * @param namespace the service account namespace
	 * @param serviceAccount the service account name
	 * @param audience the audience ({@code aud}), for example {@code vault}
	 * @param issuedAt the issue time
	 * @param ttl the validity
	 * @return the compact JWS
	 * @since 0.1.0
	 */
	public String kubernetesServiceAccountToken(String namespace, String serviceAccount, String audience,
			Instant issuedAt, Duration ttl) {
		Objects.requireNonNull(namespace, "'namespace' must not be null");
		Objects.requireNonNull(serviceAccount, "'serviceAccount' must not be null");
		Objects.requireNonNull(audience, "'audience' must not be null");
		Objects.requireNonNull(issuedAt, "'issuedAt' must not be null");
		Objects.requireNonNull(ttl, "'ttl' must not be null");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", java.util.List.of(audience));
		claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
		claims.put("iat", issuedAt.getEpochSecond());
		claims.put("nbf", issuedAt.getEpochSecond());
		claims.put("iss", "https://kubernetes.default.svc.cluster.local");
		claims.put("sub", "system:serviceaccount:" + namespace + ":" + serviceAccount);
		claims.put("kubernetes.io", Map.of("namespace", namespace, "pod",
				Map.of("name", serviceAccount + "-pod", "uid", uuidFor("pod:" + namespace + ":" + serviceAccount)),
				"serviceaccount",
				Map.of("name", serviceAccount, "uid", uuidFor("sa:" + namespace + ":" + serviceAccount))));
		return sign(claims);
	}

	/**
	 * Return the deterministic service account UID {@link #kubernetesServiceAccountToken} uses.
	 * @param namespace the service account namespace
	 * @param serviceAccount the service account name
	 * @return the UID
	 * @since 0.1.0
	 */
	public static String serviceAccountUid(String namespace, String serviceAccount) {
		return uuidFor("sa:" + namespace + ":" + serviceAccount);
	}

	private static String uuidFor(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static String unsigned(BigInteger value, int size) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		if (size > bytes.length) {
			byte[] padded = new byte[size];
			System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
			bytes = padded;
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public String toString() {
		return "JwtMinter[algorithm=" + this.algorithm + ", keyId=" + this.keyId + "]";
	}

}
