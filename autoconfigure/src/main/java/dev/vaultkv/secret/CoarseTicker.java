package dev.vaultkv.secret;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A {@link Ticker} that reads a field refreshed every {@value #PERIOD_MILLIS} ms by one daemon thread,
 * so that a cache hit does not pay for {@link System#nanoTime()}. Secrets live for seconds at least,
 * so that precision is plenty, and the thread wakes up rarely enough to cost an idle replica nothing
 * measurable.
 */
final class CoarseTicker implements Ticker {

	static final long PERIOD_MILLIS = 20;

	static final CoarseTicker INSTANCE = new CoarseTicker();

	private volatile long nanos = System.nanoTime();

	private CoarseTicker() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "vaultkv-ticker");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(() -> this.nanos = System.nanoTime(), PERIOD_MILLIS, PERIOD_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public long read() {
		return this.nanos;
	}

}
