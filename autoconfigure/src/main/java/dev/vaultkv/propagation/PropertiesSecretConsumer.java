package dev.vaultkv.propagation;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.secret.SecretLocation;

/**
 * A {@link SecretConsumer} of a group of environment properties that must change together (a user name
 * and a password): it follows the secrets the properties' values come from and, when one of them
 * changes, resolves the whole group again and hands it to {@link #applyValues(SecretBackedProperties.Resolved)}
 * only when a value differs from the group last applied.
 *
 * @since 0.1.0
 */
public abstract class PropertiesSecretConsumer implements SecretConsumer {

	private final String name;

	private final SecretBackedProperties properties;

	private final List<String> propertyNames;

	private volatile SecretBackedProperties.Resolved applied;

	/**
	 * Create a new instance, taking the properties' current values as applied.
	 * @param name the consumer's name
	 * @param properties resolves the environment's properties
	 * @param propertyNames the properties that change together
	 */
	protected PropertiesSecretConsumer(String name, SecretBackedProperties properties, List<String> propertyNames) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(properties, "'properties' must not be null");
		Assert.notEmpty(propertyNames, "'propertyNames' must not be empty");
		this.name = name;
		this.properties = properties;
		this.propertyNames = List.copyOf(propertyNames);
		this.applied = properties.resolve(this.propertyNames);
	}

	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * Return the properties that change together.
	 * @return the property names
	 */
	public List<String> getPropertyNames() {
		return this.propertyNames;
	}

	@Override
	public Set<SecretLocation> getFollowedSecrets() {
		return this.applied.locations();
	}

	/**
	 * Return the values last applied (or those the component was built from).
	 * @return the values
	 */
	protected SecretBackedProperties.Resolved getApplied() {
		return this.applied;
	}

	@Override
	public void apply(SecretChange change) throws Exception {
		applyIfChanged();
	}

	/**
	 * Resolve the properties again and apply them when they differ from those last applied, as for a
	 * change; for components that detect that their credentials were rejected.
	 * @return whether new values were applied
	 * @throws Exception if the component cannot take them
	 */
	public synchronized boolean applyIfChanged() throws Exception {
		SecretBackedProperties.Resolved current = this.properties.resolve(this.propertyNames);
		if (!changed(this.applied, current)) {
			this.applied = current;
			return false;
		}
		applyValues(current);
		this.applied = current;
		return true;
	}

	private boolean changed(SecretBackedProperties.Resolved applied, SecretBackedProperties.Resolved current) {
		for (String propertyName : this.propertyNames) {
			if (!Objects.equals(applied.get(propertyName), current.get(propertyName))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Apply new values of the properties to the component, all or none.
	 * @param values the current values, some of which differ from those last applied
	 * @throws Exception if the component cannot take them; it keeps its last good values
	 */
	protected abstract void applyValues(SecretBackedProperties.Resolved values) throws Exception;

	/**
	 * Return a value that must be present.
	 * @param values the values
	 * @param propertyName the property name
	 * @return the value
	 * @throws IllegalStateException if it is absent or empty
	 */
	protected static String required(SecretBackedProperties.Resolved values, String propertyName) {
		@Nullable String value = values.get(propertyName);
		if (value == null || value.isEmpty()) {
			throw new IllegalStateException("Property '" + propertyName + "' has no value");
		}
		return value;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.name + ", " + this.propertyNames + "]";
	}

}
