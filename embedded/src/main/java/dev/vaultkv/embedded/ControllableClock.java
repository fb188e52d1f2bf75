package dev.vaultkv.embedded;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The embedded server's clock: follows real time by default and can be moved forward (or frozen) by tests.
 * Token and lease expiry, credential rotation, wrapping TTLs and every timestamp the server reports come from
 * it. Moving it with {@link #advance(Duration)} or {@link #freezeAt(Instant)} makes the servers using it do
 * the work that became due (expire tokens and leases, revoke database users, rotate static credentials)
 * before the call returns.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class ControllableClock extends Clock {

	private final Clock base;

	private final Object lock = new Object();

	private Duration offset = Duration.ZERO;

	private @Nullable Instant frozen;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Create a clock following the system UTC clock.
	 * @since 0.1.0
	 */
	public ControllableClock() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a clock following another clock.
	 * @param base the clock to follow
	 * @since 0.1.0
	 */
	public ControllableClock(Clock base) {
		this.base = Objects.requireNonNull(base, "'base' must not be null");
	}

	/**
	 * Move the clock forward (or back, with a negative duration).
	 * @param duration how far to move it
	 * @return this clock
	 * @since 0.1.0
	 */
	public ControllableClock advance(Duration duration) {
		Objects.requireNonNull(duration, "'duration' must not be null");
		synchronized (this.lock) {
			if (this.frozen != null) {
				this.frozen = this.frozen.plus(duration);
			}
			else {
				this.offset = this.offset.plus(duration);
			}
		}
		moved();
		return this;
	}

	/**
	 * Stop the clock at its current instant until {@link #resume()}.
	 * @return this clock
	 * @since 0.1.0
	 */
	public ControllableClock freeze() {
		synchronized (this.lock) {
			this.frozen = instant();
		}
		return this;
	}

	/**
	 * Stop the clock at the given instant until {@link #resume()}.
	 * @param instant the instant
	 * @return this clock
	 * @since 0.1.0
	 */
	public ControllableClock freezeAt(Instant instant) {
		Objects.requireNonNull(instant, "'instant' must not be null");
		synchronized (this.lock) {
			this.frozen = instant;
		}
		moved();
		return this;
	}

	/**
	 * Let a frozen clock run again from the instant it shows.
	 * @return this clock
	 * @since 0.1.0
	 */
	public ControllableClock resume() {
		synchronized (this.lock) {
			if (this.frozen != null) {
				this.offset = Duration.between(this.base.instant(), this.frozen);
				this.frozen = null;
			}
		}
		return this;
	}

	/**
	 * Go back to real time: no offset, not frozen.
	 * @return this clock
	 * @since 0.1.0
	 */
	public ControllableClock reset() {
		synchronized (this.lock) {
			this.offset = Duration.ZERO;
			this.frozen = null;
		}
		return this;
	}

	/**
	 * Run a task whenever the clock is moved forward by {@link #advance} or {@link #freezeAt}, on the thread
	 * that moved it.
	 * @param listener the task
	 * @since 0.1.0
	 */
	public void addListener(Runnable listener) {
		this.listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
	}

	/**
	 * Stop running a task added with {@link #addListener(Runnable)}.
	 * @param listener the task
	 * @since 0.1.0
	 */
	public void removeListener(Runnable listener) {
		this.listeners.remove(listener);
	}

	private void moved() {
		// outside the lock: listeners read the clock
		for (Runnable listener : this.listeners) {
			listener.run();
		}
	}

	@Override
	public Instant instant() {
		synchronized (this.lock) {
			return (this.frozen != null) ? this.frozen : this.base.instant().plus(this.offset);
		}
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

}
