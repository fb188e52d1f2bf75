package dev.vaultkv.embedded.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Parses AppRole secret ID {@code metadata} like Vault's {@code ParseArbitraryKeyValues}: a JSON object of
 * strings (optionally base64 encoded) or comma-separated {@code key=value} pairs.
 *
 * @author vaultkv
 */
final class SecretIdMetadata {

	private SecretIdMetadata() {
	}

	/**
	 * Parse metadata.
	 * @param input the input ({@code ""} for none)
	 * @return the metadata
	 * @throws AuthRequestException (400) if the input is malformed
	 */
	static Map<String, String> parse(String input) {
		Map<String, String> metadata = new LinkedHashMap<>();
		String text = input.trim();
		if (text.isEmpty()) {
			return metadata;
		}
		String json = text;
		if (!text.startsWith("{")) {
			try {
				json = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8).trim();
			}
			catch (IllegalArgumentException ex) {
				json = null;
			}
		}
		if (json != null && json.startsWith("{")) {
			try {
				JsonNode node = Json.MAPPER.readTree(json);
				for (Map.Entry<String, JsonNode> entry : node.properties()) {
					if (!entry.getValue().isString()) {
						throw failed("value of key \"" + entry.getKey() + "\" is not a string");
					}
					metadata.put(entry.getKey(), entry.getValue().stringValue());
				}
				return metadata;
			}
			catch (JacksonException ex) {
				throw failed("invalid JSON");
			}
		}
		for (String pair : text.split(",")) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw failed("invalid key/value pair \"" + pair + "\"");
			}
			metadata.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
		}
		return metadata;
	}

	private static AuthRequestException failed(String reason) {
		return AuthRequestException.badRequest("failed to parse metadata: " + reason);
	}

}
