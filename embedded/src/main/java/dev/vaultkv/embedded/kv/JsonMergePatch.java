package dev.vaultkv.embedded.kv;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7386): objects merge member by member, {@code null} removes a member, anything else
 * replaces the target.
 *
 * @author vaultkv
 */
final class JsonMergePatch {

	private JsonMergePatch() {
	}

	/**
	 * Apply a patch without modifying the target.
	 * @param target the document to patch
	 * @param patch the patch
	 * @return the patched document
	 */
	static JsonNode apply(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch.deepCopy();
		}
		ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy()
				: JsonNodeFactory.instance.objectNode();
		for (Map.Entry<String, JsonNode> member : patch.properties()) {
			JsonNode value = member.getValue();
			if (value.isNull()) {
				result.remove(member.getKey());
			}
			else {
				JsonNode existing = result.get(member.getKey());
				result.set(member.getKey(),
						apply((existing != null) ? existing : JsonNodeFactory.instance.nullNode(), value));
			}
		}
		return result;
	}

}
