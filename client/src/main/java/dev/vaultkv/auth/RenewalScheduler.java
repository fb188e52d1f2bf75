package dev.vaultkv.auth;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.util.Assert;

/**
 * Runs the session manager's background work (renewal, re-login) after a delay. A
 * {@code ScheduledExecutorService} or Spring's {@code TaskScheduler} adapt to it in one line; tests
 * drive it by hand.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RenewalScheduler {

	/**
	 * Run {@code task} once after {@code delay}.
	 * @param task the task
	 * @param delay the delay, zero or positive
	 * @return a handle to cancel the task
	 */
	Cancellable schedule(Runnable task, Duration delay);

	/**
	 * Adapt a {@link ScheduledExecutorService}; its lifecycle stays with the caller.
	 * @param executor the executor
	 * @return the scheduler
	 */
	static RenewalScheduler of(ScheduledExecutorService executor) {
		Assert.notNull(executor, "'executor' must not be null");
		return (task, delay) -> {
			ScheduledFuture<?> future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
			return () -> future.cancel(false);
		};
	}

	/**
	 * A scheduled task that can be cancelled.
	 */
	@FunctionalInterface
	interface Cancellable {

		/**
		 * Cancel the task if it has not started.
		 */
		void cancel();

	}

}
