package dev.vaultkv.auth;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;

import org.springframework.util.Assert;

/**
 * Logs in with the LDAP auth method ({@code POST auth/<path>/login/<username>} with {@code password}); Vault
 * binds to its directory as the user. The username is percent-encoded in the path; the password is read from
 * its source on every login and never logged nor put in a message.
 *
 * @since 0.1.0
 */
public final class LdapAuthentication implements ClientAuthentication {

	private final LdapAuthenticationOptions options;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public LdapAuthentication(LdapAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		return LoginRequests.passwordLogin(client, "LDAP", this.options, "check the password of user '"
				+ this.options.getUsername() + "' and the mount's url, binddn, userdn and userattr");
	}

	@Override
	public String getMethodName() {
		return "ldap";
	}

	@Override
	public String toString() {
		return "LdapAuthentication[" + this.options + "]";
	}

}
