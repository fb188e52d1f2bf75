package dev.vaultkv.embedded.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed, not yet verified, compact JWS.
 *
 * @param header the JOSE header
 * @param claims the claims
 * @param signingInput the bytes the signature covers
 * @param signature the signature bytes
 * @author vaultkv
 */
record Jwt(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {

	static Jwt parse(String token) throws JwtValidationException {
		String[] parts = token.trim().split("\\.", -1);
		if (parts.length != 3) {
			throw malformed("compact JWS format must have three parts");
		}
		ObjectNode header = decodeObject(parts[0], "header");
		ObjectNode claims = decodeObject(parts[1], "payload");
		byte[] signature = decode(parts[2], "signature");
		byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
		return new Jwt(header, claims, signingInput, signature);
	}

	@Nullable String algorithm() {
		JsonNode alg = this.header.get("alg");
		return (alg != null && alg.isString()) ? alg.stringValue() : null;
	}

	@Nullable String keyId() {
		JsonNode kid = this.header.get("kid");
		return (kid != null && kid.isString()) ? kid.stringValue() : null;
	}

	private static ObjectNode decodeObject(String part, String what) throws JwtValidationException {
		byte[] json = decode(part, what);
		try {
			JsonNode node = Json.MAPPER.readTree(json);
			if (node instanceof ObjectNode object) {
				return object;
			}
		}
		catch (JacksonException ex) {
			// reported below
		}
		throw malformed("the " + what + " is not a JSON object");
	}

	private static byte[] decode(String part, String what) throws JwtValidationException {
		try {
			return Base64.getUrlDecoder().decode(part);
		}
		catch (IllegalArgumentException ex) {
			throw malformed("the " + what + " is not base64url encoded");
		}
	}

	private static JwtValidationException malformed(String reason) {
		return new JwtValidationException("error verifying token signature: malformed token: " + reason);
	}

}
