package dev.vaultkv.autoconfigure.propagation;

import java.util.List;
import java.util.Map;

import com.rabbitmq.client.impl.CredentialsProvider;
import com.rabbitmq.client.impl.DefaultCredentialsProvider;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.propagation.SecretConsumerProvider;
import dev.vaultkv.propagation.SecretConsumerStatus;
import dev.vaultkv.propagation.SecretPropagator;

import static org.assertj.core.api.Assertions.assertThat;

class VaultRabbitPropagationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
				VaultPropagationAutoConfiguration.class, VaultRabbitPropagationAutoConfiguration.class,
				RabbitAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SecretPropertySource(Map.of("secret.username", "app", "secret.password", "s3cr3t"))))
		.withPropertyValues("vault.uri=http://127.0.0.1:1", "vault.token=t0ken", "vault.fail-fast=false");

	@Test
	void followsTheConnectionFactoryOfSecretBackedCredentials() {
		this.runner
			.withPropertyValues("spring.rabbitmq.username=${secret.username}",
					"spring.rabbitmq.password=${secret.password}")
			.run((context) -> {
				assertThat(context.getBean(CachingConnectionFactory.class).getUsername()).isEqualTo("app");
				assertThat(consumers(context)).singleElement().satisfies((consumer) -> {
					assertThat(consumer.name()).isEqualTo("RabbitMQ (rabbitConnectionFactory)");
					assertThat(consumer.appliedVersions()).containsOnlyKeys(SecretPropertySource.LOCATION);
				});
			});
	}

	@Test
	void followsAPasswordAloneWithBootsDefaultUserName() {
		this.runner.withPropertyValues("spring.rabbitmq.password=${secret.password}")
			.run((context) -> assertThat(consumers(context)).singleElement()
				.satisfies((consumer) -> assertThat(consumer.name()).isEqualTo("RabbitMQ (rabbitConnectionFactory)")));
	}

	@Test
	void credentialsOfTheApplicationPropertiesAreLeftAlone() {
		this.runner.withPropertyValues("spring.rabbitmq.username=app", "spring.rabbitmq.password=plain")
			.run((context) -> assertThat(consumers(context)).isEmpty());
	}

	@Test
	void credentialsOfTheAddressesAreLeftAlone() {
		this.runner
			.withPropertyValues("spring.rabbitmq.addresses=amqp://other:elsewhere@localhost:5672",
					"spring.rabbitmq.username=${secret.username}", "spring.rabbitmq.password=${secret.password}")
			.run((context) -> assertThat(consumers(context)).isEmpty());
	}

	@Test
	void aCredentialsProviderOfTheApplicationIsLeftAlone() {
		this.runner
			.withPropertyValues("spring.rabbitmq.username=${secret.username}",
					"spring.rabbitmq.password=${secret.password}")
			.withBean(CredentialsProvider.class, () -> new DefaultCredentialsProvider("app", "s3cr3t"))
			.run((context) -> assertThat(consumers(context)).isEmpty());
	}

	@Test
	void backsOffWhenSwitchedOff() {
		this.runner
			.withPropertyValues("vault.rotation.rabbit.enabled=false", "spring.rabbitmq.password=${secret.password}")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("vaultRabbitSecretConsumers");
				assertThat(consumers(context)).isEmpty();
			});
	}

	@Test
	void backsOffWithoutSpringRabbit() {
		this.runner.withClassLoader(new FilteredClassLoader(CachingConnectionFactory.class))
			.withPropertyValues("spring.rabbitmq.password=${secret.password}")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("vaultRabbitSecretConsumers"));
	}

	@Test
	void backsOffWithoutVault() {
		this.runner.withPropertyValues("vault.enabled=false", "spring.rabbitmq.password=${secret.password}")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SecretConsumerProvider.class)
				.hasSingleBean(CachingConnectionFactory.class));
	}

	private static List<SecretConsumerStatus> consumers(AssertableApplicationContext context) {
		return context.getBean(SecretPropagator.class)
			.getConsumers()
			.stream()
			.filter((consumer) -> !consumer.name().startsWith("@ConfigurationProperties"))
			.toList();
	}

}
