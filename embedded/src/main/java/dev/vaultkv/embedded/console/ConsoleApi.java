package dev.vaultkv.embedded.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.RequestLogEntry;
import dev.vaultkv.embedded.server.GoDurations;
import dev.vaultkv.embedded.server.Json;

/**
 * The console's dev-only endpoints under {@code /ui/api/}, for what Vault's HTTP API lacks. Every endpoint
 * needs the root token ({@code X-Vault-Token} or {@code Authorization: Bearer}); any other token gets 403.
 * <ul>
 * <li>{@code GET requests?limit=N}: the latest request log entries (oldest first, default 200) and the
 * total; {@code DELETE requests} clears the log.</li>
 * <li>{@code GET clock}: the server time; {@code POST clock/advance {"duration": "1h"}} moves it;
 * {@code POST clock/reset} goes back to real time.</li>
 * <li>{@code GET faults}; {@code POST faults {"type", "path", "count", "status", "error", "duration"}};
 * {@code DELETE faults/<id>}; {@code DELETE faults} removes every rule.</li>
 * <li>{@code POST tokens/revoke-all}: revokes every token but the root token.</li>
 * </ul>
 *
 * @author vaultkv
 */
final class ConsoleApi {

	static final String PATH = ConsoleHandler.PATH + "api/";

	private static final int MAX_BODY = 64 * 1024;

	private static final int DEFAULT_LIMIT = 200;

	private final EmbeddedVaultServer server;

	private final ConsoleFaults faults;

	ConsoleApi(EmbeddedVaultServer server) {
		this.server = server;
		this.faults = new ConsoleFaults(server.faults());
	}

	ConsoleResponse handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String endpoint = exchange.getRequestURI().getPath().substring(PATH.length());
		byte[] body = readBody(exchange.getRequestBody());
		if (!isRoot(exchange)) {
			return ConsoleResponse.error(403, "permission denied: the console API needs the root token");
		}
		if (body == null) {
			return ConsoleResponse.error(413, "request body too large");
		}
		try {
			JsonNode request = parse(body);
			return route(method, endpoint, request, exchange.getRequestURI().getRawQuery());
		}
		catch (IllegalArgumentException ex) {
			return ConsoleResponse.error(400, ex.getMessage());
		}
	}

	private ConsoleResponse route(String method, String endpoint, JsonNode request, @Nullable String query) {
		switch (endpoint) {
			case "requests" -> {
				return switch (method) {
					case "GET" -> ConsoleResponse.ok(requests(query));
					case "DELETE" -> {
						this.server.requestLog().clear();
						yield ConsoleResponse.noContent();
					}
					default -> notAllowed(method, endpoint);
				};
			}
			case "clock" -> {
				return "GET".equals(method) ? ConsoleResponse.ok(clock()) : notAllowed(method, endpoint);
			}
			case "clock/advance" -> {
				if (!"POST".equals(method)) {
					return notAllowed(method, endpoint);
				}
				this.server.clock().advance(advance(request));
				return ConsoleResponse.ok(clock());
			}
			case "clock/reset" -> {
				if (!"POST".equals(method)) {
					return notAllowed(method, endpoint);
				}
				this.server.clock().reset();
				return ConsoleResponse.ok(clock());
			}
			case "faults" -> {
				return switch (method) {
					case "GET" -> ConsoleResponse.ok(this.faults.list());
					case "POST" -> ConsoleResponse.ok(this.faults.add(request));
					case "DELETE" -> {
						this.faults.clear();
						yield ConsoleResponse.noContent();
					}
					default -> notAllowed(method, endpoint);
				};
			}
			case "tokens/revoke-all" -> {
				if (!"POST".equals(method)) {
					return notAllowed(method, endpoint);
				}
				this.server.faults().revokeAllTokens();
				return ConsoleResponse.noContent();
			}
			default -> {
				if (endpoint.startsWith("faults/")) {
					if (!"DELETE".equals(method)) {
						return notAllowed(method, endpoint);
					}
					String id = endpoint.substring("faults/".length());
					return this.faults.remove(id) ? ConsoleResponse.noContent()
							: ConsoleResponse.error(404, "no console fault with id '" + id + "'");
				}
				return ConsoleResponse.error(404, "no console endpoint " + PATH + endpoint);
			}
		}
	}

	private static ConsoleResponse notAllowed(String method, String endpoint) {
		return ConsoleResponse.error(405, method + " is not allowed on " + PATH + endpoint);
	}

	private ObjectNode requests(@Nullable String query) {
		int limit = limit(query);
		List<RequestLogEntry> entries = this.server.requestLog().entries();
		ObjectNode body = Json.object();
		body.put("total", entries.size());
		ArrayNode list = body.putArray("entries");
		for (RequestLogEntry entry : entries.subList(Math.max(0, entries.size() - limit), entries.size())) {
			ObjectNode node = list.addObject();
			node.put("time", entry.time().toString());
			node.put("method", entry.method());
			node.put("path", entry.path());
			node.put("namespace", entry.namespace());
			node.put("status", entry.status());
			node.put("caller", entry.caller());
			node.set("policies", Json.strings(entry.policies()));
			node.put("user_agent", entry.userAgent());
		}
		return body;
	}

	private static int limit(@Nullable String query) {
		if (query == null) {
			return DEFAULT_LIMIT;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("limit=")) {
				try {
					int limit = Integer.parseInt(pair.substring("limit=".length()));
					if (limit < 1) {
						throw new NumberFormatException();
					}
					return limit;
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("'limit' must be a positive whole number");
				}
			}
		}
		return DEFAULT_LIMIT;
	}

	private ObjectNode clock() {
		Instant now = this.server.clock().instant();
		ObjectNode body = Json.object();
		body.put("time", now.toString());
		body.put("offset_seconds", Math.round(Duration.between(Instant.now(), now).toMillis() / 1000.0));
		return body;
	}

	private static Duration advance(JsonNode request) {
		JsonNode node = request.get("duration");
		if (node == null || !node.isValueNode() || node.asString().isBlank()) {
			throw new IllegalArgumentException("'duration' is required, e.g. \"90s\", \"15m\" or \"2h\"");
		}
		try {
			return GoDurations.parse(node.asString());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"'duration' must be a duration such as \"90s\", \"15m\" or \"2h\", not '" + node.asString() + "'");
		}
	}

	private boolean isRoot(HttpExchange exchange) {
		String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
		if (token == null || token.isBlank()) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				token = authorization.substring(7);
			}
		}
		if (token == null) {
			return false;
		}
		return MessageDigest.isEqual(token.trim().getBytes(StandardCharsets.UTF_8),
				this.server.getRootToken().getBytes(StandardCharsets.UTF_8));
	}

	private static JsonNode parse(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			return Json.object();
		}
		try {
			JsonNode node = Json.MAPPER.readTree(text);
			if (node == null || !node.isObject()) {
				throw new IllegalArgumentException("the request body must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the request body is not valid JSON");
		}
	}

	private static byte @Nullable [] readBody(InputStream input) throws IOException {
		try (input) {
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int read;
			while ((read = input.read(buffer)) != -1) {
				if (output.size() + read > MAX_BODY) {
					input.transferTo(OutputStream.nullOutputStream());
					return null;
				}
				output.write(buffer, 0, read);
			}
			return output.toByteArray();
		}
	}

	static void send(HttpExchange exchange, ConsoleResponse response) throws IOException {
		JsonNode body = response.body();
		if (body == null) {
			exchange.sendResponseHeaders(response.status(), -1);
			return;
		}
		byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(response.status(), bytes.length);
		try (OutputStream output = exchange.getResponseBody()) {
			output.write(bytes);
		}
	}

}
