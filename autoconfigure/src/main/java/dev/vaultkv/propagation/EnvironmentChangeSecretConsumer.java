package dev.vaultkv.propagation;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

import dev.vaultkv.secret.SecretLocation;

/**
 * Drives Spring Cloud Context's refresh machinery when a secret behind environment properties changes:
 * publishes an {@link EnvironmentChangeEvent} with exactly the property names whose values changed (Spring
 * Cloud's {@code ConfigurationPropertiesRebinder} rebinds {@code @ConfigurationProperties} beans on it) and
 * refreshes the {@link RefreshScope} when there is one, so that {@code @RefreshScope} beans are created
 * again with the new values.
 *
 * @since 0.1.0
 */
public final class EnvironmentChangeSecretConsumer implements SecretConsumer {

	private final ConfigurableApplicationContext context;

	private final SecretBackedProperties properties;

	private final Map<String, Set<SecretLocation>> secretBacked;

	private final Map<String, @Nullable String> values;

	/**
	 * Create a new instance following every property of the environment whose value comes from a secret.
	 * @param context the application context
	 * @param properties resolves the environment's properties
	 */
	public EnvironmentChangeSecretConsumer(ConfigurableApplicationContext context, SecretBackedProperties properties) {
		Assert.notNull(context, "'context' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
		this.context = context;
		this.properties = properties;
		this.secretBacked = properties.findSecretBackedProperties();
		this.values = new LinkedHashMap<>(properties.resolve(this.secretBacked.keySet()).values());
	}

	@Override
	public String getName() {
		return "Spring Cloud refresh";
	}

	@Override
	public Set<SecretLocation> getFollowedSecrets() {
		Set<SecretLocation> locations = new LinkedHashSet<>();
		this.secretBacked.values().forEach(locations::addAll);
		return locations;
	}

	@Override
	public synchronized void apply(SecretChange change) {
		Set<String> names = new LinkedHashSet<>();
		this.secretBacked.forEach((name, locations) -> {
			if (locations.contains(change.location())) {
				names.add(name);
			}
		});
		Map<String, @Nullable String> current = this.properties.resolve(names).values();
		Set<String> changed = new LinkedHashSet<>();
		for (String name : names) {
			if (!Objects.equals(this.values.get(name), current.get(name))) {
				changed.add(name);
			}
		}
		if (changed.isEmpty()) {
			return;
		}
		this.context.publishEvent(new EnvironmentChangeEvent(this.context, changed));
		RefreshScope scope = this.context.getBeanProvider(RefreshScope.class).getIfUnique();
		if (scope != null) {
			scope.refreshAll();
		}
		this.values.putAll(current);
	}

}
