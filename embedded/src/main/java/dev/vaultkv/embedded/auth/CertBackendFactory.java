package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates TLS certificate auth method backends (type {@code cert}).
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class CertBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new CertBackend(context);
	}

}
