package dev.vaultkv.embedded.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.FaultInjector;
import dev.vaultkv.embedded.FaultRule;
import dev.vaultkv.embedded.server.GoDurations;
import dev.vaultkv.embedded.server.Json;

/**
 * The faults switched on from the console: turns a JSON request into a {@link FaultInjector} rule and
 * remembers what each rule does, so the console can list and remove them. Rules added from code are
 * counted, not described.
 *
 * @author vaultkv
 */
final class ConsoleFaults {

	private static final List<String> TYPES = List.of("fail", "rate-limit", "delay", "drop", "truncate");

	private final FaultInjector faults;

	private final AtomicLong ids = new AtomicLong();

	private final Map<String, Described> rules = new LinkedHashMap<>();

	ConsoleFaults(FaultInjector faults) {
		this.faults = faults;
	}

	synchronized ObjectNode list() {
		List<FaultRule> active = this.faults.rules();
		this.rules.values().removeIf((described) -> active.stream().noneMatch((rule) -> rule == described.rule()));
		ObjectNode body = Json.object();
		ArrayNode list = body.putArray("rules");
		this.rules.forEach((id, described) -> list.add(describe(id, described)));
		body.put("other_rules", active.size() - this.rules.size());
		return body;
	}

	synchronized ObjectNode add(JsonNode request) {
		String type = text(request, "type", "");
		if (!TYPES.contains(type)) {
			throw new IllegalArgumentException("'type' must be one of " + String.join(", ", TYPES));
		}
		String path = text(request, "path", "").trim();
		String pathRegex = path.isEmpty() ? ".*" : path;
		try {
			Pattern.compile(pathRegex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("'path' must be a regular expression: " + ex.getDescription());
		}
		int count = integer(request, "count", -1);
		if (count == 0 || count < -1) {
			throw new IllegalArgumentException("'count' must be positive, or -1 for until removed");
		}
		int status = integer(request, "status", 503);
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("'status' must be between 400 and 599");
		}
		String error = text(request, "error", "");
		Duration duration = duration(request, type);
		FaultRule rule = switch (type) {
			case "fail" -> this.faults.failMatching(pathRegex, count, status,
					error.isEmpty() ? new String[0] : new String[] { error });
			case "rate-limit" -> this.faults.rateLimitMatching(pathRegex, count, duration);
			case "delay" -> this.faults.delayMatching(pathRegex, count, (duration != null) ? duration : Duration.ZERO);
			case "drop" -> this.faults.dropMatching(pathRegex, count);
			default -> truncate(pathRegex, count);
		};
		String id = Long.toString(this.ids.incrementAndGet());
		Described described = new Described(rule, type, path, "fail".equals(type) ? status : 0, error, duration);
		this.rules.put(id, described);
		return describe(id, described);
	}

	private FaultRule truncate(String pathRegex, int count) {
		if (!".*".equals(pathRegex)) {
			throw new IllegalArgumentException("a truncate fault applies to the next requests: leave 'path' empty");
		}
		if (count < 0) {
			throw new IllegalArgumentException("a truncate fault needs a positive 'count'");
		}
		return this.faults.truncateNext(count);
	}

	synchronized boolean remove(String id) {
		Described described = this.rules.remove(id);
		if (described == null) {
			return false;
		}
		described.rule().remove();
		return true;
	}

	synchronized void clear() {
		this.faults.clear();
		this.rules.clear();
	}

	private static ObjectNode describe(String id, Described described) {
		ObjectNode node = Json.object();
		node.put("id", id);
		node.put("type", described.type());
		node.put("path", described.path());
		if (described.status() != 0) {
			node.put("status", described.status());
		}
		if (!described.error().isEmpty()) {
			node.put("error", described.error());
		}
		if (described.duration() != null) {
			node.put("duration", described.duration().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
		}
		node.put("remaining", described.rule().remaining());
		node.put("hits", described.rule().hits());
		return node;
	}

	private static @Nullable Duration duration(JsonNode request, String type) {
		String text = text(request, "duration", "").trim();
		if (text.isEmpty()) {
			if ("delay".equals(type)) {
				throw new IllegalArgumentException("a delay fault needs a 'duration' such as 500ms or 2s");
			}
			return null;
		}
		Duration duration;
		try {
			duration = GoDurations.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'duration' must be a duration such as 500ms, 2s or 1m");
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException("'duration' must not be negative");
		}
		return duration;
	}

	private static String text(JsonNode request, String field, String fallback) {
		JsonNode node = request.get(field);
		if (node == null || node.isNull()) {
			return fallback;
		}
		if (!node.isValueNode()) {
			throw new IllegalArgumentException("'" + field + "' must be a string");
		}
		return node.asString();
	}

	private static int integer(JsonNode request, String field, int fallback) {
		JsonNode node = request.get(field);
		if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
			return fallback;
		}
		if (node.isIntegralNumber()) {
			return node.asInt();
		}
		try {
			return Integer.parseInt(node.asString().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + field + "' must be a whole number");
		}
	}

	private record Described(FaultRule rule, String type, String path, int status, String error,
			@Nullable Duration duration) {

	}

}
