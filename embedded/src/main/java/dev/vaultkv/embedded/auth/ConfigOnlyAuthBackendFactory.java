package dev.vaultkv.embedded.auth;

import java.util.Objects;
import java.util.Set;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates backends for Vault's built-in auth methods whose login needs an outside service ({@code okta},
 * {@code radius}, {@code oci},
 * {@code kerberos}, {@code alicloud}, {@code cf}): they mount, list in {@code sys/auth} and store their
 * configuration; their login answers 400, as it is not served.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class ConfigOnlyAuthBackendFactory implements BackendFactory {

	/**
	 * Return the auth method types this factory serves.
	 * @return the types
	 * @since 0.1.0
	 */
	public static Set<String> types() {
		return ConfigOnlyAuthBackend.Layout.BUILT_IN.keySet();
	}

	@Override
	public Backend create(MountContext context) {
		ConfigOnlyAuthBackend.Layout layout = Objects.requireNonNull(
				ConfigOnlyAuthBackend.Layout.BUILT_IN.get(context.type()), () -> "no layout for " + context.type());
		return new ConfigOnlyAuthBackend(context, layout);
	}

}
