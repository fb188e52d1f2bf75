package dev.vaultkv.embedded.server.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses policies written in HCL or JSON. Attributes other than {@code capabilities} and the legacy
 * {@code policy} shorthand (such as {@code allowed_parameters}) are accepted and ignored.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class PolicyParser {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private PolicyParser() {
	}

	/**
	 * Parse a policy.
	 * @param name the policy name
	 * @param text the HCL or JSON text
	 * @return the policy
	 * @throws IllegalArgumentException with a reason (without the {@code failed to parse policy: } prefix)
	 * @since 0.1.0
	 */
	public static Policy parse(String name, String text) {
		List<PathRule> rules = new ArrayList<>();
		String trimmed = text.strip();
		if (trimmed.startsWith("{")) {
			parseJson(trimmed, rules);
		}
		else {
			parseHcl(trimmed, rules);
		}
		return new Policy(name, text, List.copyOf(rules));
	}

	private static void parseHcl(String text, List<PathRule> rules) {
		Hcl.Body body = Hcl.parse(text);
		for (Hcl.Item item : body.items()) {
			if (!item.key().equals("path")) {
				continue;
			}
			if (!item.block()) {
				throw new IllegalArgumentException("path must be a block");
			}
			Hcl.Body pathBody = (Hcl.Body) item.value();
			if (item.labels().isEmpty()) {
				// path = { "secret/*" = { capabilities = [...] } }
				for (Hcl.Item nested : pathBody.items()) {
					if (!nested.block()) {
						throw new IllegalArgumentException("path \"" + nested.key() + "\" must be a block");
					}
					rules.add(rule(nested.key(), (Hcl.Body) nested.value()));
				}
			}
			else {
				rules.add(rule(item.labels().get(0), pathBody));
			}
		}
	}

	private static PathRule rule(String pattern, Hcl.Body body) {
		int bits = 0;
		for (Hcl.Item attribute : body.items()) {
			if (attribute.key().equals("capabilities")) {
				if (!(attribute.value() instanceof List<?> list)) {
					throw new IllegalArgumentException("path \"" + pattern + "\": capabilities must be a list");
				}
				for (Object element : list) {
					bits |= capability(pattern, String.valueOf(element));
				}
			}
			else if (attribute.key().equals("policy") && attribute.value() instanceof String legacy) {
				bits |= legacy(pattern, legacy);
			}
		}
		return newRule(pattern, bits);
	}

	private static void parseJson(String text, List<PathRule> rules) {
		JsonNode root;
		try {
			root = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(ex.getOriginalMessage());
		}
		JsonNode paths = root.get("path");
		if (paths == null || paths.isNull()) {
			return;
		}
		List<JsonNode> containers = new ArrayList<>();
		if (paths.isArray()) {
			paths.forEach(containers::add);
		}
		else {
			containers.add(paths);
		}
		for (JsonNode container : containers) {
			if (!container.isObject()) {
				throw new IllegalArgumentException("path must be an object");
			}
			for (Map.Entry<String, JsonNode> entry : container.properties()) {
				String pattern = entry.getKey();
				JsonNode definition = entry.getValue();
				if (definition.isArray() && !definition.isEmpty()) {
					definition = definition.get(0);
				}
				int bits = 0;
				JsonNode capabilities = definition.get("capabilities");
				if (capabilities != null && capabilities.isArray()) {
					for (JsonNode capability : capabilities) {
						bits |= capability(pattern, capability.asString());
					}
				}
				else if (capabilities != null && !capabilities.isNull()) {
					throw new IllegalArgumentException("path \"" + pattern + "\": capabilities must be a list");
				}
				JsonNode legacy = definition.get("policy");
				if (legacy != null && legacy.isString()) {
					bits |= legacy(pattern, legacy.asString());
				}
				rules.add(newRule(pattern, bits));
			}
		}
	}

	private static PathRule newRule(String pattern, int bits) {
		String cleaned = pattern.startsWith("/") ? pattern.substring(1) : pattern;
		int star = cleaned.indexOf('*');
		if (star >= 0 && star != cleaned.length() - 1) {
			throw new IllegalArgumentException("path \"" + pattern + "\": invalid use of wildcard '*': only allowed as the last character");
		}
		return new PathRule(cleaned, bits);
	}

	private static int capability(String pattern, String name) {
		Capability capability = Capability.of(name);
		if (capability == null) {
			throw new IllegalArgumentException("path \"" + pattern + "\": invalid capability \"" + name + "\"");
		}
		return capability.bit();
	}

	private static int legacy(String pattern, String policy) {
		int read = Capability.READ.bit() | Capability.LIST.bit();
		int write = read | Capability.CREATE.bit() | Capability.UPDATE.bit() | Capability.DELETE.bit()
				| Capability.PATCH.bit();
		return switch (policy) {
			case "deny" -> Capability.DENY.bit();
			case "read" -> read;
			case "write" -> write;
			case "sudo" -> write | Capability.SUDO.bit();
			default -> throw new IllegalArgumentException("path \"" + pattern + "\": invalid policy \"" + policy + "\"");
		};
	}

}
