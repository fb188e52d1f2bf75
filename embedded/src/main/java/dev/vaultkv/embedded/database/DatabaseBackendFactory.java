package dev.vaultkv.embedded.database;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates {@code database} secrets engine backends.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class DatabaseBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new DatabaseBackend(context);
	}

}
