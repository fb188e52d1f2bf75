package dev.vaultkv.env;

import java.util.List;

import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationNotFoundException;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

import dev.vaultkv.secret.InvalidSecretReferenceException;
import dev.vaultkv.secret.SecretReference;

/**
 * Resolves {@code spring.config.import=vault:<path>[?prefix=<prefix>]} locations, for example
 * {@code vault:myapp/db}, {@code optional:vault:myapp/db}, {@code vault:team-kv//myapp/db#3} or
 * {@code vault:myapp/db?prefix=db.}. The path follows the {@link SecretReference} syntax without a key.
 *
 * @since 0.1.0
 */
public class VaultConfigDataLocationResolver implements ConfigDataLocationResolver<VaultConfigDataResource> {

	/**
	 * The location prefix.
	 */
	public static final String PREFIX = "vault:";

	private static final String PREFIX_PARAMETER = "prefix=";

	@Override
	public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		return location.hasPrefix(PREFIX);
	}

	@Override
	public List<VaultConfigDataResource> resolve(ConfigDataLocationResolverContext context,
			ConfigDataLocation location) throws ConfigDataLocationNotFoundException, ConfigDataResourceNotFoundException {
		Binder binder = context.getBinder();
		if (!binder.bind("vault.enabled", Boolean.class).orElse(true)) {
			return List.of();
		}
		VaultBootstrap.get(context.getBootstrapContext(), binder, new StandardEnvironment());
		String value = location.getNonPrefixedValue(PREFIX);
		String prefix = "";
		int query = value.indexOf('?');
		if (query >= 0) {
			String parameter = value.substring(query + 1);
			if (!parameter.startsWith(PREFIX_PARAMETER)) {
				throw new InvalidSecretReferenceException(value,
						"the only parameter a config data import takes is '?prefix=<prefix>'");
			}
			prefix = parameter.substring(PREFIX_PARAMETER.length());
			value = value.substring(0, query);
		}
		SecretReference reference = SecretReference.parse(value);
		if (reference.key() != null) {
			throw new InvalidSecretReferenceException(value,
					"a config data import takes a whole secret, without ':key'");
		}
		return List.of(new VaultConfigDataResource(reference, prefix, location.isOptional()));
	}

}
