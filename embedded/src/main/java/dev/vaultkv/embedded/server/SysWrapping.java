package dev.vaultkv.embedded.server;

import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;

/**
 * {@code sys/wrapping/wrap}, {@code unwrap}, {@code lookup} and {@code rewrap}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class SysWrapping {

	static final String INVALID = "wrapping token is not valid or does not exist";

	private final ServerState state;

	private final Namespace namespace;

	SysWrapping(ServerState state, Namespace namespace) {
		this.state = state;
		this.namespace = namespace;
	}

	ApiResponse handle(ApiRequest request, String operation) {
		if (!request.isWrite() && !(operation.equals("lookup") && request.isRead())) {
			return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		return switch (operation) {
			case "wrap" -> wrap(request);
			case "unwrap" -> unwrap(request);
			case "lookup" -> lookup(request);
			case "rewrap" -> rewrap(request);
			default -> ApiResponse.error(404, SysBackend.UNSUPPORTED_PATH);
		};
	}

	private ApiResponse wrap(ApiRequest request) {
		String ttl = request.header("x-vault-wrap-ttl");
		if (ttl == null || ttl.isBlank() || GoDurations.parse(ttl).isZero()) {
			return ApiResponse.error(400, "endpoint requires response wrapping to be used");
		}
		return ApiResponse.ok(request.data().deepCopy());
	}

	private ApiResponse unwrap(ApiRequest request) {
		String bodyToken = request.string("token");
		String headerToken = RequestProcessor.tokenId(new HttpCall(request.method(), request.path(),
				java.util.Map.of(), request.headers(), Json.object(), java.util.List.of()));
		String target;
		if (bodyToken != null && !bodyToken.isBlank()) {
			if (headerToken != null && this.state.wrapping().peek(headerToken, request.now()) == null) {
				TokenRecord caller = this.state.tokens().find(headerToken, request.now());
				if (caller == null) {
					return ApiResponse.error(403, RequestProcessor.INVALID_TOKEN);
				}
			}
			else if (headerToken == null) {
				return ApiResponse.error(403, RequestProcessor.PERMISSION_DENIED);
			}
			target = bodyToken.trim();
		}
		else {
			target = headerToken;
		}
		WrappingStore.Wrapped wrapped = this.state.wrapping().take(target, request.now());
		if (wrapped == null) {
			return ApiResponse.error(400, INVALID);
		}
		ObjectNode body = wrapped.body().deepCopy();
		body.put("request_id", Ids.uuid());
		return ApiResponse.status(200, body);
	}

	private ApiResponse lookup(ApiRequest request) {
		WrappingStore.Wrapped wrapped = this.state.wrapping().peek(request.string("token"), request.now());
		if (wrapped == null) {
			return ApiResponse.error(400, INVALID);
		}
		ObjectNode data = Json.object();
		data.put("creation_path", wrapped.creationPath());
		data.put("creation_time", Times.local(wrapped.creationTime()));
		data.put("creation_ttl", wrapped.ttl());
		return ApiResponse.ok(data);
	}

	private ApiResponse rewrap(ApiRequest request) {
		WrappingStore.Wrapped old = this.state.wrapping().take(request.string("token"), request.now());
		if (old == null) {
			return ApiResponse.error(400, INVALID);
		}
		WrappingStore.Wrapped wrapped = this.state.wrapping()
			.wrap(this.namespace.path(), this.namespace.id(), old.body(), old.creationPath(), request.now(), old.ttl(),
					old.wrappedAccessor());
		return ApiResponse.status(200, RequestProcessor.wrapEnvelope(wrapped));
	}

}
