package dev.vaultkv.embedded;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * A minimal KV stand-in for router tests until the real KV engine is merged: v1 paths, or v2 {@code data/}
 * and {@code metadata/} paths, depending on the mount's live {@code version} option.
 */
final class TestKvBackend implements Backend {

	private final MountContext context;

	private final Map<String, ObjectNode> values = new ConcurrentHashMap<>();

	TestKvBackend(MountContext context) {
		this.context = context;
	}

	private boolean v2() {
		return "2".equals(this.context.options().get("version"));
	}

	private String key(ApiRequest request) {
		String sub = request.subPath();
		if (v2()) {
			int slash = sub.indexOf('/');
			return (slash < 0) ? "" : sub.substring(slash + 1);
		}
		return sub;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		String key = key(request);
		switch (request.method()) {
			case "GET": {
				ObjectNode value = this.values.get(key);
				if (value == null) {
					return ApiResponse.notFound();
				}
				if (!v2()) {
					return ApiResponse.ok(value.deepCopy());
				}
				ObjectNode data = JsonNodeFactory.instance.objectNode();
				data.set("data", value.deepCopy());
				data.putObject("metadata").put("version", 1);
				return ApiResponse.ok(data);
			}
			case "LIST": {
				TreeSet<String> keys = new TreeSet<>();
				for (String stored : this.values.keySet()) {
					if (stored.startsWith(key)) {
						String rest = stored.substring(key.length());
						int slash = rest.indexOf('/');
						keys.add((slash < 0) ? rest : rest.substring(0, slash + 1));
					}
				}
				ObjectNode data = JsonNodeFactory.instance.objectNode();
				data.set("keys", JsonNodeFactory.instance.arrayNode().addAll(keys.stream().map(JsonNodeFactory.instance::stringNode).toList()));
				return ApiResponse.ok(data);
			}
			case "POST":
			case "PUT": {
				JsonNode value = v2() ? request.data().get("data") : request.data();
				if (value == null || !value.isObject()) {
					return ApiResponse.error(400, "no data provided");
				}
				this.values.put(key, (ObjectNode) value.deepCopy());
				if (v2()) {
					ObjectNode data = JsonNodeFactory.instance.objectNode();
					data.put("version", 1);
					return ApiResponse.ok(data);
				}
				return ApiResponse.noContent();
			}
			case "DELETE":
				this.values.remove(key);
				return ApiResponse.noContent();
			default:
				return ApiResponse.error(405, "1 error occurred:\n\t* unsupported operation\n\n");
		}
	}

	@Override
	public Boolean exists(ApiRequest request) {
		return this.values.containsKey(key(request));
	}

}
