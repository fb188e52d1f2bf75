package dev.vaultkv.propagation;

import java.util.List;

/**
 * Supplies {@link SecretConsumer}s that can only be made once the application's singletons exist (a
 * consumer per connection pool, per {@code @ConfigurationProperties} bean); asked once, after singleton
 * instantiation, and its consumers registered with the {@link SecretPropagator}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SecretConsumerProvider {

	/**
	 * Return the consumers to register.
	 * @return the consumers
	 */
	List<SecretConsumer> getConsumers();

}
