package dev.vaultkv.operations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.kv.SecretData;

/**
 * SHA-256 digests of a secret's values by key, so that changed keys can be told without keeping values.
 * A value is digested as its canonical JSON: compact, object keys sorted at every level, so that the same
 * value read from Vault or from the embedded server always gives the same digest.
 */
final class ValueHashes {

	static final String PREFIX = "sha256:";

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private ValueHashes() {
	}

	static Map<String, String> of(@Nullable SecretData data) {
		if (data == null) {
			return Map.of();
		}
		Map<String, String> hashes = new TreeMap<>();
		for (String key : data.keys()) {
			hashes.put(key, hash(data.getJson(key)));
		}
		return hashes;
	}

	static Set<String> changedKeys(Map<String, String> seen, Map<String, String> current) {
		Set<String> keys = new HashSet<>(seen.keySet());
		keys.addAll(current.keySet());
		keys.removeIf((key) -> Objects.equals(seen.get(key), current.get(key)));
		return Set.copyOf(keys);
	}

	static String hash(@Nullable JsonNode value) {
		String canonical = MAPPER.writeValueAsString(canonical(value));
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return PREFIX + HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static JsonNode canonical(@Nullable JsonNode value) {
		if (value == null || value.isMissingNode()) {
			return JsonNodeFactory.instance.nullNode();
		}
		if (value.isObject()) {
			ObjectNode sorted = JsonNodeFactory.instance.objectNode();
			Map<String, JsonNode> properties = new TreeMap<>();
			value.properties().forEach((property) -> properties.put(property.getKey(), property.getValue()));
			properties.forEach((key, child) -> sorted.set(key, canonical(child)));
			return sorted;
		}
		if (value.isArray()) {
			ArrayNode array = JsonNodeFactory.instance.arrayNode();
			value.forEach((element) -> array.add(canonical(element)));
			return array;
		}
		return value;
	}

}
