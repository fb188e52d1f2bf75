package dev.vaultkv.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.auth.RenewalScheduler;

/**
 * A {@link RenewalScheduler} driven by hand on a clock of the test's: {@link #advance(Duration)} moves
 * the clock forward and runs the tasks that fall due, in order, each at its due time.
 */
public abstract class DrivenScheduler implements RenewalScheduler {

	private final List<Task> tasks = new ArrayList<>();

	public final List<Duration> delays = new ArrayList<>();

	/**
	 * Return the current time of the clock the tasks are due on.
	 * @return the time
	 */
	public abstract Instant now();

	/**
	 * Move the clock to a later time.
	 * @param instant the time, not before {@link #now()}
	 */
	public abstract void moveTo(Instant instant);

	@Override
	public synchronized Cancellable schedule(Runnable runnable, Duration delay) {
		Task task = new Task(now().plus(delay), runnable);
		this.tasks.add(task);
		this.delays.add(delay);
		return () -> {
			synchronized (this) {
				this.tasks.remove(task);
			}
		};
	}

	public void advance(Duration duration) {
		Instant target = now().plus(duration);
		while (true) {
			Task next = takeNext(target);
			if (next == null) {
				break;
			}
			moveTo(next.due());
			next.runnable().run();
		}
		moveTo(target);
	}

	/**
	 * Run the next task due, moving the clock to its due time.
	 * @return the delay from now to the task that ran, or {@code null} when none was pending
	 */
	public @Nullable Duration runNext() {
		Task next = takeNext(null);
		if (next == null) {
			return null;
		}
		Duration delay = Duration.between(now(), next.due());
		moveTo(next.due());
		next.runnable().run();
		return delay;
	}

	public synchronized int pending() {
		return this.tasks.size();
	}

	public synchronized @Nullable Duration nextDelay() {
		return this.tasks.stream()
			.map((task) -> Duration.between(now(), task.due()))
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	public Duration lastDelay() {
		return this.delays.get(this.delays.size() - 1);
	}

	private synchronized @Nullable Task takeNext(@Nullable Instant notAfter) {
		Task next = this.tasks.stream()
			.filter((task) -> notAfter == null || !task.due().isAfter(notAfter))
			.min(Comparator.comparing(Task::due))
			.orElse(null);
		if (next != null) {
			this.tasks.remove(next);
		}
		return next;
	}

	private record Task(Instant due, Runnable runnable) {
	}

}
