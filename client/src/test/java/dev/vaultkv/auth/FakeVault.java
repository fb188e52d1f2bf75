package dev.vaultkv.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultToken;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link VaultClient} that answers from handlers registered per path, and records every request.
 */
class FakeVault implements VaultClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Function<VaultRequest, VaultResponse>> handlers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	final List<VaultRequest> requests = new CopyOnWriteArrayList<>();

	FakeVault on(String path, Function<VaultRequest, VaultResponse> handler) {
		this.handlers.put(path, handler);
		return this;
	}

	@Override
	public VaultResponse execute(VaultRequest request) {
		this.requests.add(request);
		this.counts.computeIfAbsent(request.getPath(), (path) -> new AtomicInteger()).incrementAndGet();
		Function<VaultRequest, VaultResponse> handler = this.handlers.get(request.getPath());
		if (handler == null) {
			throw new AssertionError("Unexpected request " + request);
		}
		return handler.apply(request);
	}

	int count(String path) {
		AtomicInteger count = this.counts.get(path);
		return (count != null) ? count.get() : 0;
	}

	List<VaultRequest> requests(String path) {
		List<VaultRequest> matching = new ArrayList<>();
		for (VaultRequest request : this.requests) {
			if (request.getPath().equals(path)) {
				matching.add(request);
			}
		}
		return matching;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> body(VaultRequest request) {
		return (Map<String, Object>) request.getBody();
	}

	static VaultResponse auth(String token, long ttl, boolean renewable) {
		return auth(token, ttl, renewable, "service", List.of());
	}

	static VaultResponse auth(String token, long ttl, boolean renewable, String type, List<String> warnings) {
		VaultAuth auth = new VaultAuth(VaultToken.of(token), "accessor-" + token.length(), List.of("default"),
				Map.of(), ttl, renewable, type, true, null);
		return new VaultResponse(200, "req", "", false, 0, null, auth, null, warnings, null);
	}

	static VaultResponse data(Map<String, ?> data) {
		JsonNode node = JSON.valueToTree(data);
		return new VaultResponse(200, "req", "", false, 0, node, null, null, List.of(), null);
	}

	static PermissionDeniedException denied(VaultRequest request) {
		return new PermissionDeniedException(request.getOperation(), request.getPath(), 403,
				List.of("1 error occurred:\n\t* permission denied\n\n"), null);
	}

	static PermissionDeniedException invalidToken(VaultRequest request) {
		return new PermissionDeniedException(request.getOperation(), request.getPath(), 403,
				List.of("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"), null);
	}

	static InvalidRequestException badRequest(VaultRequest request, String error) {
		return new InvalidRequestException(request.getOperation(), request.getPath(), 400, List.of(error), null);
	}

	static @Nullable String token(VaultRequest request) {
		return (request.getToken() != null) ? request.getToken().getToken() : null;
	}

}
