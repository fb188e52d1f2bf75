package dev.vaultkv.propagation;

import java.util.List;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;
import org.springframework.util.Assert;

/**
 * The user name and password of Lettuce connections, read from two environment properties whenever
 * Lettuce connects or reconnects, so that new connections use the current value of the secrets they come
 * from. Both are read together, from one version of each secret. Set it on a connection factory with
 * {@code LettuceClientConfiguration.Builder#redisCredentialsProviderFactory}.
 * <p>
 * Established connections are left alone: Redis keeps a connection authenticated when its user's password
 * changes. The {@link #createConsumer(String) consumer} makes the secrets show among the followed ones and
 * fails when a credential vanishes from them.
 *
 * @since 0.1.0
 */
public final class LettuceSecretCredentialsProvider
		implements RedisCredentialsProvider, RedisCredentialsProviderFactory {

	private final SecretBackedProperties properties;

	private final String usernameProperty;

	private final String passwordProperty;

	/**
	 * Create a new instance.
	 * @param properties resolves the environment's properties
	 * @param usernameProperty the property holding the user name
	 * @param passwordProperty the property holding the password
	 */
	public LettuceSecretCredentialsProvider(SecretBackedProperties properties, String usernameProperty,
			String passwordProperty) {
		Assert.notNull(properties, "'properties' must not be null");
		Assert.hasText(usernameProperty, "'usernameProperty' must not be empty");
		Assert.hasText(passwordProperty, "'passwordProperty' must not be empty");
		this.properties = properties;
		this.usernameProperty = usernameProperty;
		this.passwordProperty = passwordProperty;
	}

	/**
	 * Return the property holding the user name.
	 * @return the property name
	 */
	public String getUsernameProperty() {
		return this.usernameProperty;
	}

	/**
	 * Return the property holding the password.
	 * @return the property name
	 */
	public String getPasswordProperty() {
		return this.passwordProperty;
	}

	/**
	 * Resolve the user name and password now.
	 * @return their current values and the secrets they come from
	 */
	public SecretBackedProperties.Resolved resolve() {
		return this.properties.resolve(List.of(this.usernameProperty, this.passwordProperty));
	}

	@Override
	public Mono<RedisCredentials> resolveCredentials() {
		// a secret that is not cached is read from Vault: never on a Netty event loop
		return Mono.fromCallable(this::currentCredentials).subscribeOn(Schedulers.boundedElastic());
	}

	private RedisCredentials currentCredentials() {
		SecretBackedProperties.Resolved values = resolve();
		return RedisCredentials.just(values.get(this.usernameProperty), values.get(this.passwordProperty));
	}

	@Override
	public RedisCredentialsProvider createCredentialsProvider(RedisConfiguration redisConfiguration) {
		return this;
	}

	/**
	 * Create the consumer that follows the secrets the credentials come from: Lettuce reads them at its
	 * next connection, so applying a change only checks that every credential present before still has
	 * a value.
	 * @param name the consumer's name
	 * @return the consumer
	 */
	public SecretConsumer createConsumer(String name) {
		return new CredentialsConsumer(name, this.properties, List.of(this.usernameProperty, this.passwordProperty));
	}

	@Override
	public String toString() {
		return "LettuceSecretCredentialsProvider[" + this.usernameProperty + ", " + this.passwordProperty + "]";
	}

	/**
	 * Checks the credentials Lettuce reads at its next connection.
	 */
	private static final class CredentialsConsumer extends PropertiesSecretConsumer {

		CredentialsConsumer(String name, SecretBackedProperties properties, List<String> propertyNames) {
			super(name, properties, propertyNames);
		}

		@Override
		protected void applyValues(SecretBackedProperties.Resolved values) {
			for (String propertyName : getPropertyNames()) {
				if (getApplied().get(propertyName) != null) {
					required(values, propertyName);
				}
			}
		}

	}

}
