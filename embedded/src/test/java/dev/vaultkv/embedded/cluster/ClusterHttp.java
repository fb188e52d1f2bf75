package dev.vaultkv.embedded.cluster;

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
 * A tiny Vault HTTP client for cluster tests (redirects are not followed).
 */
final class ClusterHttp {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String method;

	private final URI uri;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private @Nullable String body;

	private HttpClient client = CLIENT;

	private ClusterHttp(String method, URI address, String path) {
		this.method = method;
		this.uri = address.resolve("/v1/" + path);
	}

	static ClusterHttp request(String method, ClusterNode node, String path) {
		return new ClusterHttp(method, node.address(), path);
	}

	static Reply get(ClusterNode node, String path, String token) {
		return request("GET", node, path).token(token).send();
	}

	static Reply post(ClusterNode node, String path, String token, String json) {
		return request("POST", node, path).token(token).body(json).send();
	}

	ClusterHttp token(@Nullable String token) {
		if (token != null) {
			this.headers.put("X-Vault-Token", token);
		}
		return this;
	}

	ClusterHttp header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	ClusterHttp client(HttpClient client) {
		this.client = client;
		return this;
	}

	ClusterHttp body(String json) {
		this.body = json;
		return this;
	}

	Reply send() {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.uri)
			.timeout(Duration.ofSeconds(20))
			.method(this.method, (this.body != null) ? HttpRequest.BodyPublishers.ofString(this.body)
					: HttpRequest.BodyPublishers.noBody());
		this.headers.forEach(builder::header);
		try {
			HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
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

	record Reply(int status, String text, HttpResponse<String> response) {

		JsonNode json() {
			return this.text.isEmpty() ? MissingNode.getInstance() : MAPPER.readTree(this.text);
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
