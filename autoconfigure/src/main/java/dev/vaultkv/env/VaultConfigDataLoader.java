package dev.vaultkv.env;

import java.util.List;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.logging.DeferredLogFactory;

/**
 * Loads a {@link VaultConfigDataResource} as a placeholder property source that holds no property yet.
 * Spring Boot processes the imports of {@code application.yml} before it loads the profile documents that
 * sit beside it ({@code application-prod.yml}), so the {@code vault.*} settings known while an import is
 * resolved or loaded may not be those that apply. The secret is therefore read right after config data
 * processing, from the complete environment ({@link VaultEnvironmentPostProcessor}), and the placeholder is
 * replaced by a {@link VaultConfigDataPropertySource} at the same place. A missing secret then fails
 * startup unless the import is {@code optional:}; with {@code vault.fail-fast=false}, a secret that cannot
 * be read for a transient reason (Vault unreachable, sealed) is skipped with a warning. A secret imported
 * this way cannot set {@code spring.config.*} or {@code spring.profiles.*}.
 *
 * @since 0.1.0
 */
public class VaultConfigDataLoader implements ConfigDataLoader<VaultConfigDataResource> {

	/**
	 * Create a new instance.
	 * @param logFactory the deferred log factory
	 */
	public VaultConfigDataLoader(DeferredLogFactory logFactory) {
	}

	@Override
	public ConfigData load(ConfigDataLoaderContext context, VaultConfigDataResource resource) {
		return new ConfigData(List.of(new PendingVaultImport(resource)));
	}

}
