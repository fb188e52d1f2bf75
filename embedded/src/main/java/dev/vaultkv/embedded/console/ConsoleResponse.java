package dev.vaultkv.embedded.console;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.Json;

/**
 * The answer of a console endpoint: a status and a JSON body, or none for 204.
 *
 * @param status the status code
 * @param body the body, {@code null} for none
 * @author vaultkv
 */
record ConsoleResponse(int status, @Nullable JsonNode body) {

	static ConsoleResponse ok(JsonNode body) {
		return new ConsoleResponse(200, body);
	}

	static ConsoleResponse noContent() {
		return new ConsoleResponse(204, null);
	}

	/**
	 * An error in Vault's shape, {@code {"errors": ["..."]}}.
	 */
	static ConsoleResponse error(int status, String message) {
		ObjectNode body = Json.object();
		body.putArray("errors").add(message);
		return new ConsoleResponse(status, body);
	}

}
