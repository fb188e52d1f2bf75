package dev.vaultkv.embedded.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claim look-up and matching as the JWT auth method does it: a claim name starting with {@code /} is a JSON
 * pointer into nested claims; bound claims compare strings, booleans and integers, or globs.
 *
 * @author vaultkv
 */
final class Claims {

	private Claims() {
	}

	static @Nullable JsonNode get(ObjectNode claims, String name) {
		JsonNode value;
		if (name.startsWith("/")) {
			try {
				value = claims.at(JsonPointer.compile(name));
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		else {
			value = claims.get(name);
		}
		return (value == null || value.isMissingNode() || value.isNull()) ? null : value;
	}

	/**
	 * Check that every bound claim is present with one of its allowed values.
	 * @param boundClaims the bound claims (claim name to a value or list of values)
	 * @param glob whether bound values are globs
	 * @param claims the token claims
	 * @return an error message, or {@code null} if all bound claims match
	 */
	static @Nullable String checkBoundClaims(ObjectNode boundClaims, boolean glob, ObjectNode claims) {
		for (Map.Entry<String, JsonNode> bound : boundClaims.properties()) {
			JsonNode actual = get(claims, bound.getKey());
			if (actual == null) {
				return "claim \"" + bound.getKey() + "\" is missing";
			}
			List<String> actualValues = normalize(actual);
			if (actualValues == null) {
				return "received claim is not a string, bool, int or list: " + actual;
			}
			List<String> expectedValues = normalize(bound.getValue());
			if (expectedValues == null) {
				return "bound claim is not a string, bool, int or list: " + bound.getValue();
			}
			if (!matchFound(expectedValues, actualValues, glob)) {
				return "claim \"" + bound.getKey() + "\" does not match any associated bound claim values";
			}
		}
		return null;
	}

	private static boolean matchFound(List<String> expected, List<String> actual, boolean glob) {
		for (String expectedValue : expected) {
			for (String actualValue : actual) {
				if (glob) {
					if (expectedValue.startsWith("s:") && actualValue.startsWith("s:")
							&& Globs.matches(expectedValue.substring(2), actualValue.substring(2))) {
						return true;
					}
				}
				else if (expectedValue.equals(actualValue)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Typed string forms ({@code s:}, {@code b:}, {@code n:}) so that {@code "5"} and {@code 5} differ while
	 * {@code 5} and {@code 5.0} match, as in Vault.
	 */
	private static @Nullable List<String> normalize(JsonNode value) {
		List<String> values = new ArrayList<>();
		if (value.isArray()) {
			for (JsonNode element : value) {
				String typed = typed(element);
				if (typed != null) {
					values.add(typed);
				}
			}
			return values;
		}
		String typed = typed(value);
		if (typed == null) {
			return null;
		}
		values.add(typed);
		return values;
	}

	private static @Nullable String typed(JsonNode value) {
		if (value.isString()) {
			return "s:" + value.stringValue();
		}
		if (value.isBoolean()) {
			return "b:" + value.booleanValue();
		}
		if (value.isNumber()) {
			return "n:" + value.asLong();
		}
		return null;
	}

	/**
	 * Build token metadata from claim mappings (claim to metadata key).
	 * @throws AuthRequestException if a mapped claim is not a string
	 */
	static Map<String, String> mapClaims(ObjectNode claims, Map<String, String> mappings) {
		Map<String, String> metadata = new LinkedHashMap<>();
		mappings.forEach((source, target) -> {
			JsonNode value = get(claims, source);
			if (value != null) {
				if (!value.isString()) {
					throw AuthRequestException.badRequest("error converting claim '" + source + "' to string");
				}
				metadata.put(target, value.stringValue());
			}
		});
		return metadata;
	}

}
