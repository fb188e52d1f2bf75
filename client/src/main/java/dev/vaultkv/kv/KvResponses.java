package dev.vaultkv.kv;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.vaultkv.client.MalformedResponseException;

/**
 * Parses the KV v2 parts of Vault's answers: version metadata, key metadata and engine configuration.
 */
final class KvResponses {

	private KvResponses() {
	}

	static VersionMetadata versionMetadata(JsonNode node, String path) {
		requireObject(node, "metadata", path);
		return versionMetadata(node, longValue(node, "version", path), path);
	}

	private static VersionMetadata versionMetadata(JsonNode node, long version, String path) {
		return new VersionMetadata(version, instant(node, "created_time", path), instant(node, "deletion_time", path),
				node.path("destroyed").asBoolean(false), stringMap(node.get("custom_metadata"), path));
	}

	static KeyMetadata keyMetadata(JsonNode data, String path) {
		requireObject(data, "data", path);
		Map<String, String> customMetadata = stringMap(data.get("custom_metadata"), path);
		Map<Long, VersionMetadata> versions = new LinkedHashMap<>();
		JsonNode versionsNode = data.get("versions");
		if (versionsNode != null && versionsNode.isObject()) {
			for (Map.Entry<String, JsonNode> entry : versionsNode.properties()) {
				long version;
				try {
					version = Long.parseLong(entry.getKey());
				}
				catch (NumberFormatException ex) {
					throw malformed("a version key '" + entry.getKey() + "' that is not a number", path);
				}
				requireObject(entry.getValue(), "versions." + entry.getKey(), path);
				versions.put(version, versionMetadata(entry.getValue(), version, path));
			}
		}
		return new KeyMetadata(longValue(data, "current_version", path), data.path("oldest_version").asLong(0),
				data.path("max_versions").asInt(0), data.path("cas_required").asBoolean(false),
				duration(data, "delete_version_after", path), instant(data, "created_time", path),
				instant(data, "updated_time", path), customMetadata, versions);
	}

	static KvEngineConfig engineConfig(JsonNode data, String path) {
		requireObject(data, "data", path);
		return new KvEngineConfig(data.path("max_versions").asInt(0), data.path("cas_required").asBoolean(false),
				duration(data, "delete_version_after", path));
	}

	static List<String> keys(JsonNode data, String path) {
		JsonNode keys = data.get("keys");
		if (keys == null || keys.isNull()) {
			return List.of();
		}
		if (!keys.isArray()) {
			throw malformed("'keys' that is not a list", path);
		}
		if (keys.valueStream().anyMatch((key) -> !key.isString())) {
			throw malformed("'keys' with an entry that is not a string", path);
		}
		return keys.valueStream().map(JsonNode::stringValue).sorted().toList();
	}

	static @Nullable Instant instant(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || (value.isString() && value.stringValue().isEmpty())) {
			return null;
		}
		if (!value.isString()) {
			throw malformed("'" + field + "' that is not a timestamp", path);
		}
		return parseInstant(value.stringValue(), field, path);
	}

	private static Instant parseInstant(String text, String field, String path) {
		try {
			return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw malformed("'" + field + "' that is not an RFC 3339 timestamp", path);
		}
	}

	static Duration duration(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return Duration.ZERO;
		}
		if (value.isNumber()) {
			return Duration.ofSeconds(value.asLong());
		}
		if (!value.isString()) {
			throw malformed("'" + field + "' that is not a duration", path);
		}
		try {
			return GoDurations.parse(value.asString());
		}
		catch (IllegalArgumentException ex) {
			throw malformed("'" + field + "' that is not a duration", path);
		}
	}

	static Map<String, String> stringMap(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw malformed("'custom_metadata' that is not an object", path);
		}
		Map<String, String> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode value = entry.getValue();
			if (value.isNull()) {
				continue;
			}
			if (!value.isValueNode()) {
				throw malformed("a 'custom_metadata' value that is not a string", path);
			}
			map.put(entry.getKey(), value.asString());
		}
		return map;
	}

	private static long longValue(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || !value.isNumber()) {
			throw malformed("no numeric '" + field + "'", path);
		}
		return value.asLong();
	}

	private static void requireObject(@Nullable JsonNode node, String field, String path) {
		if (node == null || !node.isObject()) {
			throw malformed("no '" + field + "' object", path);
		}
	}

	static MalformedResponseException malformed(String what, String path) {
		return new MalformedResponseException("Vault's answer for '" + path + "' has " + what, null, path, 0,
				List.of(), null);
	}

}
