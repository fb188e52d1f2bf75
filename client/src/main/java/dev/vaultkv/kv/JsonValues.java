package dev.vaultkv.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conversions between Vault's JSON values and plain Java values.
 */
final class JsonValues {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private JsonValues() {
	}

	static ObjectNode toObjectNode(Map<String, ?> map) {
		return MAPPER.valueToTree(map);
	}

	static @Nullable Object toJava(JsonNode node) {
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isArray()) {
			List<@Nullable Object> list = new ArrayList<>(node.size());
			node.forEach((element) -> list.add(toJava(element)));
			return Collections.unmodifiableList(list);
		}
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		node.properties().forEach((entry) -> map.put(entry.getKey(), toJava(entry.getValue())));
		return Collections.unmodifiableMap(map);
	}

	static @Nullable String toText(JsonNode node) {
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isValueNode()) {
			return node.asString();
		}
		return MAPPER.writeValueAsString(node);
	}

}
