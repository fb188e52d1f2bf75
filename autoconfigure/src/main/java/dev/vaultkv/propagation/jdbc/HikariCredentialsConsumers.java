package dev.vaultkv.propagation.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.Assert;

import dev.vaultkv.propagation.SecretBackedProperties;
import dev.vaultkv.propagation.SecretConsumer;
import dev.vaultkv.propagation.SecretConsumerProvider;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.SecretStore;

/**
 * Supplies a {@link HikariCredentialsConsumer} for every singleton {@link HikariDataSource} whose
 * credentials come from a Vault secret (see {@link HikariCredentialsConsumer} for how that secret is found)
 * and, for the pools that {@link HikariRejectedCredentialsBeanPostProcessor} prepared, lets a connection
 * rejected for its credentials read them again through {@link SecretPropagator#refreshRejected} and retry.
 *
 * @since 0.1.0
 */
public final class HikariCredentialsConsumers implements SecretConsumerProvider {

	private static final Logger logger = LoggerFactory.getLogger(HikariCredentialsConsumers.class);

	private final ListableBeanFactory beanFactory;

	private final SecretBackedProperties properties;

	private final SecretStore store;

	private final SecretPropagator propagator;

	/**
	 * Create a new instance.
	 * @param beanFactory the bean factory holding the pools
	 * @param properties resolves the environment's properties
	 * @param store the shared secret store
	 * @param propagator the propagator, which reads rejected credentials again
	 */
	public HikariCredentialsConsumers(ListableBeanFactory beanFactory, SecretBackedProperties properties,
			SecretStore store, SecretPropagator propagator) {
		Assert.notNull(beanFactory, "'beanFactory' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(propagator, "'propagator' must not be null");
		this.beanFactory = beanFactory;
		this.properties = properties;
		this.store = store;
		this.propagator = propagator;
	}

	@Override
	public List<SecretConsumer> getConsumers() {
		List<SecretConsumer> consumers = new ArrayList<>();
		Map<String, HikariDataSource> pools = this.beanFactory.getBeansOfType(HikariDataSource.class, false, false);
		pools.forEach((beanName, pool) -> {
			HikariCredentialsConsumer consumer = consumerFor(beanName, pool);
			if (consumer == null) {
				return;
			}
			if (pool.getDataSource() instanceof CredentialsRefreshingDataSource refreshing) {
				refreshing.setRefresher((attemptStarted) -> {
					this.propagator.refreshRejected(consumer.getFollowedSecrets(), attemptStarted);
					consumer.applyIfChanged();
				});
			}
			consumers.add(consumer);
		});
		return consumers;
	}

	private @Nullable HikariCredentialsConsumer consumerFor(String beanName, HikariDataSource pool) {
		String name = HikariPoolCredentials.describe(beanName);
		String username = pool.getUsername();
		String password = pool.getPassword();
		if (username == null || password == null) {
			logger.debug("{} is not followed: it has no user name or no password", name);
			return null;
		}
		HikariPoolCredentials credentials = new HikariPoolCredentials(name, pool);
		if (isBuiltFromProperties(username, password)) {
			logger.debug("{} follows {}", name, PropertiesHikariCredentialsConsumer.PROPERTY_NAMES);
			return new PropertiesHikariCredentialsConsumer(credentials, this.properties);
		}
		SecretKeyMatch match = SecretKeyMatch.find(this.store, username, password);
		if (match != null) {
			logger.debug("{} follows {}", name, match);
			return new SecretKeyHikariCredentialsConsumer(credentials, this.store, match);
		}
		logger.debug("{} is not followed: its password is the value of no single key of a cached secret", name);
		return null;
	}

	private boolean isBuiltFromProperties(String username, String password) {
		try {
			SecretBackedProperties.Resolved resolved = this.properties
				.resolve(PropertiesHikariCredentialsConsumer.PROPERTY_NAMES);
			return !resolved.locations().isEmpty()
					&& username.equals(resolved.get(PropertiesHikariCredentialsConsumer.USERNAME))
					&& password.equals(resolved.get(PropertiesHikariCredentialsConsumer.PASSWORD));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
