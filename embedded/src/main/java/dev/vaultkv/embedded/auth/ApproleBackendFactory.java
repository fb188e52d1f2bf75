package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates AppRole auth method backends (type {@code approle}).
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class ApproleBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new ApproleBackend(context);
	}

}
