package dev.vaultkv.samples.rotating;

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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker threads reading a row of {@code greeting} through the pool, one connection per query, until
 * stopped. Each query's latency is recorded as steady or as during a rotation: a query that started or
 * ended while a rotation was under way counts as during it.
 */
final class QueryLoad {

	private static final Logger logger = LoggerFactory.getLogger(QueryLoad.class);

	private static final String QUERY = "SELECT message FROM greeting WHERE id = ?";

	private static final int REPORTED_FAILURES = 5;

	private final DataSource dataSource;

	private final List<Worker> workers = new ArrayList<>();

	private final AtomicLong queries = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean recording;

	private volatile boolean stopped;

	/** Odd while a rotation is under way. */
	private volatile long rotationEpoch;

	private volatile Awaited awaited = new Awaited(Long.MAX_VALUE, new CountDownLatch(0));

	QueryLoad(DataSource dataSource, int workers) {
		this.dataSource = dataSource;
		for (int i = 0; i < workers; i++) {
			this.workers.add(new Worker(i));
		}
	}

	void start() {
		this.workers.forEach(Thread::start);
	}

	/**
	 * Wait until this many queries ran in all, counted from the start.
	 * @param count the number of queries
	 * @param timeout how long to wait at most
	 */
	void awaitQueries(long count, Duration timeout) throws InterruptedException {
		Awaited awaited = new Awaited(count, new CountDownLatch(1));
		this.awaited = awaited;
		if (this.queries.get() >= count) {
			awaited.latch().countDown();
		}
		if (!awaited.latch().await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Only " + this.queries.get() + " of " + count + " queries ran in " + timeout);
		}
	}

	long queries() {
		return this.queries.get();
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

	/**
	 * Stop the workers and return what they measured.
	 * @param timeout how long to wait for them
	 * @return the result
	 */
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
		return new Result(steady.count() + rotating.count(), this.failures.get(), steady.sorted(), rotating.sorted());
	}

	private void completed() {
		Awaited awaited = this.awaited;
		if (this.queries.incrementAndGet() >= awaited.queries()) {
			awaited.latch().countDown();
		}
	}

	private final class Worker extends Thread {

		private final Latencies steady = new Latencies();

		private final Latencies rotating = new Latencies();

		Worker(int index) {
			super("query-" + index);
			setDaemon(true);
		}

		@Override
		public void run() {
			while (!QueryLoad.this.stopped) {
				long epoch = QueryLoad.this.rotationEpoch;
				boolean recorded = QueryLoad.this.recording;
				long start = System.nanoTime();
				try {
					query();
				}
				catch (SQLException | RuntimeException ex) {
					long failures = QueryLoad.this.failures.incrementAndGet();
					if (failures <= REPORTED_FAILURES) {
						logger.warn("Query failed: {}", ex.toString());
					}
				}
				long elapsed = System.nanoTime() - start;
				if (recorded) {
					boolean duringRotation = (epoch & 1) == 1 || epoch != QueryLoad.this.rotationEpoch;
					(duringRotation ? this.rotating : this.steady).add(elapsed);
				}
				completed();
			}
		}

		private void query() throws SQLException {
			try (Connection connection = QueryLoad.this.dataSource.getConnection();
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
	 * What the workers measured while recording.
	 *
	 * @param queries the recorded queries
	 * @param failures the failed queries, recorded or not
	 * @param steadyNanos the sorted latencies of queries outside rotations
	 * @param rotatingNanos the sorted latencies of queries during rotations
	 */
	record Result(long queries, long failures, long[] steadyNanos, long[] rotatingNanos) {

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
	 * A growable array of latencies, written by one thread.
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

		int count() {
			return this.count;
		}

		long[] sorted() {
			long[] sorted = Arrays.copyOf(this.values, this.count);
			Arrays.sort(sorted);
			return sorted;
		}

	}

}
