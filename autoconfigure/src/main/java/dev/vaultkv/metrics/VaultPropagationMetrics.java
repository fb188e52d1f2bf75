package dev.vaultkv.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

import dev.vaultkv.propagation.PropagationListener;
import dev.vaultkv.propagation.SecretConsumer;
import dev.vaultkv.secret.SecretLocation;

/**
 * The {@value #PROPAGATIONS} counter: applications of changed secrets to their consumers, by
 * {@code outcome} ({@code success}, {@code failure}) and {@code consumer} (the consumer's name: one per
 * component, so the tag is bounded).
 *
 * @since 0.1.0
 */
public final class VaultPropagationMetrics implements PropagationListener {

	/**
	 * Name of the counter of applications of changed secrets.
	 */
	public static final String PROPAGATIONS = "vault.secret.propagations";

	private final MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param registry the registry
	 */
	public VaultPropagationMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void onSuccess(SecretConsumer consumer, SecretLocation location) {
		counter(consumer, "success").increment();
	}

	@Override
	public void onFailure(SecretConsumer consumer, SecretLocation location, Throwable failure) {
		counter(consumer, "failure").increment();
	}

	private Counter counter(SecretConsumer consumer, String outcome) {
		return Counter.builder(PROPAGATIONS)
			.description("Applications of changed secrets to the components that use them")
			.tag("outcome", outcome)
			.tag("consumer", consumer.getName())
			.register(this.registry);
	}

}
