package dev.vaultkv.embedded;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One active fault of a {@link FaultInjector}: which requests it hits and what it does to them.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class FaultRule {

	enum Kind {

		FAIL, DELAY, DROP, TRUNCATE

	}

	private final FaultInjector owner;

	private final Kind kind;

	private final @Nullable Pattern path;

	private final AtomicInteger remaining;

	private final AtomicInteger hits = new AtomicInteger();

	private final int status;

	private final List<String> errors;

	private final @Nullable Duration retryAfter;

	private final Duration delay;

	FaultRule(FaultInjector owner, Kind kind, @Nullable Pattern path, int count, int status, List<String> errors,
			@Nullable Duration retryAfter, Duration delay) {
		if (count == 0 || count < -1) {
			throw new IllegalArgumentException("'count' must be positive, or -1 for until removed");
		}
		this.owner = owner;
		this.kind = kind;
		this.path = path;
		this.remaining = new AtomicInteger(count);
		this.status = status;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
		this.delay = delay;
	}

	/**
	 * Claim this rule for a request if it matches and has uses left.
	 */
	boolean tryClaim(String requestPath) {
		if (this.path != null && !this.path.matcher(requestPath).matches()) {
			return false;
		}
		while (true) {
			int left = this.remaining.get();
			if (left == 0) {
				return false;
			}
			if (left < 0 || this.remaining.compareAndSet(left, left - 1)) {
				this.hits.incrementAndGet();
				return true;
			}
		}
	}

	Kind kind() {
		return this.kind;
	}

	int status() {
		return this.status;
	}

	List<String> errors() {
		return this.errors;
	}

	@Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	Duration delay() {
		return this.delay;
	}

	/**
	 * Return how many more requests this rule will hit ({@code -1} = until removed).
	 * @return the remaining count
	 * @since 0.1.0
	 */
	public int remaining() {
		return this.remaining.get();
	}

	/**
	 * Return how many requests this rule has hit so far.
	 * @return the hit count
	 * @since 0.1.0
	 */
	public int hits() {
		return this.hits.get();
	}

	/**
	 * Deactivate this rule.
	 * @since 0.1.0
	 */
	public void remove() {
		this.owner.remove(this);
	}

}
