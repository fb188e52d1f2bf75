package dev.vaultkv.autoconfigure.diagnostics;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reads the settings failure analyzers mention, never a credential. The environment is {@code null} when
 * startup failed before the application context existed (a {@code vault:} config data import): Boot then
 * creates the analyzers without one, and what the exception says stands in for the settings.
 */
final class VaultSettings {

	private VaultSettings() {
	}

	static String address(@Nullable Environment environment) {
		if (environment == null) {
			return "the configured address";
		}
		String uri = environment.getProperty("vault.uri");
		if (StringUtils.hasText(uri)) {
			return "'" + uri + "' (vault.uri)";
		}
		String address = environment.getProperty("VAULT_ADDR");
		return StringUtils.hasText(address) ? "'" + address + "' (VAULT_ADDR)" : "the configured address";
	}

	static String authentication(@Nullable Environment environment, @Nullable String path) {
		if (environment == null) {
			return (path != null && path.startsWith("auth/") && path.indexOf('/', 5) > 5
					&& !path.startsWith("auth/token/")) ? path.substring(5, path.indexOf('/', 5)) : "token";
		}
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
			case "ldap" -> "vault.ldap.username, vault.ldap.password (or password-file) and vault.ldap.path";
			case "github" -> "vault.github.token (or token-file) and vault.github.path";
			case "gcpgce" -> "vault.gcp-gce.role, vault.gcp-gce.service-account, vault.gcp-gce.audience and "
					+ "vault.gcp-gce.path, and the role's bound projects, zones and service accounts";
			case "gcpiam" -> "vault.gcp-iam.role, vault.gcp-iam.service-account and vault.gcp-iam.path, the role's "
					+ "bound service accounts and max_jwt_exp, and that the caller may sign JWTs for the service "
					+ "account (roles/iam.serviceAccountTokenCreator)";
			case "gcp" -> "vault.gcp-gce.* or vault.gcp-iam.* (role, service account, path) and the role's bindings";
			case "azure" -> "vault.azure.role, vault.azure.resource (the resource of the mount's config) and "
					+ "vault.azure.path, and the role's bound service principals, subscriptions and resource groups";
			case "wrappedtoken" -> "vault.wrapped-token.token (or token-file): a response-wrapping token is single "
					+ "use, so give a freshly wrapped one";
			case "awsiam" -> "vault.aws-iam.role, the AWS credentials (vault.aws-iam.access-key-id, the AWS_* "
					+ "environment variables or the AWS SDK chain), vault.aws-iam.server-id, vault.aws-iam.region "
					+ "and vault.aws-iam.path";
			case "awsec2" -> "vault.aws-ec2.role, vault.aws-ec2.nonce (a nonce other than the instance's first "
					+ "one is refused), the certificate registered in the auth method and vault.aws-ec2.path";
			case "aws" -> "vault.aws-iam.* or vault.aws-ec2.* (role, credentials, nonce and path)";
			default -> "vault.token (or the VAULT_TOKEN environment variable or ~/.vault-token)";
		};
	}

}
