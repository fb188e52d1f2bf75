package dev.vaultkv.propagation;

import dev.vaultkv.secret.SecretLocation;

/**
 * Told the outcome of every application of a changed secret to a {@link SecretConsumer}, for metrics.
 * Callbacks run on the propagator's thread and must be quick.
 *
 * @since 0.1.0
 */
public interface PropagationListener {

	/**
	 * A consumer applied a changed secret.
	 * @param consumer the consumer
	 * @param location the secret
	 */
	default void onSuccess(SecretConsumer consumer, SecretLocation location) {
	}

	/**
	 * A consumer could not apply a changed secret; it keeps its last good values.
	 * @param consumer the consumer
	 * @param location the secret
	 * @param failure what it threw (its message may hold a value: never log or expose it)
	 */
	default void onFailure(SecretConsumer consumer, SecretLocation location, Throwable failure) {
	}

}
