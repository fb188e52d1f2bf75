package dev.vaultkv.env;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.MapPropertySource;

import org.apache.commons.logging.Log;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.secret.SecretResolver;

/**
 * Loads a {@link VaultConfigDataResource}: every key of the secret becomes a property (nested objects
 * flattened with {@code .}, lists with {@code [i]}), behind the resource's prefix; {@code ${} in values
 * is escaped so that Spring does not resolve it as a placeholder. Reads go through the
 * shared secret cache. A missing secret fails startup unless the import is {@code optional:}; with
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
		SecretData data;
		try {
			SecretResolver resolver = bootstrap.getSecretResolver();
			data = resolver.findData(resource.getReference());
		}
		catch (VaultException ex) {
			if (ex.isTransient() && !bootstrap.getProperties().isFailFast()) {
				this.logger.warn("Skipping config data import " + resource + " (" + ex.getMessage()
						+ ") because vault.fail-fast is false");
				return ConfigData.EMPTY;
			}
			throw ex;
		}
		if (data == null) {
			throw new ConfigDataResourceNotFoundException(resource);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		data.asJson().properties().forEach((entry) -> flatten(resource.getPrefix() + entry.getKey(), entry.getValue(),
				properties));
		return new ConfigData(List.of(new MapPropertySource(resource.toString(), properties)));
	}

	private static void flatten(String name, JsonNode value, Map<String, Object> properties) {
		if (value.isObject() && !value.isEmpty()) {
			value.properties().forEach((entry) -> flatten(name + "." + entry.getKey(), entry.getValue(), properties));
		}
		else if (value.isArray() && !value.isEmpty()) {
			for (int i = 0; i < value.size(); i++) {
				flatten(name + "[" + i + "]", value.get(i), properties);
			}
		}
		else if (value.isNull()) {
			properties.put(name, "");
		}
		else {
			properties.put(name, VaultPropertySource.escape(value.isString() ? value.stringValue()
					: value.isValueNode() ? value.asString() : value.toString()));
		}
	}

}
