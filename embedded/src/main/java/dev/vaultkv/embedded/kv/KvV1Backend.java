package dev.vaultkv.embedded.kv;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;

/**
 * The HTTP face of a KV version 1 engine: whole-body writes, reads carrying the mount's default TTL (or the
 * secret's own {@code ttl}) as {@code lease_duration}, deletes, lists; no patch.
 *
 * @author vaultkv
 */
final class KvV1Backend implements Backend {

	private final PlainKvStore store;

	private final long defaultTtlSeconds;

	KvV1Backend(PlainKvStore store, long defaultTtlSeconds) {
		this.store = store;
		this.defaultTtlSeconds = defaultTtlSeconds;
	}

	PlainKvStore store() {
		return this.store;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		String path = request.subPath();
		return switch (request.method()) {
			case "GET" -> read(path);
			case "POST", "PUT" -> write(path, request.data());
			case "DELETE" -> delete(path);
			case "LIST" -> list(path);
			default -> ApiResponse.error(405, KvV2Backend.UNSUPPORTED_OPERATION);
		};
	}

	@Override
	public @Nullable Boolean exists(ApiRequest request) {
		return this.store.contains(request.subPath());
	}

	private ApiResponse read(String path) {
		ObjectNode data = this.store.get(path);
		if (data == null) {
			return ApiResponse.notFound();
		}
		return ApiResponse.ok(data).withLease(leaseSeconds(data), false);
	}

	private long leaseSeconds(ObjectNode data) {
		JsonNode ttl = data.get("ttl");
		if (ttl == null) {
			ttl = data.get("lease");
		}
		if (ttl != null) {
			try {
				return FieldDecoder.toDurationSeconds("ttl", ttl);
			}
			catch (KvRequestException ex) {
				// Vault falls back to the mount default for a ttl it cannot parse.
			}
		}
		return this.defaultTtlSeconds;
	}

	private ApiResponse write(String path, ObjectNode data) {
		if (path.isEmpty()) {
			return ApiResponse.error(400, "missing path");
		}
		if (data.isEmpty()) {
			return ApiResponse.error(400, "missing data fields");
		}
		this.store.put(path, data);
		return ApiResponse.noContent();
	}

	private ApiResponse delete(String path) {
		this.store.delete(path);
		return ApiResponse.noContent();
	}

	private ApiResponse list(String path) {
		String folder = (path.isEmpty() || path.endsWith("/")) ? path : path + "/";
		List<String> keys = this.store.list(folder);
		if (keys.isEmpty()) {
			return ApiResponse.notFound();
		}
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		ArrayNode array = data.putArray("keys");
		keys.forEach(array::add);
		return ApiResponse.ok(data);
	}

}
