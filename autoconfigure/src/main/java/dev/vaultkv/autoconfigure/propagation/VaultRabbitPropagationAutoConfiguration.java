package dev.vaultkv.autoconfigure.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.impl.CredentialsProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.propagation.RabbitSecretConsumer;
import dev.vaultkv.propagation.SecretBackedProperties;
import dev.vaultkv.propagation.SecretConsumer;
import dev.vaultkv.propagation.SecretConsumerProvider;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * propagation of changed RabbitMQ credentials: a {@link CachingConnectionFactory} connecting with the
 * values of {@code spring.rabbitmq.username} and {@code password}, one of which comes from a secret,
 * gets the new values when the secret changes (see {@link RabbitSecretConsumer}). Turned off with
 * {@code vault.rotation.rabbit.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = VaultPropagationAutoConfiguration.class,
		afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass({ CachingConnectionFactory.class, RabbitConnectionDetails.class })
@ConditionalOnProperty(prefix = "vault.rotation.rabbit", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(SecretBackedProperties.class)
public final class VaultRabbitPropagationAutoConfiguration {

	static final String USERNAME_PROPERTY = "spring.rabbitmq.username";

	static final String PASSWORD_PROPERTY = "spring.rabbitmq.password";

	private static final Logger logger = LoggerFactory.getLogger(VaultRabbitPropagationAutoConfiguration.class);

	@Bean
	SecretConsumerProvider vaultRabbitSecretConsumers(ListableBeanFactory beanFactory,
			SecretBackedProperties properties, ObjectProvider<RabbitConnectionDetails> connectionDetails,
			ObjectProvider<CredentialsProvider> credentialsProvider) {
		return () -> consumers(beanFactory, properties, connectionDetails.getIfAvailable(),
				credentialsProvider.getIfUnique());
	}

	private static List<SecretConsumer> consumers(ListableBeanFactory beanFactory, SecretBackedProperties properties,
			@Nullable RabbitConnectionDetails connectionDetails, @Nullable CredentialsProvider credentialsProvider) {
		SecretBackedProperties.Resolved resolved = properties.resolve(List.of(USERNAME_PROPERTY, PASSWORD_PROPERTY));
		if (resolved.locations().isEmpty()) {
			return List.of();
		}
		if (credentialsProvider != null) {
			logger.info("RabbitMQ connections take their credentials from the application's CredentialsProvider: "
					+ "they are not changed when the secrets {} change", resolved.locations());
			return List.of();
		}
		List<SecretConsumer> consumers = new ArrayList<>();
		beanFactory.getBeansOfType(CachingConnectionFactory.class, false, false).forEach((name, factory) -> {
			if (isConnectingWith(factory, resolved)) {
				consumers.add(new RabbitSecretConsumer("RabbitMQ (" + name + ")", properties, USERNAME_PROPERTY,
						PASSWORD_PROPERTY, factory, addresses(connectionDetails, factory)));
			}
			else {
				logger.info("RabbitMQ connection factory '{}' does not connect with {} and {}: it keeps its "
						+ "credentials when the secrets {} change", name, USERNAME_PROPERTY, PASSWORD_PROPERTY,
						resolved.locations());
			}
		});
		return consumers;
	}

	/**
	 * Whether a factory connects with the properties' values (not those of its addresses, nor those of
	 * connection details of the application's own); an absent user name is Boot's default.
	 */
	private static boolean isConnectingWith(CachingConnectionFactory factory, SecretBackedProperties.Resolved resolved) {
		String username = resolved.get(USERNAME_PROPERTY);
		return Objects.equals(factory.getRabbitConnectionFactory().getPassword(), resolved.get(PASSWORD_PROPERTY))
				&& (username == null || username.equals(factory.getUsername()));
	}

	private static List<Address> addresses(@Nullable RabbitConnectionDetails connectionDetails,
			CachingConnectionFactory factory) {
		if (connectionDetails != null) {
			return connectionDetails.getAddresses()
				.stream()
				.map((address) -> new Address(address.host(), address.port()))
				.toList();
		}
		return List.of(new Address(factory.getHost(), factory.getPort()));
	}

}
