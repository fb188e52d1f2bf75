package dev.vaultkv.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import javax.sql.DataSource;

/**
 * Threads reading a row of {@code greeting} through a pool, one borrowed connection per query, until
 * stopped. Once recording, each query's latency is kept as steady or as during a window (a rotation, or a
 * plain eviction of the pool's connections for comparison) if it started or ended while one was open;
 * failures are counted from the start.
 *
 * @since 0.1.0
 */
final class QueryWorkers {

	private static final String QUERY = "SELECT message FROM greeting WHERE id = ?";

	private static final int MAX_WINDOWS = 256;

	private final DataSource dataSource;

	private final List<Worker> workers = new ArrayList<>();

	private final AtomicLong queries = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean recording;

	private volatile boolean stopped;

	/** Odd while a window is open. */
	private volatile long windowEpoch;

	private volatile Window window = Window.ROTATION;

	private final List<Window> windowKinds = new ArrayList<>();

	private volatile Awaited awaited = new Awaited(Long.MAX_VALUE, new CountDownLatch(0));

	private volatile String firstFailure = "";

	QueryWorkers(DataSource dataSource, int threads) {
		this.dataSource = dataSource;
		for (int i = 0; i < threads; i++) {
			this.workers.add(new Worker(i));
		}
	}

	void start() {
		this.workers.forEach(Thread::start);
	}

	/**
	 * Wait until this many more queries ran.
	 * @param count the number of queries
	 * @param timeout how long to wait at most
	 * @throws InterruptedException if interrupted
	 */
	void awaitMoreQueries(long count, Duration timeout) throws InterruptedException {
		Awaited awaited = new Awaited(this.queries.get() + count, new CountDownLatch(1));
		this.awaited = awaited;
		if (this.queries.get() >= awaited.queries()) {
			awaited.latch().countDown();
		}
		if (!awaited.latch().await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Fewer than " + count + " queries ran in " + timeout);
		}
	}

	void startRecording() {
		this.recording = true;
	}

	void windowOpened(Window window) {
		this.window = window;
		this.windowKinds.add(window);
		this.windowEpoch++;
	}

	void windowClosed() {
		this.windowEpoch++;
	}

	Result stop(Duration timeout) throws InterruptedException {
		this.stopped = true;
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Worker worker : this.workers) {
			worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			if (worker.isAlive()) {
				throw new IllegalStateException(worker.getName() + " did not stop within " + timeout);
			}
		}
		Latencies steady = new Latencies();
		Latencies rotating = new Latencies();
		Latencies evicting = new Latencies();
		long[] windowMax = new long[MAX_WINDOWS];
		for (Worker worker : this.workers) {
			steady.addAll(worker.steady);
			rotating.addAll(worker.rotating);
			evicting.addAll(worker.evicting);
			for (int i = 0; i < MAX_WINDOWS; i++) {
				windowMax[i] = Math.max(windowMax[i], worker.windowMax[i]);
			}
		}
		int windows = (int) Math.min(MAX_WINDOWS, this.windowEpoch / 2);
		return new Result(this.queries.get(), this.failures.get(), this.firstFailure, steady.sorted(),
				rotating.sorted(), evicting.sorted(), Arrays.copyOf(windowMax, windows), this.windowKinds
					.subList(0, windows));
	}

	private final class Worker extends Thread {

		private final Latencies steady = new Latencies();

		private final Latencies rotating = new Latencies();

		private final Latencies evicting = new Latencies();

		private final long[] windowMax = new long[MAX_WINDOWS];

		Worker(int index) {
			super("rotation-load-query-" + index);
			setDaemon(true);
		}

		@Override
		public void run() {
			QueryWorkers load = QueryWorkers.this;
			while (!load.stopped) {
				long epoch = load.windowEpoch;
				Window window = load.window;
				boolean recorded = load.recording;
				long start = System.nanoTime();
				try {
					query();
				}
				catch (SQLException | RuntimeException ex) {
					if (load.failures.incrementAndGet() == 1) {
						load.firstFailure = ex.toString();
					}
				}
				long elapsed = System.nanoTime() - start;
				if (recorded) {
					long now = load.windowEpoch;
					if ((epoch & 1) == 0 && epoch != now) {
						window = load.window;
					}
					boolean inWindow = (epoch & 1) == 1 || epoch != now;
					(!inWindow ? this.steady : (window == Window.ROTATION) ? this.rotating : this.evicting)
						.add(elapsed);
					if (inWindow) {
						// the window the query started in, or else the one it ended in or spanned
						int index = (int) ((((epoch & 1) == 1) ? epoch : now - 1) / 2);
						if (index < MAX_WINDOWS && elapsed > this.windowMax[index]) {
							this.windowMax[index] = elapsed;
						}
					}
				}
				Awaited awaited = load.awaited;
				if (load.queries.incrementAndGet() >= awaited.queries()) {
					awaited.latch().countDown();
				}
			}
		}

		private void query() throws SQLException {
			try (Connection connection = QueryWorkers.this.dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement(QUERY)) {
				statement.setInt(1, ThreadLocalRandom.current().nextInt(1, 11));
				try (ResultSet result = statement.executeQuery()) {
					if (!result.next()) {
						throw new IllegalStateException("No greeting");
					}
				}
			}
		}

	}

	/**
	 * What the workers measured.
	 *
	 * @param queries all queries, recorded or not
	 * @param failures the failed queries
	 * @param firstFailure the first failure, empty if none
	 * @param steadyNanos sorted latencies of the recorded queries outside windows
	 * @param rotatingNanos sorted latencies of the recorded queries during rotations
	 * @param evictingNanos sorted latencies of the recorded queries during plain evictions
	 * @param windowMaxNanos the slowest query of each window, in order
	 * @param windows what each window was
	 */
	record Result(long queries, long failures, String firstFailure, long[] steadyNanos, long[] rotatingNanos,
			long[] evictingNanos, long[] windowMaxNanos, List<Window> windows) {

		/**
		 * Return the slowest query of each window of a kind, sorted.
		 * @param kind the kind of window
		 * @return the latencies in nanoseconds
		 */
		long[] slowestPerWindow(Window kind) {
			return IntStream.range(0, this.windowMaxNanos.length)
				.filter((i) -> this.windows.get(i) == kind)
				.mapToLong((i) -> this.windowMaxNanos[i])
				.sorted()
				.toArray();
		}

		static double percentileMillis(long[] sorted, double percentile) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
		}

	}

	/**
	 * What a window is.
	 */
	enum Window {

		/** A password rotation. */
		ROTATION,

		/** The pool's connections soft-evicted, the password unchanged. */
		EVICTION

	}

	/**
	 * A number of queries waited for, and the latch released when they have run.
	 */
	private record Awaited(long queries, CountDownLatch latch) {

	}

	/**
	 * A growable array of latencies written by one thread.
	 */
	private static final class Latencies {

		private long[] values = new long[4096];

		private int count;

		void add(long value) {
			if (this.count == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.count * 2);
			}
			this.values[this.count++] = value;
		}

		void addAll(Latencies other) {
			for (int i = 0; i < other.count; i++) {
				add(other.values[i]);
			}
		}

		long[] sorted() {
			long[] sorted = Arrays.copyOf(this.values, this.count);
			Arrays.sort(sorted);
			return sorted;
		}

	}

}
