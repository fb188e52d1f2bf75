package dev.vaultkv.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.Retryable;
import org.springframework.util.Assert;

/**
 * {@link RetryListener} of the Vault client's retries:
 * <ul>
 * <li>{@value #RETRIES} (counter): retry attempts;</li>
 * <li>{@value #RETRIED_REQUESTS} (counter): requests that needed a retry, by final {@code outcome}
 * ({@code success}, {@code exhausted}, {@code timeout}, {@code interrupted}).</li>
 * </ul>
 * A request that failed without being retried (a permanent failure) counts in neither.
 *
 * @since 0.1.0
 */
public final class VaultRetryMetrics implements RetryListener {

	/**
	 * Name of the counter of retry attempts.
	 */
	public static final String RETRIES = "vault.client.retries";

	/**
	 * Name of the counter of requests that needed a retry.
	 */
	public static final String RETRIED_REQUESTS = "vault.client.retried.requests";

	private final Counter retries;

	private final Counter success;

	private final Counter exhausted;

	private final Counter timeout;

	private final Counter interrupted;

	/**
	 * Create a new instance and register the counters.
	 * @param registry the registry
	 */
	public VaultRetryMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.retries = Counter.builder(RETRIES).description("Retries of Vault requests").register(registry);
		this.success = retried(registry, "success");
		this.exhausted = retried(registry, "exhausted");
		this.timeout = retried(registry, "timeout");
		this.interrupted = retried(registry, "interrupted");
	}

	private static Counter retried(MeterRegistry registry, String outcome) {
		return Counter.builder(RETRIED_REQUESTS)
			.description("Vault requests that needed a retry, by final outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
		this.retries.increment();
	}

	@Override
	public void onRetrySuccess(RetryPolicy retryPolicy, Retryable<?> retryable, Object result) {
		this.success.increment();
	}

	@Override
	public void onRetryPolicyExhaustion(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
		if (exception.getRetryCount() > 0) {
			this.exhausted.increment();
		}
	}

	@Override
	public void onRetryPolicyTimeout(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
		if (exception.getRetryCount() > 0) {
			this.timeout.increment();
		}
	}

	@Override
	public void onRetryPolicyInterruption(RetryPolicy retryPolicy, Retryable<?> retryable,
			RetryException exception) {
		if (exception.getRetryCount() > 0) {
			this.interrupted.increment();
		}
	}

}
