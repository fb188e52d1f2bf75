package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to request parameters with the conversions and errors of Vault's field schema: booleans and
 * numbers may arrive as strings (query parameters), lists as JSON arrays or comma-separated strings.
 *
 * @author vaultkv
 */
final class Params {

	private final ObjectNode data;

	Params(ObjectNode data) {
		this.data = data;
	}

	ObjectNode copyData() {
		return this.data.deepCopy();
	}

	boolean has(String name) {
		JsonNode node = this.data.get(name);
		return node != null && !node.isNull() && !node.isMissingNode();
	}

	@Nullable JsonNode node(String name) {
		return has(name) ? this.data.get(name) : null;
	}

	@Nullable String string(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return null;
		}
		if (!node.isValueNode()) {
			throw invalid(name, "expected a string");
		}
		return node.asString();
	}

	String string(String name, String defaultValue) {
		String value = string(name);
		return (value != null) ? value : defaultValue;
	}

	@Nullable Boolean bool(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isNumber()) {
			return node.asLong() != 0;
		}
		if (node.isString()) {
			switch (node.stringValue().trim().toLowerCase(Locale.ROOT)) {
				case "1", "t", "true" -> {
					return true;
				}
				case "0", "f", "false", "" -> {
					return false;
				}
				default -> {
				}
			}
		}
		throw invalid(name, "expected a boolean");
	}

	boolean bool(String name, boolean defaultValue) {
		Boolean value = bool(name);
		return (value != null) ? value : defaultValue;
	}

	@Nullable Integer integer(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToInt()) {
			return node.intValue();
		}
		if (node.isString()) {
			try {
				return Integer.parseInt(node.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				// fall through
			}
		}
		throw invalid(name, "expected an integer");
	}

	@Nullable Duration duration(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return null;
		}
		if (node.isIntegralNumber()) {
			return Duration.ofSeconds(node.longValue());
		}
		if (node.isNumber()) {
			return Duration.ofMillis((long) (node.doubleValue() * 1000));
		}
		if (node.isString()) {
			try {
				return GoDurations.parse(node.stringValue());
			}
			catch (IllegalArgumentException ex) {
				throw invalid(name, ex.getMessage());
			}
		}
		throw invalid(name, "expected a duration");
	}

	/**
	 * A list of strings, from a JSON array or a comma-separated string; values are trimmed and empty ones
	 * dropped.
	 */
	@Nullable List<String> stringList(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return null;
		}
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			for (JsonNode element : node) {
				if (!element.isValueNode()) {
					throw invalid(name, "expected a list of strings");
				}
				addTrimmed(values, element.asString());
			}
		}
		else if (node.isValueNode()) {
			for (String part : node.asString().split(",")) {
				addTrimmed(values, part);
			}
		}
		else {
			throw invalid(name, "expected a list of strings");
		}
		return values;
	}

	private static void addTrimmed(List<String> values, String value) {
		String trimmed = value.trim();
		if (!trimmed.isEmpty()) {
			values.add(trimmed);
		}
	}

	/**
	 * A map of string values, from a JSON object or a string holding a JSON object.
	 */
	@Nullable Map<String, String> stringMap(String name) {
		JsonNode node = object(name);
		if (node == null) {
			return null;
		}
		Map<String, String> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (!entry.getValue().isValueNode()) {
				throw invalid(name, "expected a map of strings");
			}
			map.put(entry.getKey(), entry.getValue().asString());
		}
		return map;
	}

	/**
	 * A JSON object, given as an object or a string holding one.
	 */
	@Nullable ObjectNode object(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			String text = node.stringValue().trim();
			if (text.isEmpty()) {
				return Json.object();
			}
			try {
				node = Json.MAPPER.readTree(text);
			}
			catch (JacksonException ex) {
				throw invalid(name, "expected a JSON object");
			}
		}
		if (!(node instanceof ObjectNode object)) {
			throw invalid(name, "expected a JSON object");
		}
		return object;
	}

	private static AuthRequestException invalid(String name, String reason) {
		return AuthRequestException
			.badRequest("Field validation failed: error converting input for field \"" + name + "\": " + reason);
	}

}
