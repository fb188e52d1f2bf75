package dev.vaultkv.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Logs in with AppRole ({@code POST auth/<path>/login} with {@code role_id} and, unless the role binds
 * none, {@code secret_id}). The secret_id may be a value, a file read on every login, a supplier, or a
 * response-wrapping token unwrapped once.
 *
 * @since 0.1.0
 */
public final class AppRoleAuthentication implements ClientAuthentication {

	private final AppRoleAuthenticationOptions options;

	private final @Nullable WrappedCredential wrappedRoleId;

	private final @Nullable WrappedCredential wrappedSecretId;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public AppRoleAuthentication(AppRoleAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
		this.wrappedRoleId = (options.getWrappedRoleId() != null)
				? new WrappedCredential(options.getWrappedRoleId(), "role_id", "AppRole role_id") : null;
		this.wrappedSecretId = (options.getWrappedSecretId() != null)
				? new WrappedCredential(options.getWrappedSecretId(), "secret_id", "AppRole secret_id") : null;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		String namespace = this.options.getNamespace();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("role_id", (this.wrappedRoleId != null) ? this.wrappedRoleId.obtain(client, namespace)
				: this.options.getRoleId().obtain("AppRole role_id"));
		if (this.wrappedSecretId != null) {
			body.put("secret_id", this.wrappedSecretId.obtain(client, namespace));
		}
		else if (this.options.getSecretId() != null) {
			body.put("secret_id", this.options.getSecretId().obtain("AppRole secret_id"));
		}
		String hint = (this.wrappedSecretId != null) ? "the secret_id unwrapped from the wrapping token is reused "
				+ "for every login; when it is used up or expired, provide a new wrapping token" : null;
		return LoginRequests.login(client, "AppRole", this.options, this.options.getRoleName(), body, hint);
	}

	@Override
	public String getMethodName() {
		return "approle";
	}

	@Override
	public String toString() {
		return "AppRoleAuthentication[" + this.options + "]";
	}

}
