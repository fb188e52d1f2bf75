package dev.vaultkv.embedded.kv;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes request parameters with the weak typing of Vault's framework field schemas ({@code TypeInt},
 * {@code TypeBool}, {@code TypeDurationSecond}, {@code TypeMap}, {@code TypeCommaIntSlice}): numeric strings
 * are numbers, {@code "true"} is a boolean, and anything that does not convert is a 400
 * {@code Field validation failed: ...}.
 *
 * @author vaultkv
 */
final class FieldDecoder {

	private FieldDecoder() {
	}

	static long toInt(String field, JsonNode value) {
		if (value.isNull()) {
			return 0;
		}
		if (value.isBoolean()) {
			return value.booleanValue() ? 1 : 0;
		}
		if (value.isNumber()) {
			if (value.isIntegralNumber() && value.canConvertToLong()) {
				return value.longValue();
			}
			throw invalid(field, value, "error decoding json.Number into : strconv.ParseInt: parsing "
					+ GoStrings.quote(value.toString()) + ": invalid syntax");
		}
		if (value.isString()) {
			String text = value.stringValue().trim();
			if (text.isEmpty()) {
				return 0;
			}
			try {
				return Long.parseLong(text);
			}
			catch (NumberFormatException ex) {
				throw invalid(field, value, "cannot parse '' as int: strconv.ParseInt: parsing "
						+ GoStrings.quote(value.stringValue()) + ": invalid syntax");
			}
		}
		throw invalid(field, value, "'' expected type 'int', got unconvertible type '" + goType(value) + "'");
	}

	static boolean toBool(String field, JsonNode value) {
		if (value.isNull()) {
			return false;
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isNumber()) {
			return value.doubleValue() != 0;
		}
		if (value.isString()) {
			String text = value.stringValue();
			switch (text) {
				case "1", "t", "T", "TRUE", "true", "True":
					return true;
				case "", "0", "f", "F", "FALSE", "false", "False":
					return false;
				default:
					throw invalid(field, value, "cannot parse '' as bool: strconv.ParseBool: parsing "
							+ GoStrings.quote(text) + ": invalid syntax");
			}
		}
		throw invalid(field, value, "'' expected type 'bool', got unconvertible type '" + goType(value) + "'");
	}

	static long toDurationSeconds(String field, JsonNode value) {
		if (value.isNull()) {
			return 0;
		}
		if (value.isNumber()) {
			if (value.isIntegralNumber() && value.canConvertToLong()) {
				return value.longValue();
			}
			return parseDurationText(field, value, value.toString());
		}
		if (value.isString()) {
			return parseDurationText(field, value, value.stringValue());
		}
		throw invalid(field, value, "could not parse duration from input");
	}

	private static long parseDurationText(String field, JsonNode value, String text) {
		if (text.isEmpty()) {
			return 0;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			// fall through to the other forms
		}
		if (text.endsWith("d")) {
			try {
				return Math.multiplyExact(Long.parseLong(text.substring(0, text.length() - 1)), 86_400L);
			}
			catch (NumberFormatException | ArithmeticException ex) {
				throw invalid(field, value, "strconv.ParseInt: parsing "
						+ GoStrings.quote(text.substring(0, text.length() - 1)) + ": invalid syntax");
			}
		}
		try {
			return GoDurations.parseNanos(text) / 1_000_000_000L;
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field, value, ex.getMessage());
		}
	}

	/**
	 * Decode a map field; JSON {@code null} decodes to {@code null} (an empty map to Vault).
	 */
	static @Nullable ObjectNode toMap(String field, JsonNode value) {
		if (value.isNull()) {
			return null;
		}
		if (value.isObject()) {
			return (ObjectNode) value;
		}
		throw invalid(field, value, "'' expected a map, got '" + goKind(value) + "'");
	}

	static List<Long> toCommaIntSlice(String field, JsonNode value) {
		List<Long> result = new ArrayList<>();
		if (value.isNull()) {
			return result;
		}
		if (value.isArray()) {
			for (JsonNode element : value.values()) {
				result.add(toInt(field, element));
			}
			return result;
		}
		if (value.isString()) {
			for (String part : value.stringValue().split(",")) {
				String trimmed = part.trim();
				if (!trimmed.isEmpty()) {
					result.add(toInt(field, JsonNodeFactory.instance.stringNode(trimmed)));
				}
			}
			return result;
		}
		result.add(toInt(field, value));
		return result;
	}

	static KvRequestException invalid(String field, JsonNode value, String detail) {
		return new KvRequestException("Field validation failed: error converting input " + goValue(value)
				+ " for field " + GoStrings.quote(field) + ": " + detail);
	}

	private static String goValue(JsonNode value) {
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isNull()) {
			return "<nil>";
		}
		if (value.isNumber()) {
			return new BigDecimal(value.toString()).toPlainString();
		}
		return value.toString();
	}

	private static String goType(JsonNode value) {
		if (value.isObject()) {
			return "map[string]interface {}";
		}
		if (value.isArray()) {
			return "[]interface {}";
		}
		if (value.isNumber()) {
			return "json.Number";
		}
		return value.getNodeType().name().toLowerCase(Locale.ROOT);
	}

	private static String goKind(JsonNode value) {
		if (value.isArray()) {
			return "slice";
		}
		if (value.isString()) {
			return "string";
		}
		if (value.isBoolean()) {
			return "bool";
		}
		return value.isNumber() ? "string" : goType(value);
	}

}
