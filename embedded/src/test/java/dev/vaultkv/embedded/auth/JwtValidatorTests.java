package dev.vaultkv.embedded.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.vaultkv.embedded.auth.PublicKeys.KeyWithId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JwtValidatorTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final JwtMinter RSA = JwtMinter.rsa();

	private static final JwtMinter OTHER_RSA = JwtMinter.rsa();

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512" })
	void verifiesEverySupportedAlgorithm(String algorithm) throws Exception {
		JwtMinter minter = algorithm.startsWith("ES") ? JwtMinter.of(algorithm)
				: JwtMinter.of(algorithm, RSA.keyPair());
		String token = minter.sign(claims(NOW.plusSeconds(300)));
		ObjectNode claims = JwtValidator.validate(token, keysOf(minter), expect(NOW));
		assertThat(claims.get("sub").stringValue()).isEqualTo("alice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256", "ES384", "ES512" })
	void publishedJwksAndPemVerifyTheMintersTokens(String algorithm) throws Exception {
		JwtMinter minter = algorithm.startsWith("ES") ? JwtMinter.of(algorithm) : RSA;
		String token = minter.sign(claims(NOW.plusSeconds(300)));
		assertThat(JwtValidator.validate(token, PublicKeys.parseJwks(Json.MAPPER.readTree(minter.jwks())),
				expect(NOW))).isNotNull();
		assertThat(JwtValidator.validate(token, List.of(new KeyWithId(null, PublicKeys.parsePem(minter.publicKeyPem()))),
				expect(NOW))).isNotNull();
	}

	@Test
	void verifiesWithPemAndJwksKeys() throws Exception {
		JwtMinter ec = JwtMinter.ec();
		String token = ec.sign(claims(NOW.plusSeconds(300)));
		List<KeyWithId> fromPem = List.of(new KeyWithId(null, PublicKeys.parsePem(ec.publicKeyPem())));
		List<KeyWithId> fromJwks = PublicKeys.parseJwks(Json.MAPPER.readTree(ec.jwks()));
		assertThat(JwtValidator.validate(token, fromPem, expect(NOW))).isNotNull();
		assertThat(JwtValidator.validate(token, fromJwks, expect(NOW))).isNotNull();
		assertThat(fromJwks.get(0).kid()).isEqualTo(ec.keyId());
	}

	@Test
	void rejectsSignatureOfAnotherKey() {
		String token = OTHER_RSA.sign(claims(NOW.plusSeconds(300)));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA), expect(NOW)))
			.withMessage("error verifying token signature: no known key successfully validated the token signature")
			.matches(JwtValidationException::isSignatureFailure);
	}

	@Test
	void rejectsTamperedPayload() {
		String token = RSA.sign(claims(NOW.plusSeconds(300)));
		String[] parts = token.split("\\.");
		String forged = Base64.getUrlEncoder().withoutPadding()
			.encodeToString("{\"sub\":\"mallory\",\"exp\":1900000000}".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(parts[0] + "." + forged + "." + parts[2], keysOf(RSA), expect(NOW)))
			.matches(JwtValidationException::isSignatureFailure);
	}

	@Test
	void rejectsAlgNone() {
		String token = unsigned("{\"alg\":\"none\"}", "{\"sub\":\"alice\",\"exp\":1900000000}") + ".";
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA), expect(NOW)))
			.withMessage("error verifying token signature: unexpected signature algorithm \"none\"");
	}

	@Test
	void rejectsHmacSignedWithThePublicKey() throws Exception {
		String signingInput = unsigned("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
				"{\"sub\":\"alice\",\"exp\":1900000000}");
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(RSA.publicKeyPem().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
		String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA), expect(NOW)))
			.withMessage("error verifying token signature: unexpected signature algorithm \"HS256\"");
	}

	@Test
	void rejectsAlgorithmOutsideTheSupportedSet() {
		String token = RSA.sign(claims(NOW.plusSeconds(300)));
		JwtExpectations onlyEs = new JwtExpectations(null, null, List.of(), Set.of(JwsAlgorithm.ES256), 0, 0, 0,
				false, NOW);
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA), onlyEs))
			.withMessage("invalid algorithm (alg) header parameter: token signed with unexpected algorithm");
	}

	@Test
	void rejectsMalformedTokens() {
		for (String token : List.of("", "abc", "a.b", "a.b.c.d.e", "!!.??.##")) {
			assertThatExceptionOfType(JwtValidationException.class)
				.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA), expect(NOW)))
				.matches(JwtValidationException::isSignatureFailure);
		}
	}

	@Test
	void expiredTokenIsRejectedAfterTheClockSkewLeeway() throws Exception {
		String token = RSA.sign(claims(NOW.minusSeconds(30)));
		assertThat(JwtValidator.validate(token, keysOf(RSA), expect(NOW))).isNotNull();
		String older = RSA.sign(claims(NOW.minusSeconds(61)));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(older, keysOf(RSA), expect(NOW)))
			.withMessage("invalid expiration time (exp) claim: token is expired");
	}

	@Test
	void clockSkewLeewayCanBeDisabledOrWidened() throws Exception {
		String token = RSA.sign(claims(NOW.minusSeconds(30)));
		JwtExpectations none = new JwtExpectations(null, null, List.of(), Set.of(), 0, 0, -1, false, NOW);
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA), none))
			.withMessageContaining("token is expired");
		String old = RSA.sign(claims(NOW.minusSeconds(250)));
		JwtExpectations wide = new JwtExpectations(null, null, List.of(), Set.of(), 0, 0, 300, false, NOW);
		assertThat(JwtValidator.validate(old, keysOf(RSA), wide)).isNotNull();
	}

	@Test
	void tokenWithoutExpExpiresAfterTheExpirationLeeway() throws Exception {
		Map<String, Object> claims = new LinkedHashMap<>(Map.of("sub", "alice"));
		claims.put("iat", NOW.minusSeconds(200).getEpochSecond());
		String token = RSA.sign(claims);
		// iat + 150 s default expiration leeway + 60 s clock skew > now - 200 s
		assertThat(JwtValidator.validate(token, keysOf(RSA), expect(NOW))).isNotNull();
		claims.put("iat", NOW.minusSeconds(211).getEpochSecond());
		String older = RSA.sign(claims);
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(older, keysOf(RSA), expect(NOW)))
			.withMessageContaining("token is expired");
	}

	@Test
	void tokenWithOnlyExpStartsOneExpirationLeewayBeforeExp() throws Exception {
		// Vault's validator derives a missing nbf as exp minus the not-before leeway (150 s)
		String soon = RSA.sign(Map.of("sub", "alice", "exp", NOW.plusSeconds(200).getEpochSecond()));
		assertThat(JwtValidator.validate(soon, keysOf(RSA), expect(NOW))).isNotNull();
		String later = RSA.sign(Map.of("sub", "alice", "exp", NOW.plusSeconds(3600).getEpochSecond()));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(later, keysOf(RSA), expect(NOW)))
			.withMessage("invalid not before (nbf) claim: token not yet valid");
	}

	@Test
	void rejectsNotYetValidAndFutureIssuedTokens() {
		Map<String, Object> nbf = new LinkedHashMap<>(claims(NOW.plusSeconds(600)));
		nbf.remove("iat");
		nbf.put("nbf", NOW.plusSeconds(120).getEpochSecond());
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(RSA.sign(nbf), keysOf(RSA), expect(NOW)))
			.withMessage("invalid not before (nbf) claim: token not yet valid");
		Map<String, Object> iat = new LinkedHashMap<>(claims(NOW.plusSeconds(600)));
		iat.put("iat", NOW.plusSeconds(120).getEpochSecond());
		iat.put("nbf", NOW.getEpochSecond());
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(RSA.sign(iat), keysOf(RSA), expect(NOW)))
			.withMessage("invalid issued at (iat) claim: token issued in the future");
	}

	@Test
	void requiresATimeClaimUnlessAllowed() throws Exception {
		String token = RSA.sign(Map.of("sub", "alice"));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA), expect(NOW)))
			.withMessage("no issued at (iat), not before (nbf), or expiration time (exp) claims in token");
		JwtExpectations lenient = new JwtExpectations(null, null, List.of(), Set.of(), 0, 0, 0, true, NOW);
		assertThat(JwtValidator.validate(token, keysOf(RSA), lenient)).isNotNull();
	}

	@Test
	void checksIssuerSubjectAndAudience() throws Exception {
		String token = RSA.sign(claims(NOW.plusSeconds(300)));
		assertThat(JwtValidator.validate(token, keysOf(RSA),
				new JwtExpectations("https://issuer", "alice", List.of("x", "vault"), Set.of(), 0, 0, 0, false, NOW)))
			.isNotNull();
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA),
					new JwtExpectations("https://other", null, List.of(), Set.of(), 0, 0, 0, false, NOW)))
			.withMessage("invalid issuer (iss) claim");
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA),
					new JwtExpectations(null, "bob", List.of(), Set.of(), 0, 0, 0, false, NOW)))
			.withMessage("invalid subject (sub) claim");
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, keysOf(RSA),
					new JwtExpectations(null, null, List.of("other"), Set.of(), 0, 0, 0, false, NOW)))
			.withMessage("invalid audience (aud) claim: audience claim does not match any expected audience");
	}

	@Test
	void skipsKeysWithAnotherKeyId() throws Exception {
		String token = RSA.sign(claims(NOW.plusSeconds(300)));
		List<KeyWithId> keys = List.of(new KeyWithId("other", OTHER_RSA.publicKey()),
				new KeyWithId(RSA.keyId(), RSA.publicKey()));
		assertThat(JwtValidator.validate(token, keys, expect(NOW))).isNotNull();
		List<KeyWithId> wrongKid = List.of(new KeyWithId("other", RSA.publicKey()));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> JwtValidator.validate(token, wrongKid, expect(NOW)))
			.matches(JwtValidationException::isSignatureFailure);
	}

	@Test
	void pemParsingRejectsGarbageAndAcceptsCertificates() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> PublicKeys.parsePem("nope"))
			.withMessage("data does not contain any valid RSA or ECDSA public keys");
		assertThat(PublicKeys.parsePem(TestCertificates.pem("ca.pem")).getAlgorithm()).isEqualTo("RSA");
	}

	@Test
	void minterToStringRevealsNoKey() {
		assertThat(RSA.toString()).doesNotContain("PRIVATE").contains(RSA.keyId());
	}

	static Map<String, Object> claims(Instant expiry) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", "https://issuer");
		claims.put("sub", "alice");
		claims.put("aud", List.of("vault"));
		claims.put("iat", NOW.minusSeconds(10).getEpochSecond());
		claims.put("exp", expiry.getEpochSecond());
		return claims;
	}

	private static JwtExpectations expect(Instant now) {
		return new JwtExpectations(null, null, List.of(), Set.of(), 0, 0, 0, false, now);
	}

	private static List<KeyWithId> keysOf(JwtMinter minter) {
		return List.of(new KeyWithId(null, minter.publicKey()));
	}

	private static String unsigned(String header, String payload) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
	}

}
