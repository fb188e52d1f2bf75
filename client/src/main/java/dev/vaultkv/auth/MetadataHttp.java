package dev.vaultkv.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.vaultkv.client.AuthenticationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a cloud provider's instance metadata service (GCE metadata server, Azure IMDS) or a cloud API
 * with the JDK HTTP client. Never goes through a proxy (metadata services answer only on the instance's
 * own link), and never puts a response body in an exception message, since bodies carry credentials.
 */
final class MetadataHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.proxy(HttpClient.Builder.NO_PROXY)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private MetadataHttp() {
	}

	/**
	 * Send a GET and return the body of a 200 answer.
	 * @param uri the URI
	 * @param what what is fetched, for the error message
	 * @param hint what to check when the service answers with another status, or {@code null}
	 * @param headers header names and values, alternating
	 * @return the body
	 * @throws AuthenticationException if the service cannot be reached or does not answer 200
	 */
	static String get(URI uri, String what, @Nullable String hint, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build(), what, hint);
	}

	/**
	 * Send a POST with a JSON body and return the body of a 200 answer.
	 * @param uri the URI
	 * @param what what is fetched, for the error message
	 * @param json the request body
	 * @param hint what to check when the service answers with another status, or {@code null}
	 * @param headers header names and values, alternating
	 * @return the body
	 * @throws AuthenticationException if the service cannot be reached or does not answer 200
	 */
	static String postJson(URI uri, String what, Object json, @Nullable String hint, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(json)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build(), what, hint);
	}

	/**
	 * Parse a JSON answer.
	 * @param body the body
	 * @param what what was fetched, for the error message
	 * @return the JSON tree
	 */
	static JsonNode json(String body, String what) {
		try {
			return MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw failure("The " + what + " is not JSON", null);
		}
	}

	/**
	 * Return a text field of a JSON object, failing clearly when it is missing.
	 * @param node the object
	 * @param field the field name
	 * @param what what the object is, for the error message
	 * @return the value
	 */
	static String text(JsonNode node, String field, String what) {
		JsonNode value = node.get(field);
		if (value == null || !value.isValueNode() || value.isNull() || value.asString().isBlank()) {
			throw failure("The " + what + " has no '" + field + "'", null);
		}
		return value.asString();
	}

	private static String send(HttpRequest request, String what, @Nullable String hint) {
		HttpResponse<String> response;
		try {
			response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw failure("Could not get the " + what + " from " + describe(request.uri()) + " ("
					+ ex.getClass().getSimpleName() + "); check that the application runs where that service "
					+ "is reachable, or configure its base URL", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("Interrupted while getting the " + what, ex);
		}
		if (response.statusCode() != 200) {
			throw failure("Could not get the " + what + " from " + describe(request.uri()) + ": status "
					+ response.statusCode() + ((hint != null) ? "; " + hint : ""), null);
		}
		return response.body();
	}

	/**
	 * The URI without its query (which may name an audience or identity, harmless, but long).
	 */
	private static String describe(URI uri) {
		return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
	}

	static AuthenticationException failure(String message, @Nullable Throwable cause) {
		return new AuthenticationException(message, null, null, 0, List.of(), cause);
	}

	/**
	 * Join a base URL and a path, whatever slashes either has.
	 * @param base the base URL
	 * @param path the path
	 * @return the URL text
	 */
	static String join(String base, String path) {
		String left = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		return left + (path.startsWith("/") ? path : "/" + path);
	}

}
