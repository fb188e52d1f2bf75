package dev.vaultkv.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.ControllableClock;

/**
 * A {@link RenewalScheduler} driven by hand on the embedded server's frozen {@link ControllableClock}:
 * {@link #advance(Duration)} moves the server's time forward and runs the tasks that fall due, in order,
 * each at its due time.
 */
class ServerClockScheduler implements RenewalScheduler {

	private final ControllableClock clock;

	private final List<Task> tasks = new ArrayList<>();

	ServerClockScheduler(ControllableClock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Cancellable schedule(Runnable runnable, Duration delay) {
		Task task = new Task(this.clock.instant().plus(delay), runnable);
		this.tasks.add(task);
		return () -> {
			synchronized (this) {
				this.tasks.remove(task);
			}
		};
	}

	void advance(Duration duration) {
		Instant target = this.clock.instant().plus(duration);
		while (true) {
			Task next;
			synchronized (this) {
				next = this.tasks.stream()
					.filter((task) -> !task.due.isAfter(target))
					.min(Comparator.comparing((Task task) -> task.due))
					.orElse(null);
				if (next != null) {
					this.tasks.remove(next);
				}
			}
			if (next == null) {
				break;
			}
			moveTo(next.due);
			next.runnable.run();
		}
		moveTo(target);
	}

	/**
	 * Run the next task due, moving the clock to its due time.
	 * @return the delay from now to the task that ran, or {@code null} when none was pending
	 */
	@Nullable Duration runNext() {
		Task next;
		synchronized (this) {
			next = this.tasks.stream().min(Comparator.comparing((Task task) -> task.due)).orElse(null);
			if (next == null) {
				return null;
			}
			this.tasks.remove(next);
		}
		Duration delay = Duration.between(this.clock.instant(), next.due);
		moveTo(next.due);
		next.runnable.run();
		return delay;
	}

	synchronized int pending() {
		return this.tasks.size();
	}

	synchronized @Nullable Duration nextDelay() {
		return this.tasks.stream()
			.map((task) -> Duration.between(this.clock.instant(), task.due))
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	private void moveTo(Instant instant) {
		Duration step = Duration.between(this.clock.instant(), instant);
		if (step.isNegative()) {
			return;
		}
		this.clock.advance(step);
	}

	private record Task(Instant due, Runnable runnable) {
	}

}
