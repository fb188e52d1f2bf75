package dev.vaultkv.env;

import java.util.List;

import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationNotFoundException;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;

import dev.vaultkv.secret.InvalidSecretReferenceException;
import dev.vaultkv.secret.SecretReference;

/**
 * Resolves {@code spring.config.import=vault:<path>[?prefix=<prefix>]} locations, for example
 * {@code vault:myapp/db}, {@code optional:vault:myapp/db}, {@code vault:team-kv//myapp/db#3} or
 * {@code vault:myapp/db?prefix=db.}. The path follows the {@link SecretReference} syntax without a key.
 * {@code vault:} without a path stands for the conventional contexts. Nothing is read here: what a location
 * stands for is read once config data processing is complete, when every profile document that applies
 * has been seen ({@link VaultEnvironmentPostProcessor}).
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
		String value = location.getNonPrefixedValue(PREFIX);
		if (value.isEmpty()) {
			return List.of(VaultConfigDataResource.conventionalContexts(location.isOptional()));
		}
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
			if (value.isEmpty()) {
				throw new InvalidSecretReferenceException("?" + parameter,
						"'vault:' without a path reads the conventional contexts and takes no prefix");
			}
		}
		SecretReference reference = SecretReference.parse(value);
		if (reference.key() != null) {
			throw new InvalidSecretReferenceException(value,
					"a config data import takes a whole secret, without ':key'");
		}
		return List.of(new VaultConfigDataResource(reference, prefix, location.isOptional()));
	}

}
