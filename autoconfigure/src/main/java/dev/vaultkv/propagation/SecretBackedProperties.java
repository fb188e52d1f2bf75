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
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReadTrace;
import dev.vaultkv.secret.SecretStore;

/**
 * Resolves environment properties together with the secrets their values come from
 * ({@code ${vault:...}} placeholders, directly or through other properties, and
 * {@code spring.config.import=vault:...} properties). The values are current: the environment answers
 * from the shared secret cache. Given that cache, the properties resolved together are read from one
 * cached version of each secret: a user name and a password never come from two versions.
 *
 * @since 0.1.0
 */
public final class SecretBackedProperties {

	/**
	 * How many times properties are read again when a secret they read was replaced meanwhile.
	 */
	private static final int MAX_ATTEMPTS = 5;

	private final ConfigurableEnvironment environment;

	private final @Nullable SecretStore store;

	/**
	 * Create a new instance that reads each property as the environment answers it, without checking
	 * that properties resolved together come from one version of a secret.
	 * @param environment the environment
	 */
	public SecretBackedProperties(ConfigurableEnvironment environment) {
		this(environment, null);
	}

	/**
	 * Create a new instance whose properties resolved together come from one cached version of each
	 * secret they read.
	 * @param environment the environment
	 * @param store the secret store the environment's Vault properties are read through, or {@code null}
	 */
	public SecretBackedProperties(ConfigurableEnvironment environment, @Nullable SecretStore store) {
		Assert.notNull(environment, "'environment' must not be null");
		this.environment = environment;
		this.store = store;
	}

	/**
	 * Return the environment.
	 * @return the environment
	 */
	public ConfigurableEnvironment getEnvironment() {
		return this.environment;
	}

	/**
	 * Resolve properties now, together: when the store was given, a secret replaced in the cache while
	 * they were read makes them be read again, so that they all come from the same cached version of each
	 * secret (unless it keeps being replaced).
	 * @param names the property names
	 * @return their values ({@code null} when absent) and the secrets read
	 * @throws RuntimeException if a value cannot be resolved (a secret or key missing, Vault unreachable
	 * with nothing cached)
	 */
	public Resolved resolve(Collection<String> names) {
		Assert.notNull(names, "'names' must not be null");
		Resolved resolved = read(names);
		if (this.store == null || resolved.locations().isEmpty()) {
			return resolved;
		}
		// a read brings a secret into the cache: the second read tells whether the cache held still
		for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
			Map<SecretLocation, @Nullable VersionedSecret> before = cached(this.store, resolved.locations());
			Resolved again = read(names);
			if (again.locations().equals(resolved.locations())
					&& sameObjects(before, cached(this.store, again.locations()))) {
				return again;
			}
			resolved = again;
		}
		return resolved;
	}

	private static Map<SecretLocation, @Nullable VersionedSecret> cached(SecretStore store,
			Set<SecretLocation> locations) {
		Map<SecretLocation, @Nullable VersionedSecret> cached = new LinkedHashMap<>();
		for (SecretLocation location : locations) {
			cached.put(location, store.getIfCached(location));
		}
		return cached;
	}

	/**
	 * Whether both maps hold the very same cached objects: a replacement always caches a new object.
	 */
	private static boolean sameObjects(Map<SecretLocation, @Nullable VersionedSecret> before,
			Map<SecretLocation, @Nullable VersionedSecret> after) {
		if (!before.keySet().equals(after.keySet())) {
			return false;
		}
		for (Map.Entry<SecretLocation, @Nullable VersionedSecret> entry : before.entrySet()) {
			if (entry.getValue() != after.get(entry.getKey())) {
				return false;
			}
		}
		return true;
	}

	private Resolved read(Collection<String> names) {
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
