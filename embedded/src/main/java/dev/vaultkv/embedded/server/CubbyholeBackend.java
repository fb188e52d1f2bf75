package dev.vaultkv.embedded.server;

import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * The per-token private key/value store mounted at {@code cubbyhole/}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class CubbyholeBackend implements CoreBackend {

	private final ServerState state;

	CubbyholeBackend(ServerState state) {
		this.state = state;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		TokenEntry token = request.token();
		if (token == null) {
			return ApiResponse.error(400, "client token empty");
		}
		Map<String, ObjectNode> store = this.state.cubbyhole(token.id());
		String key = request.subPath();
		switch (request.method()) {
			case "GET": {
				ObjectNode value = store.get(key);
				return (value != null) ? ApiResponse.ok(value.deepCopy()) : ApiResponse.notFound();
			}
			case "LIST": {
				ObjectNode data = Json.object();
				data.set("keys", Json.strings(Listing.children(store.keySet(), key)));
				return ApiResponse.ok(data);
			}
			case "POST":
			case "PUT": {
				if (key.isEmpty()) {
					return ApiResponse.error(405, HttpResult.multierror("unsupported operation"));
				}
				if (request.data().isEmpty()) {
					return ApiResponse.error(400, "missing data fields");
				}
				store.put(key, request.data().deepCopy());
				return ApiResponse.noContent();
			}
			case "DELETE":
				store.remove(key);
				return ApiResponse.noContent();
			default:
				return ApiResponse.error(405, HttpResult.multierror("unsupported operation"));
		}
	}

	@Override
	public Boolean exists(ApiRequest request) {
		TokenEntry token = request.token();
		return token != null && this.state.cubbyhole(token.id()).containsKey(request.subPath());
	}

}
