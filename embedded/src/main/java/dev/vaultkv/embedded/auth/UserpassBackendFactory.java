package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates userpass auth method backends (type {@code userpass}).
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class UserpassBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new UserpassBackend(context);
	}

}
