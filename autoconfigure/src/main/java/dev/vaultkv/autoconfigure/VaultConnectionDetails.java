package dev.vaultkv.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

import dev.vaultkv.client.VaultToken;

/**
 * Details required to connect to Vault: where it is, which namespace to use and, for services such as a
 * Testcontainers Vault or the embedded dev server, the token to use. Implementations must not reveal the
 * token in {@code toString()}.
 *
 * @since 0.1.0
 * @see PropertiesVaultConnectionDetails
 */
public interface VaultConnectionDetails extends ConnectionDetails {

	/**
	 * Return the address of the Vault server.
	 * @return the address, for example {@code https://vault.example.com:8200}
	 */
	URI getUri();

	/**
	 * Return the namespace secrets are read in.
	 * @return the namespace or {@code null} for the root namespace
	 */
	default @Nullable String getNamespace() {
		return null;
	}

	/**
	 * Return the namespace to log in to.
	 * @return the namespace or {@code null} for the root namespace
	 */
	default @Nullable String getAuthenticationNamespace() {
		return getNamespace();
	}

	/**
	 * Return the static token to use, when the connection supplies one. A token supplied here is used
	 * whatever {@code vault.authentication} says.
	 * @return the token or {@code null} to log in with the configured method
	 */
	default @Nullable VaultToken getToken() {
		return null;
	}

}
