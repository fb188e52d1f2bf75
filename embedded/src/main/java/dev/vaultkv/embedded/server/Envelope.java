package dev.vaultkv.embedded.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.IssuedToken;

/**
 * Renders {@link ApiResponse}s as Vault's response envelope.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class Envelope {

	private static final Set<String> INJECTED_EXACT = Set.of("sys/mounts", "sys/auth", "sys/policy", "sys/remount",
			"sys/rotate", "sys/key-status", "sys/config/cors", "sys/ha-status", "sys/wrapping/wrap", "sys/audit");

	private static final List<String> INJECTED_PREFIXES = List.of("sys/mounts/", "sys/auth/", "sys/policy/",
			"sys/capabilities", "sys/audit", "sys/remount/");

	private Envelope() {
	}

	static ObjectNode render(ApiResponse response, String mountType, @Nullable Integer numUses) {
		ObjectNode body = Json.object();
		body.put("request_id", Ids.uuid());
		body.put("lease_id", "");
		body.put("renewable", response.isRenewable());
		body.put("lease_duration", response.getLeaseDurationSeconds());
		body.set("data", response.getData());
		body.putNull("wrap_info");
		body.set("warnings", warnings(response.getWarnings()));
		IssuedToken auth = response.getAuth();
		body.set("auth", (auth != null) ? auth(auth, (numUses != null) ? numUses : 0) : null);
		body.put("mount_type", mountType);
		return body;
	}

	static ObjectNode complete(ObjectNode fullBody, String mountType) {
		ObjectNode body = Json.object();
		body.put("request_id", Ids.uuid());
		body.put("lease_id", "");
		body.put("renewable", false);
		body.put("lease_duration", 0);
		body.putNull("data");
		body.putNull("wrap_info");
		body.putNull("warnings");
		body.putNull("auth");
		body.put("mount_type", mountType);
		for (Map.Entry<String, JsonNode> entry : fullBody.properties()) {
			body.set(entry.getKey(), entry.getValue());
		}
		return body;
	}

	static JsonNode warnings(List<String> warnings) {
		if (warnings.isEmpty()) {
			return JsonNodeFactory.instance.nullNode();
		}
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		warnings.forEach(array::add);
		return array;
	}

	static ObjectNode auth(IssuedToken token, int numUses) {
		ObjectNode auth = Json.object();
		auth.put("client_token", token.clientToken());
		auth.put("accessor", token.accessor());
		auth.set("policies", Json.strings(token.policies()));
		auth.set("token_policies", Json.strings(token.policies()));
		auth.set("metadata", Json.stringMap(token.metadata(), true));
		auth.put("lease_duration", token.leaseDurationSeconds());
		auth.put("renewable", token.renewable());
		auth.put("entity_id", token.entityId());
		auth.put("token_type", token.tokenType());
		auth.put("orphan", token.orphan());
		auth.putNull("mfa_requirement");
		auth.put("num_uses", numUses);
		return auth;
	}

	/**
	 * Copy {@code data} keys to the top level for the system paths where Vault does so.
	 */
	static void injectSysData(ObjectNode body, String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		boolean inject = INJECTED_EXACT.contains(trimmed)
				|| INJECTED_PREFIXES.stream().anyMatch(trimmed::startsWith);
		JsonNode data = body.get("data");
		if (inject && data != null && data.isObject()) {
			for (Map.Entry<String, JsonNode> entry : data.properties()) {
				if (!body.has(entry.getKey())) {
					body.set(entry.getKey(), entry.getValue());
				}
			}
		}
	}

}
