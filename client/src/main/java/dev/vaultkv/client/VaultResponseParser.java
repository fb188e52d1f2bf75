package dev.vaultkv.client;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the body of a successful answer into a {@link VaultResponse}, checking the shape of every part
 * it reads. Anything unexpected becomes a {@link MalformedResponseException} that names the status,
 * the request and what was wrong, never the body (it may hold secrets).
 *
 * @since 0.1.0
 */
final class VaultResponseParser {

	private final JsonMapper jsonMapper;

	VaultResponseParser(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Parse a 2xx answer.
	 * @param exchange the exchange
	 * @return the response
	 */
	VaultResponse parse(VaultExchange exchange) {
		if (exchange.status() == 204) {
			return VaultResponse.noContent();
		}
		if (!exchange.hasBody()) {
			return new VaultResponse(exchange.status(), null, "", false, 0, null, null, null, List.of(), null);
		}
		JsonNode root = readObject(exchange);
		Envelope envelope = new Envelope(exchange);
		return new VaultResponse(exchange.status(), envelope.optionalString(root, "request_id"),
				envelope.string(root, "lease_id", ""), envelope.bool(root, "renewable"),
				envelope.number(root, "lease_duration"), envelope.object(root, "data"), parseAuth(envelope, root),
				parseWrapInfo(envelope, root), envelope.strings(root, "warnings"), root);
	}

	/**
	 * Read the body as a JSON object, failing with a clear message when it is not one.
	 * @param exchange the exchange
	 * @return the root object
	 */
	JsonNode readObject(VaultExchange exchange) {
		JsonNode root;
		try {
			root = this.jsonMapper.readTree(exchange.body());
		}
		catch (JacksonException ex) {
			// Jackson's own message may quote the body, so only the location is reported.
			throw malformed(exchange, describe(exchange, ex));
		}
		if (root == null || !root.isObject()) {
			throw malformed(exchange, "the body is JSON but " + kind(root) + ", not the object Vault sends");
		}
		return root;
	}

	/**
	 * Read the body as a JSON object, or return {@code null} when it is not one.
	 * @param body the body
	 * @return the root object or {@code null}
	 */
	@Nullable JsonNode tryReadObject(byte[] body) {
		try {
			JsonNode root = this.jsonMapper.readTree(body);
			return (root != null && root.isObject()) ? root : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private @Nullable VaultAuth parseAuth(Envelope envelope, JsonNode root) {
		JsonNode auth = envelope.object(root, "auth");
		if (auth == null) {
			return null;
		}
		String clientToken = envelope.optionalString(auth, "client_token");
		if (clientToken == null || clientToken.isBlank()) {
			throw envelope.fail("'auth.client_token' is missing or empty");
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		JsonNode metadataNode = envelope.object(auth, "metadata");
		if (metadataNode != null) {
			for (Map.Entry<String, JsonNode> entry : metadataNode.properties()) {
				JsonNode value = entry.getValue();
				if (value != null && !value.isNull()) {
					metadata.put(entry.getKey(), value.isString() ? value.stringValue() : value.toString());
				}
			}
		}
		return new VaultAuth(VaultToken.of(clientToken), envelope.string(auth, "accessor", ""),
				envelope.strings(auth, "policies"), metadata, envelope.number(auth, "lease_duration"),
				envelope.bool(auth, "renewable"), envelope.string(auth, "token_type", "service"),
				envelope.bool(auth, "orphan"), envelope.optionalString(auth, "entity_id"));
	}

	private @Nullable WrapInfo parseWrapInfo(Envelope envelope, JsonNode root) {
		JsonNode wrapInfo = envelope.object(root, "wrap_info");
		if (wrapInfo == null) {
			return null;
		}
		String token = envelope.optionalString(wrapInfo, "token");
		if (token == null || token.isBlank()) {
			throw envelope.fail("'wrap_info.token' is missing or empty");
		}
		return new WrapInfo(VaultToken.of(token), envelope.string(wrapInfo, "accessor", ""),
				envelope.number(wrapInfo, "ttl"), parseTime(envelope.optionalString(wrapInfo, "creation_time")),
				envelope.string(wrapInfo, "creation_path", ""), envelope.optionalString(wrapInfo, "wrapped_accessor"));
	}

	private static @Nullable Instant parseTime(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String describe(VaultExchange exchange, JacksonException ex) {
		String what;
		if (ex instanceof UnexpectedEndOfInputException) {
			what = "the JSON body ends too early (truncated answer)";
		}
		else if (ex instanceof StreamConstraintsException) {
			what = "the JSON body exceeds the parser's limits (nesting or size)";
		}
		else if (exchange.body().length > 0 && exchange.body()[0] == '<') {
			what = "the body is markup, not JSON (" + exchange.describeContentType()
					+ "); a proxy or load balancer may have answered instead of Vault";
		}
		else {
			what = "the body is not valid JSON (" + exchange.describeContentType() + ")";
		}
		TokenStreamLocation location = ex.getLocation();
		if (location != null && location.getLineNr() > 0) {
			what += " at line " + location.getLineNr() + ", column " + location.getColumnNr();
		}
		return what;
	}

	private static String kind(@Nullable JsonNode node) {
		if (node == null || node.isMissingNode()) {
			return "nothing";
		}
		return switch (node.getNodeType()) {
			case OBJECT, POJO -> "an object";
			case ARRAY -> "an array";
			case STRING -> "a string";
			case NUMBER -> "a number";
			case BOOLEAN -> "a boolean";
			case NULL -> "null";
			default -> "binary data";
		};
	}

	static MalformedResponseException malformed(VaultExchange exchange, String what) {
		return new MalformedResponseException("Vault's answer could not be understood: " + what,
				exchange.operation(), exchange.path(), exchange.status(), List.of(), null);
	}

	/**
	 * Typed access to the fields of an envelope, failing with the field name when one has the wrong
	 * type.
	 */
	private static final class Envelope {

		private final VaultExchange exchange;

		Envelope(VaultExchange exchange) {
			this.exchange = exchange;
		}

		@Nullable JsonNode object(JsonNode parent, String name) {
			JsonNode node = parent.get(name);
			if (node == null || node.isNull()) {
				return null;
			}
			if (!node.isObject()) {
				throw fail("'" + name + "' is " + kind(node) + ", expected an object or null");
			}
			return node;
		}

		@Nullable String optionalString(JsonNode parent, String name) {
			JsonNode node = parent.get(name);
			if (node == null || node.isNull()) {
				return null;
			}
			if (!node.isString()) {
				throw fail("'" + name + "' is " + kind(node) + ", expected a string");
			}
			return node.stringValue();
		}

		String string(JsonNode parent, String name, String defaultValue) {
			String value = optionalString(parent, name);
			return (value != null) ? value : defaultValue;
		}

		boolean bool(JsonNode parent, String name) {
			JsonNode node = parent.get(name);
			if (node == null || node.isNull()) {
				return false;
			}
			if (!node.isBoolean()) {
				throw fail("'" + name + "' is " + kind(node) + ", expected a boolean");
			}
			return node.booleanValue();
		}

		long number(JsonNode parent, String name) {
			JsonNode node = parent.get(name);
			if (node == null || node.isNull()) {
				return 0;
			}
			if (node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()) {
				return node.longValue();
			}
			if (node.isString()) {
				try {
					return Long.parseLong(node.stringValue().trim());
				}
				catch (NumberFormatException ex) {
					// fall through to the failure below
				}
			}
			throw fail("'" + name + "' is " + kind(node) + ", expected a whole number");
		}

		List<String> strings(JsonNode parent, String name) {
			JsonNode node = parent.get(name);
			if (node == null || node.isNull()) {
				return List.of();
			}
			if (!node.isArray()) {
				throw fail("'" + name + "' is " + kind(node) + ", expected an array of strings");
			}
			List<String> values = new ArrayList<>(node.size());
			for (JsonNode element : node.values()) {
				if (element != null && !element.isNull()) {
					values.add(element.isString() ? element.stringValue() : element.toString());
				}
			}
			return values;
		}

		MalformedResponseException fail(String what) {
			return malformed(this.exchange, what);
		}

	}

}
