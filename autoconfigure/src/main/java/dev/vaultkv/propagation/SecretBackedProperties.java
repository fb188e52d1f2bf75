package dev.vaultkv.propagation;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.Assert;

import dev.vaultkv.env.VaultPropertySource;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReadTrace;

/**
 * Resolves environment properties together with the secrets their values come from
 * ({@code ${vault:...}} placeholders, directly or through other properties, and
 * {@code spring.config.import=vault:...} properties). The values are current: the environment answers
 * from the shared secret cache.
 *
 * @since 0.1.0
 */
public final class SecretBackedProperties {

	private final ConfigurableEnvironment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment
	 */
	public SecretBackedProperties(ConfigurableEnvironment environment) {
		Assert.notNull(environment, "'environment' must not be null");
		this.environment = environment;
	}

	/**
	 * Return the environment.
	 * @return the environment
	 */
	public ConfigurableEnvironment getEnvironment() {
		return this.environment;
	}

	/**
	 * Resolve properties now.
	 * @param names the property names
	 * @return their values ({@code null} when absent) and the secrets read
	 * @throws RuntimeException if a value cannot be resolved (a secret or key missing, Vault unreachable
	 * with nothing cached)
	 */
	public Resolved resolve(Collection<String> names) {
		Assert.notNull(names, "'names' must not be null");
		SecretReadTrace.Traced<Map<String, @Nullable String>> traced = SecretReadTrace.trace(() -> {
			Map<String, @Nullable String> values = new LinkedHashMap<>();
			for (String name : names) {
				values.put(name, this.environment.getProperty(name));
			}
			return values;
		});
		return new Resolved(Collections.unmodifiableMap(traced.result()), traced.locations());
	}

	/**
	 * Find every property whose value comes from a secret, with the secrets it reads. Only properties
	 * that hold a placeholder or come from a Vault config data import are resolved.
	 * @return the secrets each such property reads, by property name
	 */
	public Map<String, Set<SecretLocation>> findSecretBackedProperties() {
		Set<String> candidates = new LinkedHashSet<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source instanceof VaultPropertySource || !(source instanceof EnumerablePropertySource<?> enumerable)
					|| "configurationProperties".equals(source.getName())) {
				continue;
			}
			for (String name : enumerable.getPropertyNames()) {
				try {
					SecretReadTrace.Traced<@Nullable Object> raw = SecretReadTrace.trace(() -> enumerable.getProperty(name));
					if (!raw.locations().isEmpty()
							|| (raw.result() instanceof CharSequence value && value.toString().contains("${"))) {
						candidates.add(name);
					}
				}
				catch (RuntimeException ex) {
					// unreadable now: not followed
				}
			}
		}
		Map<String, Set<SecretLocation>> properties = new LinkedHashMap<>();
		for (String name : candidates) {
			try {
				Set<SecretLocation> locations = SecretReadTrace.trace(() -> this.environment.getProperty(name))
					.locations();
				if (!locations.isEmpty()) {
					properties.put(name, locations);
				}
			}
			catch (RuntimeException ex) {
				// a property that cannot be resolved now is not followed; its owner reports the failure
			}
		}
		return properties;
	}

	/**
	 * Resolved property values and the secrets they read.
	 *
	 * @param values the values by property name, {@code null} when absent
	 * @param locations the secrets read
	 */
	public record Resolved(Map<String, @Nullable String> values, Set<SecretLocation> locations) {

		/**
		 * Return a value.
		 * @param name the property name
		 * @return the value, or {@code null} when absent
		 */
		public @Nullable String get(String name) {
			return this.values.get(name);
		}

		@Override
		public String toString() {
			return "Resolved[names=" + this.values.keySet() + ", locations=" + this.locations + "]";
		}

	}

}
