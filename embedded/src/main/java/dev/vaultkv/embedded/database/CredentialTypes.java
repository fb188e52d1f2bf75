package dev.vaultkv.embedded.database;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code credential_type} and {@code credential_config} of roles. Only passwords can be issued: the
 * SQL plugins support no other type, as in Vault ({@code unsupported credential_type}).
 *
 * @author vaultkv
 */
final class CredentialTypes {

	static final String PASSWORD = "password";

	private CredentialTypes() {
	}

	static String validate(String type) {
		return switch (type) {
			case PASSWORD, "rsa_private_key", "client_certificate" -> type;
			default -> throw DatabaseRequestException.badRequest("invalid credential_type \"" + type + "\"");
		};
	}

	/**
	 * Validate a {@code credential_config} for a type and fill in its defaults, as Vault's generators do.
	 */
	static Map<String, String> config(String type, Map<String, String> config) {
		Map<String, String> result = new LinkedHashMap<>();
		switch (type) {
			case PASSWORD -> {
				String policy = config.getOrDefault("password_policy", "");
				if (!policy.isEmpty()) {
					result.put("password_policy", policy);
				}
			}
			case "rsa_private_key" -> {
				String format = config.getOrDefault("format", "").toLowerCase(Locale.ROOT);
				if (!format.isEmpty() && !format.equals("pkcs8")) {
					throw invalid("invalid format: " + config.get("format"));
				}
				String bits = config.getOrDefault("key_bits", "0");
				if (!bits.matches("0|2048|3072|4096")) {
					throw invalid("invalid key_bits: " + bits);
				}
				result.put("format", "pkcs8");
				result.put("key_bits", bits.equals("0") ? "2048" : bits);
			}
			default -> result.putAll(config);
		}
		return result;
	}

	private static DatabaseRequestException invalid(String reason) {
		return DatabaseRequestException.badRequest("credential_config validation failed: " + reason);
	}

	/**
	 * A password from the role's or the configuration's password policy, or Vault's default generator. Named
	 * policies ({@code sys/policies/password}) are not served, so naming one fails as an unknown policy does.
	 */
	static String password(Map<String, String> credentialConfig, String configPolicy) {
		String policy = credentialConfig.getOrDefault("password_policy", "");
		if (policy.isEmpty()) {
			policy = configPolicy;
		}
		if (!policy.isEmpty()) {
			throw new DatabaseException("failed to generate password: no password policy found");
		}
		return PasswordGenerator.generate();
	}

}
