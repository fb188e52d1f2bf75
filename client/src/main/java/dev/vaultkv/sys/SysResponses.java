package dev.vaultkv.sys;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.vaultkv.client.MalformedResponseException;

/**
 * Parses the answers of Vault's system backend.
 */
final class SysResponses {

	private SysResponses() {
	}

	static HealthStatus health(JsonNode body) {
		JsonNode serverTime = body.get("server_time_utc");
		return new HealthStatus(body.path("initialized").asBoolean(false), body.path("sealed").asBoolean(false),
				body.path("standby").asBoolean(false), body.path("performance_standby").asBoolean(false),
				text(body, "replication_performance_mode"), text(body, "replication_dr_mode"),
				(serverTime != null && serverTime.isNumber()) ? Instant.ofEpochSecond(serverTime.asLong()) : null,
				text(body, "version"), text(body, "cluster_name"), text(body, "cluster_id"),
				body.path("enterprise").asBoolean(false), body.path("ha_connection_healthy").asBoolean(true));
	}

	static SealStatus sealStatus(JsonNode body) {
		String buildDate = text(body, "build_date");
		return new SealStatus(body.path("type").asString(""), body.path("initialized").asBoolean(false),
				body.path("sealed").asBoolean(false), body.path("t").asInt(0), body.path("n").asInt(0),
				body.path("progress").asInt(0), body.path("nonce").asString(""), body.path("version").asString(""),
				(buildDate != null) ? buildDate : text(body, "commit_date"), body.path("migration").asBoolean(false),
				body.path("recovery_seal").asBoolean(false), text(body, "storage_type"), text(body, "cluster_name"),
				text(body, "cluster_id"));
	}

	static Map<String, MountInfo> mounts(JsonNode data) {
		Map<String, MountInfo> mounts = new TreeMap<>();
		data.properties().forEach((entry) -> {
			if (entry.getValue().isObject() && entry.getValue().has("type")) {
				MountInfo mount = mount(trim(entry.getKey()), entry.getValue());
				mounts.put(mount.path(), mount);
			}
		});
		return mounts;
	}

	static MountInfo mount(String path, JsonNode entry) {
		JsonNode config = entry.path("config");
		return new MountInfo(trim(path), entry.path("type").asString(""), entry.path("description").asString(""),
				entry.path("accessor").asString(""), entry.path("local").asBoolean(false),
				entry.path("seal_wrap").asBoolean(false), options(entry.get("options")),
				new MountConfig(seconds(config, "default_lease_ttl"), seconds(config, "max_lease_ttl"),
						config.path("force_no_cache").asBoolean(false), text(config, "listing_visibility"),
						text(config, "token_type")));
	}

	static MountTune tune(JsonNode data) {
		return new MountTune(seconds(data, "default_lease_ttl"), seconds(data, "max_lease_ttl"),
				data.path("description").asString(""), options(data.get("options")));
	}

	static WrappingLookup wrappingLookup(JsonNode data, String path) {
		return new WrappingLookup(data.path("creation_path").asString(""), instant(data, "creation_time", path),
				seconds(data, "creation_ttl"));
	}

	static List<String> strings(@Nullable JsonNode node) {
		if (node == null || !node.isArray()) {
			return List.of();
		}
		return node.valueStream().map(JsonNode::asString).toList();
	}

	static Map<String, String> options(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			return Map.of();
		}
		Map<String, String> options = new LinkedHashMap<>();
		node.properties().forEach((entry) -> {
			if (!entry.getValue().isNull()) {
				options.put(entry.getKey(), entry.getValue().asString());
			}
		});
		return options;
	}

	private static Duration seconds(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return Duration.ZERO;
		}
		if (value.isNumber()) {
			return Duration.ofSeconds(value.asLong());
		}
		String text = value.asString().trim();
		try {
			return text.isEmpty() ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(text));
		}
		catch (NumberFormatException ex) {
			throw malformed("'" + field + "' that is not a number of seconds", null);
		}
	}

	private static @Nullable Instant instant(JsonNode node, String field, String path) {
		String text = text(node, field);
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw malformed("'" + field + "' that is not an RFC 3339 timestamp", path);
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	static String trim(String path) {
		String trimmed = path.startsWith("/") ? path.substring(1) : path;
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	static MalformedResponseException malformed(String what, @Nullable String path) {
		return new MalformedResponseException(
				"Vault's answer" + ((path != null) ? " for '" + path + "'" : "") + " has " + what, null, path, 0,
				List.of(), null);
	}

}
