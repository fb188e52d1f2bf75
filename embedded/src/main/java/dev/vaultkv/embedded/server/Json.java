package dev.vaultkv.embedded.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON mapper and small node helpers shared by the server.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class Json {

	/**
	 * The shared mapper.
	 * @since 0.1.0
	 */
	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/**
	 * Create an empty object node.
	 * @return the node
	 * @since 0.1.0
	 */
	public static ObjectNode object() {
		return JsonNodeFactory.instance.objectNode();
	}

	/**
	 * Create an array node holding strings.
	 * @param values the strings
	 * @return the node
	 * @since 0.1.0
	 */
	public static ArrayNode strings(Collection<String> values) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		values.forEach(array::add);
		return array;
	}

	/**
	 * Create an object node from a string map, or a JSON null node for an empty or absent map.
	 * @param map the map
	 * @param nullIfEmpty whether an empty map renders as {@code null}
	 * @return the node
	 * @since 0.1.0
	 */
	public static JsonNode stringMap(@Nullable Map<String, String> map, boolean nullIfEmpty) {
		if (map == null || (map.isEmpty() && nullIfEmpty)) {
			return JsonNodeFactory.instance.nullNode();
		}
		ObjectNode node = object();
		map.forEach(node::put);
		return node;
	}

	/**
	 * Read a string list parameter: a JSON array or a comma-separated text.
	 * @param node the node, possibly {@code null}
	 * @return the values, trimmed, without empty ones; {@code null} if absent
	 * @since 0.1.0
	 */
	public static @Nullable List<String> stringList(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			for (JsonNode element : node) {
				add(values, element.asString());
			}
		}
		else {
			for (String part : node.asString().split(",")) {
				add(values, part);
			}
		}
		return values;
	}

	private static void add(List<String> values, String value) {
		String trimmed = value.trim();
		if (!trimmed.isEmpty()) {
			values.add(trimmed);
		}
	}

	/**
	 * Read a string map parameter (values converted to text).
	 * @param node the node, possibly {@code null}
	 * @return the map, empty if absent
	 * @since 0.1.0
	 */
	public static Map<String, String> toStringMap(@Nullable JsonNode node) {
		Map<String, String> map = new LinkedHashMap<>();
		if (node != null && node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				map.put(entry.getKey(), entry.getValue().asString());
			}
		}
		return map;
	}

	/**
	 * Read a boolean parameter the way Go's {@code strconv.ParseBool} and Vault's field parser do.
	 * @param node the node, possibly {@code null}
	 * @param defaultValue the value if absent
	 * @return the value
	 * @throws IllegalArgumentException if the value is not a boolean
	 * @since 0.1.0
	 */
	public static boolean bool(@Nullable JsonNode node, boolean defaultValue) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return defaultValue;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		Boolean parsed = parseBool(node.asString());
		if (parsed == null) {
			throw new IllegalArgumentException("cannot parse '" + node.asString() + "' as bool");
		}
		return parsed;
	}

	/**
	 * Parse a boolean like Go's {@code strconv.ParseBool}.
	 * @param text the text
	 * @return the value, or {@code null} if it is not a boolean
	 * @since 0.1.0
	 */
	public static @Nullable Boolean parseBool(String text) {
		return switch (text) {
			case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
			case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
			default -> null;
		};
	}

}
