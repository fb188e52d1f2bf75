package dev.vaultkv.auth;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;

import org.springframework.util.Assert;

/**
 * Logs in with the userpass auth method ({@code POST auth/<path>/login/<username>} with
 * {@code password}).
 *
 * @since 0.1.0
 */
public final class UserpassAuthentication implements ClientAuthentication {

	private final UserpassAuthenticationOptions options;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public UserpassAuthentication(UserpassAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		return LoginRequests.passwordLogin(client, "userpass", this.options, "check the username and password");
	}

	@Override
	public String getMethodName() {
		return "userpass";
	}

	@Override
	public String toString() {
		return "UserpassAuthentication[" + this.options + "]";
	}

}
