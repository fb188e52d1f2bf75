package dev.vaultkv.secret;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A {@link Ticker} that reads a field refreshed every millisecond by one daemon thread, so that a cache
 * hit does not pay for {@link System#nanoTime()}. Millisecond precision is plenty for secret expiry.
 */
final class CoarseTicker implements Ticker {

	static final CoarseTicker INSTANCE = new CoarseTicker();

	private volatile long nanos = System.nanoTime();

	private CoarseTicker() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "vaultkv-ticker");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(() -> this.nanos = System.nanoTime(), 1, 1, TimeUnit.MILLISECONDS);
	}

	@Override
	public long read() {
		return this.nanos;
	}

}
