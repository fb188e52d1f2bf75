package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates JWT auth method backends (type {@code jwt}; also suitable for {@code oidc} mounts used for JWT
 * logins). Keys come from {@code jwt_validation_pubkeys} or a {@code jwks_url}; see {@link JwtMinter}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class JwtBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new JwtBackend(context);
	}

}
