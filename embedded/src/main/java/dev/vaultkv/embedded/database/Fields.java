package dev.vaultkv.embedded.database;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request parameters read with the conversions of Vault's field types ({@code TypeString},
 * {@code TypeBool}, {@code TypeDurationSecond}, {@code TypeStringSlice}, {@code TypeCommaStringSlice},
 * {@code TypeKVPairs}); a value that does not convert is a 400 {@code Field validation failed: ...}.
 *
 * @author vaultkv
 */
final class Fields {

	private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h|d)");

	private final ObjectNode data;

	Fields(ObjectNode data) {
		this.data = data;
	}

	boolean has(String name) {
		JsonNode node = this.data.get(name);
		return node != null && !node.isNull() && !node.isMissingNode();
	}

	@Nullable String string(String name) {
		if (!has(name)) {
			return null;
		}
		JsonNode node = this.data.get(name);
		if (!node.isValueNode()) {
			throw invalid(name, node, "expected a string");
		}
		return node.asString();
	}

	String string(String name, String defaultValue) {
		String value = string(name);
		return (value != null) ? value : defaultValue;
	}

	boolean bool(String name, boolean defaultValue) {
		if (!has(name)) {
			return defaultValue;
		}
		JsonNode node = this.data.get(name);
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isNumber()) {
			return node.asLong() != 0;
		}
		String text = node.asString().trim().toLowerCase(Locale.ROOT);
		return switch (text) {
			case "1", "t", "true" -> true;
			case "0", "f", "false", "" -> false;
			default -> throw invalid(name, node, "cannot parse '' as bool: strconv.ParseBool: parsing \"" + text
					+ "\": invalid syntax");
		};
	}

	/**
	 * A {@code TypeDurationSecond}: seconds as a number or text, or a Go duration such as {@code 1h30m}.
	 * @return whole seconds, or {@code null} if absent
	 */
	@Nullable Long seconds(String name) {
		if (!has(name)) {
			return null;
		}
		JsonNode node = this.data.get(name);
		long seconds;
		if (node.isNumber()) {
			seconds = node.asLong();
		}
		else if (node.isString()) {
			seconds = parseSeconds(name, node);
		}
		else {
			throw invalid(name, node, "expected a duration");
		}
		if (seconds < 0) {
			throw invalid(name, node, "cannot provide negative value '" + seconds + "'");
		}
		return seconds;
	}

	private static long parseSeconds(String name, JsonNode node) {
		String text = node.asString().trim();
		if (text.isEmpty()) {
			return 0;
		}
		if (text.matches("[-+]?\\d+")) {
			return Long.parseLong(text);
		}
		boolean negative = text.startsWith("-");
		String value = (negative || text.startsWith("+")) ? text.substring(1) : text;
		Matcher matcher = DURATION_PART.matcher(value);
		BigDecimal total = BigDecimal.ZERO;
		int position = 0;
		while (position < value.length()) {
			if (!matcher.find(position) || matcher.start() != position) {
				throw invalid(name, node, "time: invalid duration \"" + text + "\"");
			}
			String amount = matcher.group(1);
			BigDecimal number = new BigDecimal(amount.startsWith(".") ? "0" + amount
					: amount.endsWith(".") ? amount + "0" : amount);
			total = total.add(number.multiply(BigDecimal.valueOf(unitSeconds(matcher.group(2)))));
			position = matcher.end();
		}
		long seconds = total.longValue();
		return negative ? -seconds : seconds;
	}

	private static double unitSeconds(String unit) {
		return switch (unit) {
			case "ns" -> 1e-9;
			case "us", "µs" -> 1e-6;
			case "ms" -> 1e-3;
			case "s" -> 1;
			case "m" -> 60;
			case "h" -> 3600;
			default -> 86400;
		};
	}

	/**
	 * A {@code TypeStringSlice}: a JSON array, or a single string as one element; values are trimmed.
	 * @return the values, or {@code null} if absent
	 */
	@Nullable List<String> stringSlice(String name) {
		return slice(name, false);
	}

	/**
	 * A {@code TypeCommaStringSlice}: a JSON array or a comma-separated string; values are trimmed.
	 * @return the values, or {@code null} if absent
	 */
	@Nullable List<String> commaSlice(String name) {
		return slice(name, true);
	}

	private @Nullable List<String> slice(String name, boolean commaSeparated) {
		if (!has(name)) {
			return null;
		}
		JsonNode node = this.data.get(name);
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			for (JsonNode element : node) {
				if (!element.isValueNode()) {
					throw invalid(name, node, "expected a list of strings");
				}
				values.add(element.asString().trim());
			}
		}
		else if (node.isValueNode()) {
			String text = node.asString();
			if (!text.isEmpty()) {
				for (String part : commaSeparated ? text.split(",", -1) : new String[] { text }) {
					values.add(part.trim());
				}
			}
		}
		else {
			throw invalid(name, node, "expected a list of strings");
		}
		return values;
	}

	/**
	 * A {@code TypeKVPairs}: a JSON object of values (converted to text), or {@code k=v} strings.
	 * @return the pairs, or {@code null} if absent
	 */
	@Nullable Map<String, String> keyValues(String name) {
		if (!has(name)) {
			return null;
		}
		JsonNode node = this.data.get(name);
		Map<String, String> pairs = new LinkedHashMap<>();
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				pairs.put(entry.getKey(), entry.getValue().asString());
			}
			return pairs;
		}
		List<String> items = commaSlice(name);
		for (String item : (items != null) ? items : List.<String>of()) {
			int equals = item.indexOf('=');
			if (equals <= 0) {
				throw invalid(name, node, "invalid key value pair: '" + item + "'");
			}
			pairs.put(item.substring(0, equals), item.substring(equals + 1));
		}
		return pairs;
	}

	private static DatabaseRequestException invalid(String name, JsonNode value, String reason) {
		String shown = value.isValueNode() ? value.asString() : value.toString();
		return DatabaseRequestException.badRequest(
				"Field validation failed: error converting input " + shown + " for field \"" + name + "\": " + reason);
	}

}
