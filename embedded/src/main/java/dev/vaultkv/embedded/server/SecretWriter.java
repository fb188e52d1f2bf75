package dev.vaultkv.embedded.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes seed secrets and mounts through a server's or a node's request pipeline, as the root token.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class SecretWriter {

	private SecretWriter() {
	}

	/**
	 * Write a secret through the KV engine that serves its path (version 1 or 2).
	 * @param processor the request pipeline
	 * @param rootToken the root token
	 * @param path the mount-qualified path, e.g. {@code secret/app/db}
	 * @param data the secret's fields
	 * @throws IllegalStateException if no KV mount serves the path or the write fails
	 */
	public static void put(Function<HttpCall, HttpResult> processor, String rootToken, String path, Map<String, ?> data) {
		Objects.requireNonNull(path, "'path' must not be null");
		Objects.requireNonNull(data, "'data' must not be null");
		ObjectNode values = Json.MAPPER.valueToTree(data);
		String trimmed = path.startsWith("/") ? path.substring(1) : path;
		HttpResult mount = processor.apply(call(rootToken, "GET", "sys/internal/ui/mounts/" + trimmed, Json.object()));
		if (mount.status() != 200 || mount.body() == null) {
			throw new IllegalStateException("Cannot write secret '" + trimmed + "': no KV mount serves this path");
		}
		JsonNode info = Json.MAPPER.readTree(mount.body()).path("data");
		String mountPath = info.path("path").asString();
		String version = info.path("options").path("version").asString("1");
		if (!"kv".equals(info.path("type").asString()) || trimmed.length() <= mountPath.length()) {
			throw new IllegalStateException("Cannot write secret '" + trimmed + "': '" + mountPath
					+ "' is not a KV mount or the path names no key");
		}
		String key = trimmed.substring(mountPath.length());
		HttpResult result;
		if ("2".equals(version)) {
			ObjectNode body = Json.object();
			body.set("data", values);
			result = processor.apply(call(rootToken, "POST", mountPath + "data/" + key, body));
		}
		else {
			result = processor.apply(call(rootToken, "POST", mountPath + key, values));
		}
		check(result, "Cannot write secret '" + trimmed + "'");
	}

	/**
	 * Enable a secrets engine.
	 * @param processor the request pipeline
	 * @param rootToken the root token
	 * @param path the mount path
	 * @param type the engine type
	 * @throws IllegalStateException if the mount fails
	 */
	public static void mount(Function<HttpCall, HttpResult> processor, String rootToken, String path, String type) {
		ObjectNode body = Json.object();
		body.put("type", type);
		check(processor.apply(call(rootToken, "POST", "sys/mounts/" + path, body)),
				"Cannot mount '" + type + "' at '" + path + "'");
	}

	private static void check(HttpResult result, String message) {
		if (result.status() >= 400) {
			String errors = (result.body() != null) ? Json.MAPPER.readTree(result.body()).path("errors").toString()
					: "";
			throw new IllegalStateException(message + ": status " + result.status() + " " + errors);
		}
	}

	private static HttpCall call(String rootToken, String method, String path, ObjectNode body) {
		return new HttpCall(method, path, Map.of(), Map.of("x-vault-token", List.of(rootToken)), body, List.of());
	}

}
