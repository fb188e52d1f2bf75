package dev.vaultkv.samples.approle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.secret.Secret;
import dev.vaultkv.secret.SecretValue;

/**
 * Shows that the secret arrived without showing it (its length and a short SHA-256 fingerprint), and when
 * the current Vault token was obtained and expires, so that renewals and re-logins can be watched.
 */
@RestController
class SecretController {

	private final SessionManager sessionManager;

	@Secret("renewal/demo:api-key")
	private SecretValue<String> apiKey;

	SecretController(SessionManager sessionManager) {
		this.sessionManager = sessionManager;
	}

	@GetMapping("/")
	Map<String, Object> overview() {
		Map<String, Object> body = new LinkedHashMap<>();
		String apiKey = this.apiKey.get();
		body.put("apiKey", Map.of("length", apiKey.length(), "sha256", fingerprint(apiKey)));
		TokenState token = this.sessionManager.getTokenState();
		if (token != null) {
			Map<String, Object> tokenBody = new LinkedHashMap<>();
			tokenBody.put("obtainedAt", token.obtainedAt().toString());
			tokenBody.put("expiresAt", (token.expiresAt() != null) ? token.expiresAt().toString() : "never");
			tokenBody.put("renewable", token.renewable());
			body.put("token", tokenBody);
		}
		return body;
	}

	/**
	 * Return the first four bytes of the value's SHA-256 digest, in hex: enough to tell two values apart,
	 * too little to learn anything about a value.
	 * @param value the value
	 * @return eight hex digits
	 */
	static String fingerprint(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
