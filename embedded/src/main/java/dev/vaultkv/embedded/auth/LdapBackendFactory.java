package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates LDAP auth method backends (type {@code ldap}). Logins search and bind against the LDAP directory
 * the mount's {@code config} names, with the JDK's JNDI LDAP provider.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class LdapBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new LdapBackend(context);
	}

}
