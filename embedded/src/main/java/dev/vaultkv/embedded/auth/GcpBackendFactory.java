package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates GCP auth method backends (type {@code gcp}). Keys and service accounts are fetched from the
 * Google API addresses of the config's {@code custom_endpoint}; see
 * {@code dev.vaultkv.embedded.standin.GoogleCloudStandIn}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class GcpBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new GcpBackend(context);
	}

}
