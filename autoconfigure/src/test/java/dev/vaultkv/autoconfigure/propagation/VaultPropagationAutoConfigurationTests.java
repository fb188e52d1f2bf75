package dev.vaultkv.autoconfigure.propagation;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.propagation.SecretBackedProperties;
import dev.vaultkv.propagation.SecretChange;
import dev.vaultkv.propagation.SecretConsumer;
import dev.vaultkv.propagation.SecretConsumerProvider;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

class VaultPropagationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
				VaultOperationsAutoConfiguration.class, VaultPropagationAutoConfiguration.class))
		.withPropertyValues("vault.uri=http://127.0.0.1:1", "vault.token=t0ken", "vault.fail-fast=false");

	@Test
	void defaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SecretPropagator.class).hasSingleBean(SecretBackedProperties.class);
			assertThat(context.getBeansOfType(SecretConsumerProvider.class)).hasSize(1);
		});
	}

	@Test
	void registersConsumerBeansAndThoseOfProviders() {
		this.runner.withBean("one", SecretConsumer.class, () -> new NamedConsumer("one"))
			.withBean("two", SecretConsumerProvider.class, () -> () -> List.of(new NamedConsumer("two")))
			.run((context) -> assertThat(context.getBean(SecretPropagator.class).getConsumers())
				.extracting((status) -> status.name())
				.containsExactly("one", "two"));
	}

	@Test
	void configurationPropertiesSwitch() {
		this.runner.withPropertyValues("vault.rotation.configuration-properties.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SecretConsumerProvider.class));
	}

	@Test
	void retryIntervalIsBound() {
		this.runner.withPropertyValues("vault.rotation.retry-interval=5s")
			.run((context) -> assertThat(context.getBean(dev.vaultkv.autoconfigure.VaultProperties.class)
				.getRotation()
				.getRetryInterval()).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void backsOffFromAUserPropagator() {
		this.runner
			.withBean("custom", SecretPropagator.class,
					() -> new SecretPropagator(new dev.vaultkv.secret.CachingSecretStore((location) -> null,
							dev.vaultkv.secret.SecretCacheSettings.defaults()), Duration.ofSeconds(1),
							java.time.Clock.systemUTC()))
			.run((context) -> assertThat(context).hasSingleBean(SecretPropagator.class).hasBean("custom"));
	}

	@Test
	void disabledWithoutASecretStoreOrWithVaultDisabled() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(VaultPropagationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SecretPropagator.class)
				.doesNotHaveBean(SecretStore.class));
		this.runner.withPropertyValues("vault.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SecretPropagator.class));
	}

	private record NamedConsumer(String name) implements SecretConsumer {

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public Set<SecretLocation> getFollowedSecrets() {
			return Set.of();
		}

		@Override
		public void apply(SecretChange change) {
		}

	}

}
