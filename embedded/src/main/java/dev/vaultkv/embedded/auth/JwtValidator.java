package dev.vaultkv.embedded.auth;

import java.util.ArrayList;
import java.util.List;

import dev.vaultkv.embedded.auth.PublicKeys.KeyWithId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies a JWT signature against a set of public keys and checks its registered claims, in the order and
 * with the messages of Vault's validator: signature, algorithm, {@code iss}, {@code sub}, {@code aud}, then
 * the time claims.
 *
 * @author vaultkv
 */
final class JwtValidator {

	private JwtValidator() {
	}

	/**
	 * Validate a token.
	 * @param token the compact JWS
	 * @param keys the candidate verification keys
	 * @param expected the claim expectations
	 * @return the verified claims
	 * @throws JwtValidationException if the token is invalid
	 */
	static ObjectNode validate(String token, List<KeyWithId> keys, JwtExpectations expected)
			throws JwtValidationException {
		Jwt jwt = Jwt.parse(token);
		JwsAlgorithm algorithm = JwsAlgorithm.of(jwt.algorithm());
		if (algorithm == null) {
			throw new JwtValidationException(
					"error verifying token signature: unexpected signature algorithm \"" + jwt.algorithm() + "\"");
		}
		if (!verifySignature(jwt, algorithm, keys)) {
			throw new JwtValidationException(
					"error verifying token signature: no known key successfully validated the token signature");
		}
		if (!expected.algorithms().isEmpty() && !expected.algorithms().contains(algorithm)) {
			throw new JwtValidationException(
					"invalid algorithm (alg) header parameter: token signed with unexpected algorithm");
		}
		ObjectNode claims = jwt.claims();
		if (expected.issuer() != null && !expected.issuer().isEmpty()
				&& !expected.issuer().equals(stringClaim(claims, "iss"))) {
			throw new JwtValidationException("invalid issuer (iss) claim");
		}
		if (expected.subject() != null && !expected.subject().isEmpty()
				&& !expected.subject().equals(stringClaim(claims, "sub"))) {
			throw new JwtValidationException("invalid subject (sub) claim");
		}
		if (!expected.audiences().isEmpty()
				&& audiences(claims).stream().noneMatch(expected.audiences()::contains)) {
			throw new JwtValidationException(
					"invalid audience (aud) claim: audience claim does not match any expected audience");
		}
		checkTimes(claims, expected);
		return claims;
	}

	static boolean verifySignature(Jwt jwt, JwsAlgorithm algorithm, List<KeyWithId> keys) {
		String kid = jwt.keyId();
		for (KeyWithId key : keys) {
			if (kid != null && key.kid() != null && !kid.equals(key.kid())) {
				continue;
			}
			if (algorithm.verify(key.key(), jwt.signingInput(), jwt.signature())) {
				return true;
			}
		}
		return false;
	}

	private static void checkTimes(ObjectNode claims, JwtExpectations expected) throws JwtValidationException {
		long iat = timeClaim(claims, "iat");
		long exp = timeClaim(claims, "exp");
		long nbf = timeClaim(claims, "nbf");
		if (iat == 0 && exp == 0 && nbf == 0) {
			if (expected.allowMissingTimeClaims()) {
				return;
			}
			throw new JwtValidationException(
					"no issued at (iat), not before (nbf), or expiration time (exp) claims in token");
		}
		if (exp == 0) {
			exp = Math.max(iat, nbf) + expected.effectiveExpirationLeeway();
		}
		if (nbf == 0) {
			nbf = (iat != 0) ? iat : exp - expected.effectiveNotBeforeLeeway();
		}
		long skewMillis = expected.effectiveClockSkew() * 1000;
		long now = expected.now().toEpochMilli();
		if (now + skewMillis < nbf * 1000) {
			throw new JwtValidationException("invalid not before (nbf) claim: token not yet valid");
		}
		if (now - skewMillis > exp * 1000) {
			throw new JwtValidationException("invalid expiration time (exp) claim: token is expired");
		}
		if (iat != 0 && now + skewMillis < iat * 1000) {
			throw new JwtValidationException("invalid issued at (iat) claim: token issued in the future");
		}
	}

	private static long timeClaim(ObjectNode claims, String name) throws JwtValidationException {
		JsonNode value = claims.get(name);
		if (value == null || value.isNull()) {
			return 0;
		}
		if (!value.isNumber()) {
			throw new JwtValidationException("invalid claims: \"" + name + "\" is not a numeric date");
		}
		return value.asLong();
	}

	static @Nullable String stringClaim(ObjectNode claims, String name) {
		JsonNode value = claims.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/**
	 * The {@code aud} claim as a list ({@code aud} may be a single string).
	 */
	static List<String> audiences(ObjectNode claims) {
		JsonNode aud = claims.get("aud");
		List<String> audiences = new ArrayList<>();
		if (aud == null || aud.isNull()) {
			return audiences;
		}
		if (aud.isArray()) {
			aud.forEach((element) -> audiences.add(element.asString()));
		}
		else if (aud.isString() && !aud.stringValue().isEmpty()) {
			audiences.add(aud.stringValue());
		}
		return audiences;
	}

}
