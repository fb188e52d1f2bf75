package dev.vaultkv.embedded.database;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How Vault's database plugins turn a role's statements into queries: each statement may be base64 or a
 * JSON array, is split on {@code ;} ({@code strutil.ParseArbitraryStringSlice}), and has its
 * {@code {{name}}}-style placeholders replaced by plain text substitution ({@code dbutil.QueryHelper}).
 *
 * @author vaultkv
 */
final class Statements {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Statements() {
	}

	/**
	 * Split one statement into trimmed, non-empty queries.
	 */
	static List<String> split(String statement) {
		String input = statement.trim();
		List<String> queries = new ArrayList<>();
		if (input.isEmpty()) {
			return queries;
		}
		try {
			input = new String(Base64.getDecoder().decode(input), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// not base64: the statement itself
		}
		List<String> parts = jsonArray(input);
		if (parts == null) {
			parts = List.of(input.split(";", -1));
		}
		for (String part : parts) {
			String query = part.trim();
			if (!query.isEmpty()) {
				queries.add(query);
			}
		}
		return queries;
	}

	private static List<String> jsonArray(String input) {
		if (!input.startsWith("[")) {
			return null;
		}
		try {
			JsonNode node = MAPPER.readTree(input);
			if (!node.isArray()) {
				return null;
			}
			List<String> values = new ArrayList<>();
			for (JsonNode element : node) {
				if (!element.isString()) {
					return null;
				}
				values.add(element.asString());
			}
			return values;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Replace {@code {{key}}} by its value for each entry.
	 */
	static String render(String query, Map<String, String> values) {
		String rendered = query;
		for (Map.Entry<String, String> entry : values.entrySet()) {
			rendered = rendered.replace("{{" + entry.getKey() + "}}", entry.getValue());
		}
		return rendered;
	}

}
