package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates Azure auth method backends (type {@code azure}). Managed identity tokens are verified against the
 * key set at the config's {@code jwks_url} (embedded server only); see
 * {@code dev.vaultkv.embedded.standin.AzureImdsStandIn}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class AzureBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new AzureBackend(context);
	}

}
