package dev.vaultkv.operations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.kv.SecretData;

/**
 * SHA-256 digests of a secret's values by key, so that changed keys can be told without keeping values.
 */
final class ValueHashes {

	private ValueHashes() {
	}

	static Map<String, String> of(@Nullable SecretData data) {
		if (data == null) {
			return Map.of();
		}
		Map<String, String> hashes = new HashMap<>();
		for (String key : data.keys()) {
			hashes.put(key, hash(Objects.toString(data.getJson(key), "")));
		}
		return Map.copyOf(hashes);
	}

	static Set<String> changedKeys(Map<String, String> before, Map<String, String> after) {
		Set<String> keys = new HashSet<>(before.keySet());
		keys.addAll(after.keySet());
		keys.removeIf((key) -> Objects.equals(before.get(key), after.get(key)));
		return Set.copyOf(keys);
	}

	static String hash(String value) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
