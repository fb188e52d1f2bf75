package dev.vaultkv.samples.quickstart;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vaultkv.secret.Secret;
import dev.vaultkv.secret.SecretValue;

/**
 * Shows that the secrets arrived without showing them: lengths and short fingerprints only.
 */
@RestController
class SecretsController {

	private final DatabaseSettings database;

	@Secret("quickstart/api")
	private char[] apiKey;

	@Secret("quickstart/rotating")
	private SecretValue<String> rotating;

	SecretsController(DatabaseSettings database) {
		this.database = database;
	}

	@GetMapping("/")
	Map<String, Object> secrets() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("database", Map.of("url", this.database.url(), "username", this.database.username(), "password",
				describe(this.database.password())));
		body.put("apiKey", describe(new String(this.apiKey)));
		body.put("rotating", describe(this.rotating.get()));
		return body;
	}

	private static Map<String, Object> describe(String secret) {
		return Map.of("length", secret.length(), "sha256", fingerprint(secret));
	}

	private static String fingerprint(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
