package dev.vaultkv.embedded.kv;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The structure of a secret with every value replaced by {@code null} ({@code {m}/subkeys/{p}}).
 *
 * @author vaultkv
 */
final class Subkeys {

	private Subkeys() {
	}

	/**
	 * Strip the values of a secret.
	 * @param data the secret's data
	 * @param maxDepth the deepest level to descend into, {@code 0} for no limit; objects at that depth and
	 * empty objects become {@code null}
	 * @return the key structure
	 */
	static ObjectNode of(ObjectNode data, long maxDepth) {
		return strip(data, 1, maxDepth);
	}

	private static ObjectNode strip(JsonNode node, long depth, long maxDepth) {
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		for (Map.Entry<String, JsonNode> member : node.properties()) {
			JsonNode value = member.getValue();
			long childDepth = depth + 1;
			if (value.isObject() && value.size() > 0 && (maxDepth == 0 || childDepth <= maxDepth)) {
				result.set(member.getKey(), strip(value, childDepth, maxDepth));
			}
			else {
				result.putNull(member.getKey());
			}
		}
		return result;
	}

}
