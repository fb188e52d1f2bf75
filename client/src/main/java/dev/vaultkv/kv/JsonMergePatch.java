package dev.vaultkv.kv;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a JSON merge patch (RFC 7386) on the client, as Vault does for a KV version 2 {@code PATCH}:
 * a {@code null} removes a field, objects merge, anything else replaces.
 */
final class JsonMergePatch {

	private JsonMergePatch() {
	}

	/**
	 * Return a copy of the target with the patch applied.
	 * @param target the current fields, left unchanged
	 * @param patch the patch
	 * @return the merged fields
	 */
	static ObjectNode apply(ObjectNode target, ObjectNode patch) {
		ObjectNode merged = target.deepCopy();
		merge(merged, patch);
		return merged;
	}

	private static void merge(ObjectNode target, ObjectNode patch) {
		for (Map.Entry<String, JsonNode> entry : patch.properties()) {
			String name = entry.getKey();
			JsonNode value = entry.getValue();
			if (value.isNull()) {
				target.remove(name);
			}
			else if (value.isObject() && target.get(name) instanceof ObjectNode existing) {
				merge(existing, (ObjectNode) value);
			}
			else if (value.isObject()) {
				ObjectNode fresh = target.putObject(name);
				merge(fresh, (ObjectNode) value);
			}
			else {
				target.set(name, value.deepCopy());
			}
		}
	}

}
