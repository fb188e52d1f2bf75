package dev.vaultkv.autoconfigure.diagnostics;

import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reads the settings failure analyzers mention, never a credential.
 */
final class VaultSettings {

	private VaultSettings() {
	}

	static String address(Environment environment) {
		String uri = environment.getProperty("vault.uri");
		if (StringUtils.hasText(uri)) {
			return "'" + uri + "' (vault.uri)";
		}
		String address = environment.getProperty("VAULT_ADDR");
		return StringUtils.hasText(address) ? "'" + address + "' (VAULT_ADDR)" : "the configured address";
	}

	static String authentication(Environment environment) {
		return environment.getProperty("vault.authentication", "token").trim().toLowerCase(Locale.ROOT)
			.replace("-", "").replace("_", "");
	}

	static String credentialProperties(String method) {
		return switch (method) {
			case "approle" -> "vault.app-role.role-id and vault.app-role.secret-id (or secret-id-file), and "
					+ "vault.app-role.path";
			case "kubernetes" -> "vault.kubernetes.role, vault.kubernetes.service-account-token-file and "
					+ "vault.kubernetes.path";
			case "jwt" -> "vault.jwt.role, vault.jwt.token (or token-file) and vault.jwt.path";
			case "userpass" -> "vault.userpass.username, vault.userpass.password and vault.userpass.path";
			case "cert" -> "the client certificate in vault.ssl.bundle, vault.cert.name and vault.cert.path";
			default -> "vault.token (or the VAULT_TOKEN environment variable or ~/.vault-token)";
		};
	}

}
