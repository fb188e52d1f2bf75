/**
 * Propagation of changed secrets to the components that use them: the {@link dev.vaultkv.propagation.SecretConsumer}
 * SPI, its dispatcher, and the built-in consumers for {@code @ConfigurationProperties}, HikariCP, Lettuce and
 * RabbitMQ.
 */
@NullMarked
package dev.vaultkv.propagation;

import org.jspecify.annotations.NullMarked;
