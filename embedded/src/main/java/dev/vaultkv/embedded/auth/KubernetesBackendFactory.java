package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates Kubernetes auth method backends (type {@code kubernetes}). Service account tokens are verified
 * locally against the configured {@code pem_keys}; see {@link JwtMinter#kubernetesServiceAccountToken}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class KubernetesBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new KubernetesBackend(context);
	}

}
