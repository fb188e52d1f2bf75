package dev.vaultkv.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReference;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretSource;

/**
 * Reads the {@code spring.config.import=vault:...} imports that config data processing left as
 * {@link PendingVaultImport placeholders}, with the settings of the complete environment, and puts their
 * properties in the placeholders' place: all paths are read concurrently, once per path through the shared
 * cache, before any of them is turned into properties.
 */
final class VaultConfigDataImports {

	private final ConfigurableEnvironment environment;

	private final Log logger;

	VaultConfigDataImports(ConfigurableEnvironment environment, Log logger) {
		this.environment = environment;
		this.logger = logger;
	}

	/**
	 * Drop the placeholders while Vault is disabled; a mandatory import fails, naming the setting.
	 */
	void disabled() {
		for (PendingVaultImport pending : pending()) {
			if (!pending.getSource().isOptional()) {
				throw new InvalidConfigurationPropertyValueException("vault.enabled", false,
						"spring.config.import=" + pending.getSource()
								+ " cannot be read while Vault is disabled; enable Vault or make the import optional:");
			}
			this.environment.getPropertySources().remove(pending.getName());
		}
	}

	void load(VaultBootstrap bootstrap) {
		List<PendingVaultImport> pending = pending();
		if (pending.isEmpty()) {
			return;
		}
		SecretResolver resolver = bootstrap.getSecretResolver();
		Map<PendingVaultImport, List<Context>> contexts = new LinkedHashMap<>();
		for (PendingVaultImport placeholder : pending) {
			contexts.put(placeholder, contexts(placeholder.getSource(), resolver, bootstrap.getProperties()));
		}
		try {
			resolver.getStore()
				.prefetch(contexts.values().stream().flatMap(List::stream).map(Context::location).distinct().toList());
		}
		catch (RuntimeException ex) {
			// Prefetching is an optimization: a failure is reported by the read of the import it concerns.
		}
		MutablePropertySources sources = this.environment.getPropertySources();
		for (Map.Entry<PendingVaultImport, List<Context>> entry : contexts.entrySet()) {
			PendingVaultImport placeholder = entry.getKey();
			VaultConfigDataResource resource = placeholder.getSource();
			List<PropertySource<?>> loaded = new ArrayList<>();
			try {
				for (Context context : entry.getValue()) {
					VersionedSecret secret = resolver.getStore().read(context.location(), SecretSource.CONFIG_DATA);
					if (secret != null) {
						VaultConfigDataPropertySource source = new VaultConfigDataPropertySource(context.name(),
								context.location(), resource.getPrefix(),
								resolver.getStore().lookup(context.location(), SecretSource.CONFIG_DATA), secret);
						rejectConfigDataProperties(source);
						loaded.add(source);
					}
					else if (!resource.isConventionalContexts() && !resource.isOptional()) {
						throw new ConfigDataResourceNotFoundException(resource);
					}
				}
			}
			catch (VaultException ex) {
				if (!ex.isTransient() || bootstrap.getProperties().isFailFast()) {
					throw ex;
				}
				skip(placeholder, ex);
				continue;
			}
			// highest precedence first, each placed right before the placeholder
			loaded.forEach((source) -> sources.addBefore(placeholder.getName(), source));
			sources.remove(placeholder.getName());
		}
	}

	/**
	 * Spring Boot has processed imports and profiles before the secret is read: a secret that sets them
	 * would be ignored silently.
	 */
	private static void rejectConfigDataProperties(VaultConfigDataPropertySource source) {
		for (String name : source.getPropertyNames()) {
			if (name.startsWith("spring.config.") || name.startsWith("spring.profiles.")) {
				throw new InvalidConfigurationPropertyValueException(name, "(a value from Vault, not shown)",
						"The secret " + source.getLocation() + " imported with spring.config.import sets '" + name
								+ "', which Spring Boot has processed before Vault is read; set it in "
								+ "application.yml, the command line or the environment instead, or remove it "
								+ "from the secret");
			}
		}
	}

	private void skip(PendingVaultImport placeholder, VaultException ex) {
		this.logger.warn("Skipping config data import " + placeholder.getSource() + " (" + ex.getMessage()
				+ ") because vault.fail-fast is false");
		this.environment.getPropertySources().remove(placeholder.getName());
	}

	/**
	 * Return the paths a resource stands for, highest precedence first.
	 */
	private List<Context> contexts(VaultConfigDataResource resource, SecretResolver resolver,
			VaultProperties properties) {
		SecretReference reference = resource.getReference();
		if (reference != null) {
			return List.of(new Context(resource.toString(), resolver.locate(reference)));
		}
		VaultProperties.Kv kv = properties.getKv();
		String application = StringUtils.hasText(kv.getApplicationName()) ? kv.getApplicationName()
				: this.environment.getProperty("spring.application.name");
		List<String> names = new ArrayList<>();
		if (StringUtils.hasText(application) && !application.trim().equals(kv.getDefaultContext())) {
			names.add(application.trim());
		}
		if (StringUtils.hasText(kv.getDefaultContext())) {
			names.add(kv.getDefaultContext().trim());
		}
		String[] profiles = this.environment.getActiveProfiles();
		List<Context> contexts = new ArrayList<>();
		for (String name : names) {
			for (int i = profiles.length - 1; i >= 0; i--) {
				contexts.add(context(name + kv.getProfileSeparator() + profiles[i], resolver));
			}
			contexts.add(context(name, resolver));
		}
		return contexts;
	}

	private static Context context(String path, SecretResolver resolver) {
		// named apart from an explicit import of the same path, which would otherwise replace it
		return new Context("vault: context " + path, resolver.locate(SecretReference.parse(path)));
	}

	private List<PendingVaultImport> pending() {
		List<PendingVaultImport> pending = new ArrayList<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source instanceof PendingVaultImport placeholder) {
				pending.add(placeholder);
			}
		}
		return pending;
	}

	private record Context(String name, SecretLocation location) {

	}

}
