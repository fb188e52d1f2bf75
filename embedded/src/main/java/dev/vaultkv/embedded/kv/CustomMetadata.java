package dev.vaultkv.embedded.kv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parsing and validation of a key's {@code custom_metadata} with Vault's limits and messages.
 *
 * @author vaultkv
 */
final class CustomMetadata {

	static final String PREFIX = "custom_metadata validation failed";

	static final int MAX_KEYS = 64;

	static final int MAX_KEY_LENGTH = 128;

	static final int MAX_VALUE_LENGTH = 512;

	private CustomMetadata() {
	}

	/**
	 * Coerce the values to strings as Vault's weak decoding does ({@code true} becomes {@code "1"}).
	 * @param raw the map, {@code null} for none
	 * @param skipNulls whether {@code null} values are left out (patch) rather than read as {@code ""}
	 * @return the string map
	 */
	static Map<String, String> parse(@Nullable ObjectNode raw, boolean skipNulls) {
		Map<String, String> result = new LinkedHashMap<>();
		if (raw == null) {
			return result;
		}
		for (Map.Entry<String, JsonNode> member : raw.properties()) {
			JsonNode value = member.getValue();
			if (value.isNull() && skipNulls) {
				continue;
			}
			result.put(member.getKey(), coerce(value));
		}
		return result;
	}

	/**
	 * The merge patch of a {@code custom_metadata} patch: {@code null} values remove their key.
	 */
	static Map<String, @Nullable String> parsePatch(ObjectNode raw) {
		Map<String, @Nullable String> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : raw.properties()) {
			JsonNode value = member.getValue();
			result.put(member.getKey(), value.isNull() ? null : coerce(value));
		}
		return result;
	}

	private static String coerce(JsonNode value) {
		if (value.isNull()) {
			return "";
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isBoolean()) {
			return value.booleanValue() ? "1" : "0";
		}
		if (value.isNumber()) {
			return value.toString();
		}
		String type = value.isObject() ? "map[string]interface {}" : "[]interface {}";
		throw new KvRequestException(PREFIX + ": '' expected type 'string', got unconvertible type '" + type
				+ "', value: '" + value + "'");
	}

	/**
	 * Check the limits: at most 64 keys, keys of 1 to 128 bytes, values of 1 to 512 bytes, printable text.
	 * @throws KvRequestException with every violation, formatted as Vault's multi-error
	 */
	static void validate(Map<String, String> customMetadata) {
		if (customMetadata.size() > MAX_KEYS) {
			throw new KvRequestException(multiError(List.of(PREFIX + ": payload must contain at most " + MAX_KEYS
					+ " keys, provided " + customMetadata.size())));
		}
		List<String> errors = new ArrayList<>();
		new TreeMap<>(customMetadata).forEach((key, value) -> {
			int keyLength = key.getBytes(StandardCharsets.UTF_8).length;
			if (keyLength == 0 || keyLength > MAX_KEY_LENGTH) {
				errors.add(PREFIX + ": length of key " + GoStrings.quote(key) + " is " + keyLength
						+ " but must be 0 < len(key) <= " + MAX_KEY_LENGTH);
			}
			int valueLength = value.getBytes(StandardCharsets.UTF_8).length;
			if (valueLength == 0 || valueLength > MAX_VALUE_LENGTH) {
				errors.add(PREFIX + ": length of value for key " + GoStrings.quote(key) + " is " + valueLength
						+ " but must be 0 < len(value) <= " + MAX_VALUE_LENGTH);
			}
			if (!GoStrings.isPrintable(key)) {
				errors.add(PREFIX + ": key " + GoStrings.quote(key) + " (" + key + ") contains unprintable characters");
			}
			if (!GoStrings.isPrintable(value)) {
				errors.add(PREFIX + ": value for key " + GoStrings.quote(key) + " contains unprintable characters");
			}
		});
		if (!errors.isEmpty()) {
			throw new KvRequestException(multiError(errors));
		}
	}

	/**
	 * Go's {@code hashicorp/go-multierror} rendering.
	 */
	static String multiError(List<String> errors) {
		StringBuilder text = new StringBuilder();
		text.append(errors.size()).append((errors.size() == 1) ? " error occurred:\n" : " errors occurred:\n");
		for (String error : errors) {
			text.append("\t* ").append(error).append('\n');
		}
		return text.append('\n').toString();
	}

}
