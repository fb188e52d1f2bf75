package dev.vaultkv.autoconfigure.propagation;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.operations.SecretChangedEvent;
import dev.vaultkv.propagation.ConfigurationPropertiesSecretConsumer;
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
 * a secret they follow changes.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { VaultSecretAutoConfiguration.class, VaultOperationsAutoConfiguration.class })
@ConditionalOnProperty(prefix = "vault", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(SecretStore.class)
public final class VaultPropagationAutoConfiguration {

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

}
