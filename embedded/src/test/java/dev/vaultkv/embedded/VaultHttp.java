package dev.vaultkv.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A tiny Vault HTTP client for tests, on the JDK {@link HttpClient}.
 */
final class VaultHttp {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient client;

	private final URI address;

	VaultHttp(URI address) {
		this(address, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
	}

	VaultHttp(URI address, HttpClient client) {
		this.address = address;
		this.client = client;
	}

	Call call(String method, String path) {
		return new Call(method, path);
	}

	Reply get(String path, @Nullable String token) {
		return call("GET", path).token(token).send();
	}

	Reply list(String path, @Nullable String token) {
		return call("LIST", path).token(token).send();
	}

	Reply post(String path, @Nullable String token, String json) {
		return call("POST", path).token(token).body(json).send();
	}

	Reply delete(String path, @Nullable String token) {
		return call("DELETE", path).token(token).send();
	}

	final class Call {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable String body;

		Call(String method, String path) {
			this.method = method;
			this.path = path;
		}

		Call token(@Nullable String token) {
			if (token != null) {
				this.headers.put("X-Vault-Token", token);
			}
			return this;
		}

		Call header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		Call body(String json) {
			this.body = json;
			return this;
		}

		Reply send() {
			HttpRequest.Builder builder = HttpRequest.newBuilder(VaultHttp.this.address.resolve(this.path.startsWith("/") ? this.path : "/v1/" + this.path))
				.timeout(Duration.ofSeconds(20))
				.method(this.method, (this.body != null) ? HttpRequest.BodyPublishers.ofString(this.body)
						: HttpRequest.BodyPublishers.noBody());
			this.headers.forEach(builder::header);
			try {
				HttpResponse<String> response = VaultHttp.this.client.send(builder.build(),
						HttpResponse.BodyHandlers.ofString());
				return new Reply(response.statusCode(), response.body(), response);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	record Reply(int status, String text, HttpResponse<String> response) {

		JsonNode json() {
			if (this.text.isEmpty()) {
				return MissingNode.getInstance();
			}
			return MAPPER.readTree(this.text);
		}

		JsonNode data() {
			return json().path("data");
		}

		String firstError() {
			return json().path("errors").path(0).asString();
		}

		@Nullable String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return this.status + " " + this.text;
		}

	}

}
