package dev.vaultkv.env;

import java.io.IOException;
import java.util.List;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.logging.DeferredLogFactory;

import org.apache.commons.logging.Log;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretLookup;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretSource;

/**
 * Loads a {@link VaultConfigDataResource} as a {@link VaultConfigDataPropertySource}: every key of the
 * secret becomes a property behind the resource's prefix, answered from the shared secret cache so that
 * it follows the secret when it changes. A missing secret fails startup unless the import is {@code optional:}; with
 * {@code vault.fail-fast=false}, a secret that cannot be read for a transient reason (Vault unreachable,
 * sealed) is skipped with a warning.
 *
 * @since 0.1.0
 */
public class VaultConfigDataLoader implements ConfigDataLoader<VaultConfigDataResource> {

	private final Log logger;

	/**
	 * Create a new instance.
	 * @param logFactory the deferred log factory
	 */
	public VaultConfigDataLoader(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(VaultConfigDataLoader.class);
	}

	@Override
	public ConfigData load(ConfigDataLoaderContext context, VaultConfigDataResource resource)
			throws IOException, ConfigDataResourceNotFoundException {
		VaultBootstrap bootstrap = context.getBootstrapContext().get(VaultBootstrap.class);
		SecretResolver resolver;
		SecretLocation location;
		VersionedSecret secret;
		try {
			resolver = bootstrap.getSecretResolver();
			location = resolver.locate(resource.getReference());
			secret = resolver.getStore().read(location, SecretSource.CONFIG_DATA);
		}
		catch (VaultException ex) {
			if (ex.isTransient() && !bootstrap.getProperties().isFailFast()) {
				this.logger.warn("Skipping config data import " + resource + " (" + ex.getMessage()
						+ ") because vault.fail-fast is false");
				return ConfigData.EMPTY;
			}
			throw ex;
		}
		if (secret == null) {
			throw new ConfigDataResourceNotFoundException(resource);
		}
		SecretLookup lookup = resolver.getStore().lookup(location, SecretSource.CONFIG_DATA);
		return new ConfigData(List.of(new VaultConfigDataPropertySource(resource.toString(), location,
				resource.getPrefix(), lookup, secret)));
	}

}
