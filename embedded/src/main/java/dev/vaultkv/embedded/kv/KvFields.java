package dev.vaultkv.embedded.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters one KV endpoint declares, with Vault's framework behaviour around them: every declared
 * parameter present is type-checked before the handler runs, and undeclared ones become the
 * {@code Endpoint ignored these unrecognized parameters} warning of a successful response.
 *
 * @author vaultkv
 */
final class KvFields {

	enum Type {

		STRING, INT, BOOL, DURATION_SECOND, MAP, COMMA_INT_SLICE

	}

	private final Map<String, Type> schema;

	private final ObjectNode raw;

	private KvFields(Map<String, Type> schema, ObjectNode raw) {
		this.schema = schema;
		this.raw = raw;
	}

	/**
	 * Check every declared parameter present in the request data.
	 * @throws KvRequestException {@code Field validation failed: ...} for the first that does not convert
	 */
	static KvFields validate(Map<String, Type> schema, ObjectNode raw) {
		for (Map.Entry<String, JsonNode> member : raw.properties()) {
			Type type = schema.get(member.getKey());
			if (type != null) {
				decode(member.getKey(), type, member.getValue());
			}
		}
		return new KvFields(schema, raw);
	}

	private static void decode(String name, Type type, JsonNode value) {
		switch (type) {
			case INT -> FieldDecoder.toInt(name, value);
			case BOOL -> FieldDecoder.toBool(name, value);
			case DURATION_SECOND -> FieldDecoder.toDurationSeconds(name, value);
			case MAP -> FieldDecoder.toMap(name, value);
			case COMMA_INT_SLICE -> FieldDecoder.toCommaIntSlice(name, value);
			case STRING -> {
				if (value.isContainer()) {
					throw FieldDecoder.invalid(name, value, "'' expected type 'string', got unconvertible type '"
							+ (value.isObject() ? "map[string]interface {}" : "[]interface {}") + "'");
				}
			}
		}
	}

	boolean has(String name) {
		return this.raw.has(name);
	}

	@Nullable JsonNode raw(String name) {
		return this.raw.get(name);
	}

	long intValue(String name) {
		JsonNode value = this.raw.get(name);
		return (value != null) ? FieldDecoder.toInt(name, value) : 0;
	}

	@Nullable Long optionalInt(String name) {
		JsonNode value = this.raw.get(name);
		return (value != null) ? FieldDecoder.toInt(name, value) : null;
	}

	boolean boolValue(String name) {
		JsonNode value = this.raw.get(name);
		return value != null && FieldDecoder.toBool(name, value);
	}

	@Nullable Boolean optionalBool(String name) {
		JsonNode value = this.raw.get(name);
		return (value != null) ? FieldDecoder.toBool(name, value) : null;
	}

	@Nullable Long optionalDurationSeconds(String name) {
		JsonNode value = this.raw.get(name);
		return (value != null) ? FieldDecoder.toDurationSeconds(name, value) : null;
	}

	@Nullable ObjectNode map(String name) {
		JsonNode value = this.raw.get(name);
		return (value != null) ? FieldDecoder.toMap(name, value) : null;
	}

	List<Long> intSlice(String name) {
		JsonNode value = this.raw.get(name);
		return (value != null) ? FieldDecoder.toCommaIntSlice(name, value) : List.of();
	}

	/**
	 * The warnings Vault adds to a successful non-empty response: ignored parameters, and a {@code path}
	 * parameter overridden by the path in the URL.
	 * @param pathCaptured whether the endpoint captures {@code path} from the URL
	 * @return the warnings, possibly none
	 */
	List<String> warnings(boolean pathCaptured) {
		List<String> ignored = new ArrayList<>();
		for (String name : this.raw.propertyNames()) {
			if (!this.schema.containsKey(name)) {
				ignored.add(name);
			}
		}
		List<String> warnings = new ArrayList<>();
		if (!ignored.isEmpty()) {
			ignored.sort(null);
			warnings.add("Endpoint ignored these unrecognized parameters: [" + String.join(" ", ignored) + "]");
		}
		if (pathCaptured && this.raw.has("path")) {
			warnings.add("Endpoint replaced the value of these parameters with the values captured from the "
					+ "endpoint's path: [path]");
		}
		return warnings;
	}

}
