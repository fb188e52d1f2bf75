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

import javax.sql.DataSource;

/**
 * Threads reading a row of {@code greeting} through a pool, one borrowed connection per query, until
 * stopped. Once recording, each query's latency is kept as steady or as during a rotation (started or
 * ended while one was under way); failures are counted from the start.
 *
 * @since 0.1.0
 */
final class QueryWorkers {

	private static final String QUERY = "SELECT message FROM greeting WHERE id = ?";

	private final DataSource dataSource;

	private final List<Worker> workers = new ArrayList<>();

	private final AtomicLong queries = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean recording;

	private volatile boolean stopped;

	private volatile long rotationEpoch;

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

	void rotationStarted() {
		this.rotationEpoch++;
	}

	void rotationEnded() {
		this.rotationEpoch++;
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
		for (Worker worker : this.workers) {
			steady.addAll(worker.steady);
			rotating.addAll(worker.rotating);
		}
		return new Result(this.queries.get(), this.failures.get(), this.firstFailure, steady.sorted(),
				rotating.sorted());
	}

	private final class Worker extends Thread {

		private final Latencies steady = new Latencies();

		private final Latencies rotating = new Latencies();

		Worker(int index) {
			super("rotation-load-query-" + index);
			setDaemon(true);
		}

		@Override
		public void run() {
			QueryWorkers load = QueryWorkers.this;
			while (!load.stopped) {
				long epoch = load.rotationEpoch;
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
					boolean duringRotation = (epoch & 1) == 1 || epoch != load.rotationEpoch;
					(duringRotation ? this.rotating : this.steady).add(elapsed);
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
	 * @param steadyNanos sorted latencies of the recorded queries outside rotations
	 * @param rotatingNanos sorted latencies of the recorded queries during rotations
	 */
	record Result(long queries, long failures, String firstFailure, long[] steadyNanos, long[] rotatingNanos) {

		static double percentileMillis(long[] sorted, double percentile) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
		}

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
