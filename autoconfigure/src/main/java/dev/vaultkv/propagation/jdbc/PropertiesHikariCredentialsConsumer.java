package dev.vaultkv.propagation.jdbc;

import java.util.List;

import dev.vaultkv.propagation.PropertiesSecretConsumer;
import dev.vaultkv.propagation.SecretBackedProperties;

/**
 * Follows {@code spring.datasource.username} and {@code spring.datasource.password} for a pool built
 * from them.
 */
final class PropertiesHikariCredentialsConsumer extends PropertiesSecretConsumer
		implements HikariCredentialsConsumer {

	static final String USERNAME = "spring.datasource.username";

	static final String PASSWORD = "spring.datasource.password";

	static final List<String> PROPERTY_NAMES = List.of(USERNAME, PASSWORD);

	private final HikariPoolCredentials pool;

	PropertiesHikariCredentialsConsumer(HikariPoolCredentials pool, SecretBackedProperties properties) {
		super(pool.getName(), properties, PROPERTY_NAMES);
		this.pool = pool;
	}

	@Override
	protected void applyValues(SecretBackedProperties.Resolved values) {
		this.pool.apply(required(values, USERNAME), required(values, PASSWORD));
	}

}
