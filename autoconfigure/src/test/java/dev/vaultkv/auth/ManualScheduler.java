package dev.vaultkv.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A {@link RenewalScheduler} driven by hand together with its own clock: {@link #advance(Duration)}
 * moves time forward and runs the tasks that fall due, in order.
 */
class ManualScheduler implements RenewalScheduler {

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<Task> tasks = new ArrayList<>();

	final List<Duration> delays = new ArrayList<>();

	@Override
	public synchronized Cancellable schedule(Runnable runnable, Duration delay) {
		Task task = new Task(this.clock.instant().plus(delay), runnable);
		this.tasks.add(task);
		this.delays.add(delay);
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
			this.clock.set(next.due);
			next.runnable.run();
		}
		this.clock.set(target);
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

	Duration lastDelay() {
		return this.delays.get(this.delays.size() - 1);
	}

	private static final class Task {

		private final Instant due;

		private final Runnable runnable;

		Task(Instant due, Runnable runnable) {
			this.due = due;
			this.runnable = runnable;
		}

	}

	static final class MutableClock extends Clock {

		private volatile Instant instant;

		MutableClock(Instant instant) {
			this.instant = instant;
		}

		void set(Instant instant) {
			this.instant = instant;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

	}

}
