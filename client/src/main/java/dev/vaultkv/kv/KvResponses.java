package dev.vaultkv.kv;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
			return timestamp(text);
		}
		catch (DateTimeParseException ex) {
			throw malformed("'" + field + "' that is not an RFC 3339 timestamp", path);
		}
	}

	/**
	 * Parse an RFC 3339 timestamp as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does. The shape Vault
	 * writes ({@code 2018-03-22T02:24:06.945319214Z}, Go's {@code RFC3339Nano}, or with a {@code +hh:mm}
	 * offset) is read directly, which on a cold read costs a small fraction of the formatter's parse;
	 * anything else goes to the formatter, which accepts or rejects it as before.
	 * @param text the timestamp
	 * @return the instant
	 * @throws DateTimeParseException if it is not an RFC 3339 timestamp
	 */
	static Instant timestamp(String text) {
		Instant instant = commonTimestamp(text);
		return (instant != null) ? instant
				: OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
	}

	/**
	 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:MM|-HH:MM)}, or {@code null} for any other text or a
	 * field out of range (left to the formatter, which then explains it).
	 */
	private static @Nullable Instant commonTimestamp(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if ((year | month | day | hour | minute | second) < 0) {
			return null;
		}
		int index = 19;
		int nanos = 0;
		if (text.charAt(index) == '.') {
			int start = ++index;
			while (index < length && index - start < 9 && isDigit(text.charAt(index))) {
				nanos = nanos * 10 + (text.charAt(index) - '0');
				index++;
			}
			int count = index - start;
			if (count == 0) {
				return null;
			}
			for (int i = count; i < 9; i++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (index == length - 1 && text.charAt(index) == 'Z') {
			offsetSeconds = 0;
		}
		else if (index == length - 6 && (text.charAt(index) == '+' || text.charAt(index) == '-')
				&& text.charAt(index + 3) == ':') {
			int offsetHours = digits(text, index + 1, 2);
			int offsetMinutes = digits(text, index + 4, 2);
			if ((offsetHours | offsetMinutes) < 0 || offsetHours > 18 || offsetMinutes > 59) {
				return null;
			}
			offsetSeconds = ((text.charAt(index) == '-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
		}
		else {
			return null;
		}
		try {
			return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
				.toInstant((offsetSeconds != 0) ? ZoneOffset.ofTotalSeconds(offsetSeconds) : ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * The value of {@code count} decimal digits from {@code start}, or -1 if one is not a digit.
	 */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
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
