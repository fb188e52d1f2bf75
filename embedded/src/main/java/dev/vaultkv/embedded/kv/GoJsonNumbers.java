package dev.vaultkv.embedded.kv;

import java.math.BigDecimal;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders JSON numbers as Vault's KV v2 returns them: decoded into Go {@code float64} and printed again,
 * so integers beyond 2^53 lose precision and {@code 1.0} reads back as {@code 1}.
 *
 * @author vaultkv
 */
final class GoJsonNumbers {

	private static final double PLAIN_LIMIT = 1e21;

	private GoJsonNumbers() {
	}

	/**
	 * A deep copy with every number passed through {@code float64}.
	 * @param node the stored JSON
	 * @return the JSON as Vault would print it
	 */
	static JsonNode asFloat64(JsonNode node) {
		if (node.isNumber()) {
			return float64(node);
		}
		if (node.isObject()) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				copy.set(member.getKey(), asFloat64(member.getValue()));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			for (JsonNode element : node.values()) {
				copy.add(asFloat64(element));
			}
			return copy;
		}
		return node.deepCopy();
	}

	private static JsonNode float64(JsonNode number) {
		double value = number.doubleValue();
		if (Double.isInfinite(value) || Double.isNaN(value)) {
			return number.deepCopy();
		}
		if (value == Math.rint(value) && Math.abs(value) < PLAIN_LIMIT) {
			BigDecimal exact = new BigDecimal(Double.toString(value));
			return JsonNodeFactory.instance.numberNode(exact.toBigInteger());
		}
		return JsonNodeFactory.instance.numberNode(value);
	}

}
