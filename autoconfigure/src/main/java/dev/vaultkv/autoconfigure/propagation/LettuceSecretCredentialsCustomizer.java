package dev.vaultkv.autoconfigure.propagation;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;

import dev.vaultkv.propagation.LettuceSecretCredentialsProvider;
import dev.vaultkv.propagation.SecretBackedProperties;
import dev.vaultkv.propagation.SecretConsumer;
import dev.vaultkv.propagation.SecretConsumerProvider;

/**
 * Gives Boot's Lettuce connection factory the {@link LettuceSecretCredentialsProvider} when the factory's
 * credentials are the values of the secret-backed properties (not those of a URL or of connection details
 * of the application's own), and then supplies the consumer that follows their secrets.
 */
final class LettuceSecretCredentialsCustomizer implements LettuceClientConfigurationBuilderCustomizer,
		SecretConsumerProvider {

	static final String CONSUMER_NAME = "Redis (spring.data.redis)";

	private static final Logger logger = LoggerFactory.getLogger(LettuceSecretCredentialsCustomizer.class);

	private final LettuceSecretCredentialsProvider credentials;

	private final ObjectProvider<DataRedisConnectionDetails> connectionDetails;

	private volatile @Nullable SecretConsumer consumer;

	LettuceSecretCredentialsCustomizer(LettuceSecretCredentialsProvider credentials,
			ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
		this.credentials = credentials;
		this.connectionDetails = connectionDetails;
	}

	@Override
	public void customize(LettuceClientConfigurationBuilder builder) {
		SecretBackedProperties.Resolved resolved = this.credentials.resolve();
		if (resolved.locations().isEmpty()) {
			return;
		}
		if (!isConnectingWith(resolved)) {
			logger.info("Redis connections do not take their credentials from {} and {}: they keep them when the "
					+ "secrets {} change", this.credentials.getUsernameProperty(),
					this.credentials.getPasswordProperty(), resolved.locations());
			return;
		}
		builder.redisCredentialsProviderFactory(this.credentials);
		if (this.consumer == null) {
			this.consumer = this.credentials.createConsumer(CONSUMER_NAME);
		}
	}

	/**
	 * Whether the connection details hand the factory the properties' values: not those of a URL, nor
	 * those of connection details of the application's own.
	 */
	private boolean isConnectingWith(SecretBackedProperties.Resolved resolved) {
		DataRedisConnectionDetails details = this.connectionDetails.getIfAvailable();
		return details != null
				&& Objects.equals(details.getUsername(), resolved.get(this.credentials.getUsernameProperty()))
				&& Objects.equals(details.getPassword(), resolved.get(this.credentials.getPasswordProperty()));
	}

	@Override
	public List<SecretConsumer> getConsumers() {
		SecretConsumer consumer = this.consumer;
		return (consumer != null) ? List.of(consumer) : List.of();
	}

	@Override
	public String toString() {
		return "LettuceSecretCredentialsCustomizer[" + this.credentials + "]";
	}

}
