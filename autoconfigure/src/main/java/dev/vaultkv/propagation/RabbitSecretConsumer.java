package dev.vaultkv.propagation;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.CredentialsProvider;
import com.rabbitmq.client.impl.DefaultCredentialsProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;
import org.springframework.util.Assert;

/**
 * Hands a changed user name and password to a RabbitMQ {@link CachingConnectionFactory}. The broker keeps
 * established connections open when a password changes, so the new credentials are first tried on a
 * connection of their own: when the broker refuses them, the change fails (to be tried again) and the
 * factory keeps its credentials and its connection. When it accepts them, they replace the factory's,
 * both at once, and only then is its connection reset, so that the next connection and every later one
 * use them: a publish racing with the change either uses the old connection or opens a new one with the
 * new credentials.
 *
 * @since 0.1.0
 */
public final class RabbitSecretConsumer extends PropertiesSecretConsumer {

	private static final String CHECK_CONNECTION_NAME = "vaultkv credentials check";

	private final CachingConnectionFactory connectionFactory;

	private final String usernameProperty;

	private final String passwordProperty;

	private final List<Address> addresses;

	/**
	 * Create a new instance.
	 * @param name the consumer's name
	 * @param properties resolves the environment's properties
	 * @param usernameProperty the property holding the user name (when absent, the factory's user name is
	 * kept)
	 * @param passwordProperty the property holding the password
	 * @param connectionFactory the connection factory
	 * @param addresses the broker addresses that new credentials are tried on, in order
	 */
	public RabbitSecretConsumer(String name, SecretBackedProperties properties, String usernameProperty,
			String passwordProperty, CachingConnectionFactory connectionFactory, List<Address> addresses) {
		super(name, properties, List.of(usernameProperty, passwordProperty));
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notEmpty(addresses, "'addresses' must not be empty");
		this.connectionFactory = connectionFactory;
		this.usernameProperty = usernameProperty;
		this.passwordProperty = passwordProperty;
		this.addresses = List.copyOf(addresses);
	}

	@Override
	protected void applyValues(SecretBackedProperties.Resolved values) throws Exception {
		@Nullable String username = values.get(this.usernameProperty);
		String password = required(values, this.passwordProperty);
		CredentialsProvider credentials = new DefaultCredentialsProvider(
				(username != null) ? username : this.connectionFactory.getUsername(), password);
		check(credentials);
		// one provider holds both: a connection opened meanwhile never takes a user name without its password
		for (ConnectionFactory rabbitConnectionFactory : rabbitConnectionFactories()) {
			rabbitConnectionFactory.setCredentialsProvider(credentials);
		}
		this.connectionFactory.resetConnection();
		if (this.connectionFactory.getPublisherConnectionFactory() instanceof CachingConnectionFactory publisher
				&& publisher.getRabbitConnectionFactory() != this.connectionFactory.getRabbitConnectionFactory()) {
			publisher.resetConnection();
		}
	}

	private void check(CredentialsProvider credentials) throws IOException, TimeoutException {
		ConnectionFactory probe = this.connectionFactory.getRabbitConnectionFactory().clone();
		probe.setCredentialsProvider(credentials);
		probe.setAutomaticRecoveryEnabled(false);
		try (Connection connection = probe.newConnection(this.addresses, CHECK_CONNECTION_NAME)) {
			// the broker accepted the credentials
		}
		catch (IOException ex) {
			// AmqpAuthenticationException when the broker refused them; its message holds no credential
			throw RabbitExceptionTranslator.convertRabbitAccessException(ex);
		}
	}

	private Set<ConnectionFactory> rabbitConnectionFactories() {
		Set<ConnectionFactory> factories = new LinkedHashSet<>();
		factories.add(this.connectionFactory.getRabbitConnectionFactory());
		if (this.connectionFactory.getPublisherConnectionFactory() instanceof AbstractConnectionFactory publisher) {
			factories.add(publisher.getRabbitConnectionFactory());
		}
		return factories;
	}

}
