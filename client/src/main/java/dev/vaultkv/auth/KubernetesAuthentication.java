package dev.vaultkv.auth;

import java.util.Map;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;

import org.springframework.util.Assert;

/**
 * Logs in with the Kubernetes auth method ({@code POST auth/<path>/login} with {@code role} and the
 * pod's service account token). The token is read again on every login, because Kubernetes rotates
 * projected service account tokens.
 *
 * @since 0.1.0
 */
public final class KubernetesAuthentication implements ClientAuthentication {

	private final KubernetesAuthenticationOptions options;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public KubernetesAuthentication(KubernetesAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		String jwt = this.options.getJwt().obtain("Kubernetes service account token");
		return LoginRequests.login(client, "Kubernetes", this.options, this.options.getRole(),
				Map.of("role", this.options.getRole(), "jwt", jwt),
				"check that the role exists and binds this service account and namespace");
	}

	@Override
	public String getMethodName() {
		return "kubernetes";
	}

	@Override
	public String toString() {
		return "KubernetesAuthentication[" + this.options + "]";
	}

}
