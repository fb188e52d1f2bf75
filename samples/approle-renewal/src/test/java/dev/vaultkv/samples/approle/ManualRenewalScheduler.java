package dev.vaultkv.samples.approle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.auth.RenewalScheduler;
import dev.vaultkv.embedded.ControllableClock;

/**
 * A {@link RenewalScheduler} that runs nothing by itself: {@link #runNext()} moves the clock (the embedded
 * server's, which the session manager also reads) to the earliest task's due time and runs that task on the
 * calling thread.
 */
final class ManualRenewalScheduler implements RenewalScheduler {

	private final ControllableClock clock;

	private final List<Task> tasks = new ArrayList<>();

	ManualRenewalScheduler(ControllableClock clock) {
		this.clock = clock;
	}

	@Override
	public Cancellable schedule(Runnable task, Duration delay) {
		Task scheduled = new Task(task, this.clock.instant().plus(delay), delay);
		synchronized (this.tasks) {
			this.tasks.add(scheduled);
		}
		return () -> {
			synchronized (this.tasks) {
				this.tasks.remove(scheduled);
			}
		};
	}

	/**
	 * Return the delay the earliest pending task was scheduled with.
	 * @return the delay, or {@code null} when nothing is scheduled
	 */
	@Nullable Duration nextDelay() {
		Task next = next(false);
		return (next != null) ? next.delay() : null;
	}

	/**
	 * Move the clock to the earliest task's due time and run it.
	 * @return the time the clock moved
	 * @throws IllegalStateException when nothing is scheduled
	 */
	Duration runNext() {
		Task next = next(true);
		if (next == null) {
			throw new IllegalStateException("Nothing is scheduled");
		}
		Duration wait = Duration.between(this.clock.instant(), next.due());
		if (wait.isNegative()) {
			wait = Duration.ZERO;
		}
		this.clock.advance(wait);
		next.task().run();
		return wait;
	}

	private @Nullable Task next(boolean remove) {
		synchronized (this.tasks) {
			Task next = this.tasks.stream().min(Comparator.comparing(Task::due)).orElse(null);
			if (next != null && remove) {
				this.tasks.remove(next);
			}
			return next;
		}
	}

	private record Task(Runnable task, Instant due, Duration delay) {

	}

}
