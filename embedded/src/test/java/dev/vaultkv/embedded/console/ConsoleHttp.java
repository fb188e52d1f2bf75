package dev.vaultkv.embedded.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP calls to an embedded server for the console tests, on the JDK {@link HttpClient}.
 */
final class ConsoleHttp {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI address;

	ConsoleHttp(URI address) {
		this.address = address;
	}

	Reply send(String method, String path, @Nullable String token, @Nullable String json, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.address.resolve(path))
			.timeout(Duration.ofSeconds(20))
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			builder.header("X-Vault-Token", token);
		}
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
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
			return MAPPER.readTree(this.text);
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse("");
		}

	}

}
