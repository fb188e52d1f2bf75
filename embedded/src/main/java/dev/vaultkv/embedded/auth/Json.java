package dev.vaultkv.embedded.auth;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON mapper shared by the auth methods.
 *
 * @author vaultkv
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	static ArrayNode array(Iterable<String> values) {
		ArrayNode array = MAPPER.createArrayNode();
		values.forEach(array::add);
		return array;
	}

	/**
	 * Whether a parameter is an empty list: {@code []}, or an empty or blank comma-separated string.
	 */
	static boolean isEmptyList(JsonNode value) {
		if (value.isArray()) {
			return value.isEmpty();
		}
		return value.isNull() || (value.isString() && value.asString().replace(",", "").isBlank());
	}

}
