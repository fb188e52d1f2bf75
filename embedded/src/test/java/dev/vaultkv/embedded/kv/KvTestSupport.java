package dev.vaultkv.embedded.kv;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.MountContext;
import dev.vaultkv.embedded.spi.TokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds mounts and requests for backend tests that do not go through HTTP.
 */
final class KvTestSupport {

	static final JsonMapper JSON = JsonMapper.shared();

	private KvTestSupport() {
	}

	static ObjectNode json(String text) {
		return (ObjectNode) JSON.readTree(text);
	}

	static MountContext mount(Clock clock, Map<String, String> options) {
		return new MountContext() {

			@Override
			public String path() {
				return "secret/";
			}

			@Override
			public String type() {
				return "kv";
			}

			@Override
			public Map<String, String> options() {
				return options;
			}

			@Override
			public String namespace() {
				return "";
			}

			@Override
			public Clock clock() {
				return clock;
			}

			@Override
			public TokenIssuer tokens() {
				return (spec) -> {
					throw new UnsupportedOperationException("KV issues no tokens");
				};
			}

			@Override
			public long defaultLeaseTtlSeconds() {
				return 2764800;
			}

			@Override
			public long maxLeaseTtlSeconds() {
				return 2764800;
			}

		};
	}

	static ApiRequest request(String method, String subPath, String body, Clock clock) {
		return new ApiRequest(method, "secret/" + subPath, "secret/", subPath, "", json(body), Map.of(), null,
				List.of(), clock.instant());
	}

	static ApiResponse call(Backend backend, Clock clock, String method, String subPath, String body) {
		return backend.handle(request(method, subPath, body, clock));
	}

	static ApiResponse call(Backend backend, Clock clock, String method, String subPath) {
		return call(backend, clock, method, subPath, "{}");
	}

	/** Compares JSON by value, whatever node classes hold the numbers. */
	static void assertJson(JsonNode actual, String expected) {
		assertThat(JSON.readTree(String.valueOf(actual))).isEqualTo(JSON.readTree(expected));
	}

	/** The {@code data} the core would render, whether from {@code ok} or a full-body response. */
	static JsonNode data(ApiResponse response) {
		if (response.getFullBody() != null) {
			return response.getFullBody().get("data");
		}
		return (response.getData() != null) ? response.getData() : tools.jackson.databind.node.JsonNodeFactory.instance.nullNode();
	}

}
