package dev.vaultkv.autoconfigure.propagation;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.operations.SecretChangedEvent;
import dev.vaultkv.propagation.ConfigurationPropertiesSecretConsumer;
import dev.vaultkv.propagation.EnvironmentChangeSecretConsumer;
import dev.vaultkv.propagation.SecretBackedProperties;
import dev.vaultkv.propagation.SecretConsumer;
import dev.vaultkv.propagation.SecretConsumerProvider;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@link SecretPropagator}: the {@link SecretConsumer} beans, those of the
 * {@link SecretConsumerProvider} beans and, unless {@code vault.rotation.configuration-properties.enabled}
 * is {@code false}, the JavaBean {@code @ConfigurationProperties} beans bound from secrets are told when
 * a secret they follow changes. With Spring Cloud Context on the class path, its refresh machinery is
 * driven instead ({@code EnvironmentChangeEvent} with the changed keys, {@code @RefreshScope}), and its
 * rebinder rebinds the {@code @ConfigurationProperties} beans.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { VaultSecretAutoConfiguration.class, VaultOperationsAutoConfiguration.class },
		afterName = { "org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration",
				"org.springframework.cloud.autoconfigure.RefreshAutoConfiguration" })
@ConditionalOnProperty(prefix = "vault", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(SecretStore.class)
public final class VaultPropagationAutoConfiguration {

	private static final String SPRING_CLOUD_REBINDER = "org.springframework.cloud.context.properties.ConfigurationPropertiesRebinder";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SecretPropagator vaultSecretPropagator(SecretStore store, VaultProperties properties,
			ObjectProvider<Clock> clock) {
		SecretPropagator propagator = new SecretPropagator(store, properties.getRotation().getRetryInterval(),
				clock.getIfUnique(Clock::systemUTC));
		if (store instanceof CachingSecretStore caching) {
			caching.addListener(propagator);
		}
		return propagator;
	}

	@Bean
	@ConditionalOnMissingBean
	SecretBackedProperties vaultSecretBackedProperties(ConfigurableEnvironment environment, SecretStore store) {
		return new SecretBackedProperties(environment, store);
	}

	@Bean
	@ConditionalOnProperty(prefix = "vault.rotation.configuration-properties", name = "enabled",
			matchIfMissing = true)
	@ConditionalOnMissingBean(type = SPRING_CLOUD_REBINDER)
	SecretConsumerProvider vaultConfigurationPropertiesSecretConsumers(ConfigurableApplicationContext context,
			SecretBackedProperties properties) {
		return () -> ConfigurationPropertiesSecretConsumer.forContext(context, properties);
	}

	@Bean
	static SmartInitializingSingleton vaultSecretConsumerRegistrar(ObjectProvider<SecretPropagator> propagator,
			ObjectProvider<SecretConsumer> consumers, ObjectProvider<SecretConsumerProvider> providers) {
		return () -> propagator.ifAvailable((target) -> {
			consumers.orderedStream().forEach(target::register);
			providers.orderedStream().map(SecretConsumerProvider::getConsumers).flatMap(List::stream)
				.forEach(target::register);
		});
	}

	@Bean
	static ApplicationListener<SecretChangedEvent> vaultSecretChangePropagation(
			ObjectProvider<SecretPropagator> propagator) {
		return (event) -> propagator.ifAvailable((target) -> target.schedule(
				new SecretLocation(event.getMount(), event.getPath(), 0, event.getNamespace())));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(EnvironmentChangeEvent.class)
	@ConditionalOnProperty(prefix = "vault.rotation.configuration-properties", name = "enabled",
			matchIfMissing = true)
	static class SpringCloudRefreshConfiguration {

		@Bean
		SecretConsumerProvider vaultEnvironmentChangeSecretConsumer(ConfigurableApplicationContext context,
				SecretBackedProperties properties) {
			return () -> {
				EnvironmentChangeSecretConsumer consumer = new EnvironmentChangeSecretConsumer(context, properties);
				return consumer.getFollowedSecrets().isEmpty() ? List.of() : List.of(consumer);
			};
		}

	}

}
