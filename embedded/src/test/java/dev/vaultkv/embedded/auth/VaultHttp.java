package dev.vaultkv.embedded.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A minimal HTTP client for tests against the embedded server.
 */
final class VaultHttp {

	private final HttpClient client;

	private final URI address;

	VaultHttp(EmbeddedVaultServer server) {
		this(server, HttpClient.newHttpClient());
	}

	VaultHttp(EmbeddedVaultServer server, HttpClient client) {
		this.client = client;
		this.address = server.getAddress();
	}

	Reply call(String method, String path, @Nullable String token, @Nullable Map<String, ?> body) {
		return call(method, path, token, body, Map.of());
	}

	Reply call(String method, String path, @Nullable String token, @Nullable Map<String, ?> body,
			Map<String, String> headers) {
		HttpRequest.BodyPublisher publisher = (body != null)
				? HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.address.resolve("/v1/" + path))
			.method(method, publisher)
			.header("X-Vault-Request", "true");
		if (token != null) {
			request.header("X-Vault-Token", token);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode json = response.body().isEmpty() ? NullNode.getInstance() : Json.MAPPER.readTree(response.body());
			return new Reply(response.statusCode(), json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Reply(int status, JsonNode body) {

		String clientToken() {
			return this.body.get("auth").get("client_token").asString();
		}

		JsonNode data() {
			return this.body.get("data");
		}

		String errors() {
			JsonNode errors = this.body.get("errors");
			return (errors != null) ? errors.toString() : "";
		}

	}

}
