package dev.vaultkv.client;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The one place where a non-2xx answer becomes a {@link VaultException}: reads Vault's
 * {@code {"errors":[...]}} body (tolerating an empty body or one that a proxy wrote) and picks the
 * exception from the status and, for 404 and 503, from what Vault said.
 *
 * @since 0.1.0
 */
final class VaultResponseErrorMapper {

	private static final int MAX_ERRORS = 20;

	private final VaultResponseParser parser;

	private final Clock clock;

	VaultResponseErrorMapper(VaultResponseParser parser, Clock clock) {
		this.parser = parser;
		this.clock = clock;
	}

	/**
	 * Return the exception for a non-2xx answer.
	 * @param exchange the exchange
	 * @return the exception to throw
	 */
	VaultException map(VaultExchange exchange) {
		int status = exchange.status();
		JsonNode root = exchange.hasBody() ? this.parser.tryReadObject(exchange.body()) : null;
		boolean foreignBody = exchange.hasBody() && root == null;
		if (root != null) {
			JsonNode errorsNode = root.get("errors");
			if (errorsNode != null && !errorsNode.isNull() && !errorsNode.isArray()) {
				return VaultResponseParser.malformed(exchange, "'errors' is not an array of strings");
			}
		}
		List<String> errors = errors(root);
		String op = exchange.operation();
		String path = exchange.path();
		if (status == 404) {
			return notFound(exchange, root, foreignBody, errors);
		}
		String note = foreignBody ? " (the answer is not Vault's JSON but " + exchange.describeContentType()
				+ "; a proxy or load balancer may have answered)" : "";
		if (status == 401) {
			// Vault answers 403 for a missing or dead token: a 401 comes from something in front of it.
			return new PermissionDeniedException("Unauthorized: Vault itself answers 403 to a bad token, so a proxy "
					+ "or gateway in front of Vault probably wants its own credentials" + note, op, path, status,
					errors, null);
		}
		if (status == 403) {
			return new PermissionDeniedException("Permission denied" + note, op, path, status, errors, null);
		}
		if (status == 412) {
			return new PreconditionFailedException("Vault refused the request's precondition" + note, op, path,
					status, errors, null);
		}
		if (status == 429) {
			return new RateLimitedException(op, path, errors, retryAfter(exchange));
		}
		if (status == 501 && !foreignBody) {
			return new VaultNotInitializedException(op, path, status, errors, null);
		}
		if (status >= 500) {
			if (status == 503 && errors.stream().anyMatch((error) -> error.contains("is sealed"))) {
				return new VaultSealedException(op, path, status, errors, null);
			}
			return new VaultServerException("Vault failed to answer the request" + note, op, path, status, errors,
					null);
		}
		if (status >= 300 && status < 400) {
			return new InvalidRequestException("Vault answered with a redirect that is not followed"
					+ redirectOrigin(exchange) + "; configure the endpoint as the address Vault serves on" + note, op,
					path, status, errors, null);
		}
		if (status >= 400) {
			return new InvalidRequestException(invalidRequestSummary(status) + note, op, path, status, errors, null);
		}
		return VaultResponseParser.malformed(exchange, "unexpected HTTP status " + status);
	}

	private VaultException notFound(VaultExchange exchange, @Nullable JsonNode root, boolean foreignBody,
			List<String> errors) {
		String op = exchange.operation();
		String path = exchange.path();
		if (foreignBody) {
			// A 404 page from a proxy must not pass for an absent secret: that would hide a wrong endpoint.
			return VaultResponseParser.malformed(exchange, "Vault answered 404 with a body that is not Vault's JSON ("
					+ exchange.describeContentType() + "); check that the endpoint points at Vault itself");
		}
		if (errors.stream().anyMatch((error) -> error.contains("no handler for route"))) {
			return new MountNotFoundException(
					"No secrets engine is mounted at this path; check the mount name and the namespace", op, path,
					404, errors, null);
		}
		if (errors.stream().anyMatch((error) -> error.contains("unsupported path"))) {
			return new SecretNotFoundException(
					"The mount exists but does not know this sub-path (unsupported path); check the part of the path after the mount",
					op, path, 404, errors, null);
		}
		JsonNode data = null;
		List<String> warnings = List.of();
		if (root != null) {
			JsonNode dataNode = root.get("data");
			data = (dataNode != null && dataNode.isObject()) ? dataNode : null;
			warnings = strings(root.get("warnings"));
		}
		return new SecretNotFoundException("Nothing found at this path", op, path, 404, errors, data, warnings, null);
	}

	private static String redirectOrigin(VaultExchange exchange) {
		String location = exchange.headers().getFirst("Location");
		if (location == null) {
			return "";
		}
		try {
			java.net.URI uri = java.net.URI.create(location.trim());
			// Only scheme, host and port: the rest of the target may carry query values.
			return (uri.getHost() != null) ? " (to " + uri.getScheme() + "://" + VaultUris.hostAndPort(uri) + ")" : "";
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private static String invalidRequestSummary(int status) {
		return switch (status) {
			case 405 -> "Vault does not support this operation on this path";
			case 413 -> "Vault rejected the request body as too large";
			case 415 -> "Vault rejected the request's Content-Type";
			default -> "Vault rejected the request as invalid";
		};
	}

	private @Nullable Duration retryAfter(VaultExchange exchange) {
		String value = exchange.headers().getFirst("Retry-After");
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// Not delta-seconds: try an HTTP-date.
		}
		try {
			ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration delay = Duration.between(this.clock.instant(), at.toInstant());
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static List<String> errors(@Nullable JsonNode root) {
		return (root != null) ? strings(root.get("errors")) : List.of();
	}

	private static List<String> strings(@Nullable JsonNode node) {
		if (node == null || !node.isArray()) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		for (JsonNode element : node.values()) {
			if (values.size() == MAX_ERRORS) {
				break;
			}
			if (element != null && !element.isNull()) {
				values.add(element.isString() ? element.stringValue() : element.toString());
			}
		}
		return values;
	}

}
