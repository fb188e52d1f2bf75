package dev.vaultkv.auth;

import java.util.Map;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;

import org.springframework.util.Assert;

/**
 * Logs in with the JWT auth method ({@code POST auth/<path>/login} with {@code jwt} and an optional
 * {@code role}). The JWT is obtained again on every login.
 *
 * @since 0.1.0
 */
public final class JwtAuthentication implements ClientAuthentication {

	private final JwtAuthenticationOptions options;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public JwtAuthentication(JwtAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		Map<String, Object> body = LoginRequests.body(this.options.getRole());
		body.put("jwt", this.options.getJwt().obtain("JWT"));
		return LoginRequests.login(client, "JWT", this.options, this.options.getRole(), body,
				"check the role (its role_type must be 'jwt') and the JWT's audience, subject and expiry");
	}

	@Override
	public String getMethodName() {
		return "jwt";
	}

	@Override
	public String toString() {
		return "JwtAuthentication[" + this.options + "]";
	}

}
