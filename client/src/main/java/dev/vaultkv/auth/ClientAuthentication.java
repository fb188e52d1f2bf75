package dev.vaultkv.auth;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;

/**
 * A way to log in to Vault. One implementation per auth method; each holds its settings in an
 * immutable options object whose {@code toString()} masks every credential.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClientAuthentication {

	/**
	 * Log in and return the {@code auth} block Vault issued. Login requests are sent without a token.
	 * @param client the client to send the login with
	 * @return the issued token and its lease
	 * @throws dev.vaultkv.client.AuthenticationException if Vault refused the credentials
	 * @throws dev.vaultkv.client.VaultException for other failures
	 */
	VaultAuth login(VaultClient client);

	/**
	 * Return a short name of the auth method for logs, events and metrics tags (never a credential),
	 * such as {@code approle} or {@code kubernetes}.
	 * @return the method name
	 */
	default String getMethodName() {
		return "custom";
	}

}
