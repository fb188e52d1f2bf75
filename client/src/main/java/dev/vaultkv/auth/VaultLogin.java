package dev.vaultkv.auth;

import java.util.Map;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Sends a login request for an auth method of your own, with the error handling of the built-in
 * methods: the request goes without a token, and a refusal (400, 403, an unknown role, a mount that does
 * not exist) becomes an {@link dev.vaultkv.client.AuthenticationException} whose message names the method,
 * mount and role, never the body's credentials.
 *
 * <pre class="code">
 * ClientAuthentication custom = new ClientAuthentication() {
 *
 *     public VaultAuth login(VaultClient client) {
 *         return VaultLogin.login(client, "radius", "radius", null, "login",
 *                 Map.of("username", user, "password", passwordSource.get()));
 *     }
 *
 *     public String getMethodName() {
 *         return "radius";
 *     }
 *
 * };
 * </pre>
 *
 * @since 0.1.0
 */
public final class VaultLogin {

	private VaultLogin() {
	}

	/**
	 * Log in at {@code auth/<mount>/<path>} in the client's namespace.
	 * @param client the client to send the login with
	 * @param method the display name of the method for messages ({@code RADIUS})
	 * @param mount the mount path of the auth method, with or without {@code auth/}
	 * @param role the role to name in messages, or {@code null}
	 * @param path the login path under the mount, such as {@code login} or {@code login/alice}
	 * @param body the login body; never shown in messages
	 * @return the issued auth block
	 * @throws dev.vaultkv.client.AuthenticationException if Vault refused the login
	 * @throws dev.vaultkv.client.VaultException for other failures
	 */
	public static VaultAuth login(VaultClient client, String method, String mount, @Nullable String role, String path,
			Map<String, ?> body) {
		return login(client, method, mount, role, null, path, body, null);
	}

	/**
	 * Log in at {@code auth/<mount>/<path>}.
	 * @param client the client to send the login with
	 * @param method the display name of the method for messages ({@code RADIUS})
	 * @param mount the mount path of the auth method, with or without {@code auth/}
	 * @param role the role to name in messages, or {@code null}
	 * @param namespace the namespace to log in at, {@code ""} for the root namespace, or {@code null} for the
	 * client's
	 * @param path the login path under the mount, such as {@code login} or {@code login/alice}
	 * @param body the login body; never shown in messages
	 * @param hint what to check when Vault refused the credentials (status 400), or {@code null}
	 * @return the issued auth block
	 * @throws dev.vaultkv.client.AuthenticationException if Vault refused the login
	 * @throws dev.vaultkv.client.VaultException for other failures
	 */
	public static VaultAuth login(VaultClient client, String method, String mount, @Nullable String role,
			@Nullable String namespace, String path, Map<String, ?> body, @Nullable String hint) {
		Assert.notNull(client, "'client' must not be null");
		Assert.hasText(method, "'method' must not be empty");
		Assert.hasText(mount, "'mount' must not be empty");
		Assert.hasText(path, "'path' must not be empty");
		Assert.notNull(body, "'body' must not be null");
		String normalized = LoginRequests.mount(mount, mount);
		String loginPath = path.strip();
		while (loginPath.startsWith("/")) {
			loginPath = loginPath.substring(1);
		}
		Assert.hasText(loginPath, "'path' must name the login path under the mount, such as 'login'");
		return LoginRequests.login(client, method, normalized, role, namespace,
				"auth/" + normalized + "/" + loginPath, body, hint);
	}

}
