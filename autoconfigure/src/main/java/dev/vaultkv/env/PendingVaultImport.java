package dev.vaultkv.env;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertySource;

/**
 * Holds the place of a {@code spring.config.import=vault:...} import among the environment's property
 * sources until it is read; it has no property. Named differently from the property sources that replace
 * it, so that a later config data pass (Spring Cloud's refresh) never replaces those by an empty one.
 */
final class PendingVaultImport extends PropertySource<VaultConfigDataResource> {

	private static final String NAME_PREFIX = "vaultkv-pending-import:";

	PendingVaultImport(VaultConfigDataResource resource) {
		super(NAME_PREFIX + resource, resource);
	}

	@Override
	public @Nullable Object getProperty(String name) {
		return null;
	}

	@Override
	public boolean containsProperty(String name) {
		return false;
	}

}
