package dev.vaultkv.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.Retryable;

/**
 * {@link RetryListener} forwarding to listeners that can be added after the clients were built, each
 * isolated from the others' failures.
 */
final class RetryListeners implements RetryListener {

	private static final Logger logger = LoggerFactory.getLogger(RetryListeners.class);

	private final List<RetryListener> listeners = new CopyOnWriteArrayList<>();

	void add(RetryListener listener) {
		if (!this.listeners.contains(listener)) {
			this.listeners.add(listener);
		}
	}

	@Override
	public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
		forEach((listener) -> listener.beforeRetry(retryPolicy, retryable));
	}

	@Override
	public void onRetrySuccess(RetryPolicy retryPolicy, Retryable<?> retryable, Object result) {
		forEach((listener) -> listener.onRetrySuccess(retryPolicy, retryable, result));
	}

	@Override
	public void onRetryFailure(RetryPolicy retryPolicy, Retryable<?> retryable, Throwable throwable) {
		forEach((listener) -> listener.onRetryFailure(retryPolicy, retryable, throwable));
	}

	@Override
	public void onRetryPolicyExhaustion(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
		forEach((listener) -> listener.onRetryPolicyExhaustion(retryPolicy, retryable, exception));
	}

	@Override
	public void onRetryPolicyInterruption(RetryPolicy retryPolicy, Retryable<?> retryable,
			RetryException exception) {
		forEach((listener) -> listener.onRetryPolicyInterruption(retryPolicy, retryable, exception));
	}

	@Override
	public void onRetryPolicyTimeout(RetryPolicy retryPolicy, Retryable<?> retryable, RetryException exception) {
		forEach((listener) -> listener.onRetryPolicyTimeout(retryPolicy, retryable, exception));
	}

	private void forEach(Consumer<RetryListener> event) {
		for (RetryListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.debug("Retry listener failed", ex);
			}
		}
	}

}
