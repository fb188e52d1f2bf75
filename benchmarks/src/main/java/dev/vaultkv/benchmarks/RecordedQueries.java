package dev.vaultkv.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * Threads reading a row of {@code greeting} through a pool, one borrowed connection per query, until
 * stopped, keeping every query's start (milliseconds of a {@link Timeline}) and latency, so that queries
 * can be sorted into windows afterwards (the seconds around a rotation, known only once it is over), and
 * the first failures with their time.
 *
 * @since 0.1.0
 */
final class RecordedQueries {

	private static final String QUERY = "SELECT message FROM greeting WHERE id = ?";

	/** A query is kept as its start in milliseconds above these bits and its latency in nanoseconds below. */
	private static final int LATENCY_BITS = 43;

	private static final long LATENCY_MASK = (1L << LATENCY_BITS) - 1;

	private static final int KEPT_FAILURES = 20;

	private final DataSource dataSource;

	private final Timeline timeline;

	private final List<Worker> workers = new ArrayList<>();

	private final AtomicLong failureCount = new AtomicLong();

	private final List<Failure> failures = new ArrayList<>();

	private volatile boolean stopped;

	RecordedQueries(DataSource dataSource, int threads, Timeline timeline) {
		this.dataSource = dataSource;
		this.timeline = timeline;
		for (int i = 0; i < threads; i++) {
			this.workers.add(new Worker(i));
		}
	}

	void start() {
		this.workers.forEach(Thread::start);
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
		int count = this.workers.stream().mapToInt((worker) -> worker.count).sum();
		long[] queries = new long[count];
		int offset = 0;
		for (Worker worker : this.workers) {
			System.arraycopy(worker.queries, 0, queries, offset, worker.count);
			offset += worker.count;
		}
		synchronized (this.failures) {
			return new Result(queries, this.failureCount.get(), List.copyOf(this.failures));
		}
	}

	private void failed(Exception ex, double at) {
		this.failureCount.incrementAndGet();
		synchronized (this.failures) {
			if (this.failures.size() < KEPT_FAILURES) {
				Throwable cause = ex;
				StringBuilder message = new StringBuilder(ex.toString());
				while (cause.getCause() != null && cause.getCause() != cause) {
					cause = cause.getCause();
					message.append(" <- ").append(cause);
				}
				this.failures.add(new Failure(at, Thread.currentThread().getName(), message.toString()));
			}
		}
	}

	private final class Worker extends Thread {

		private long[] queries = new long[1 << 16];

		private int count;

		Worker(int index) {
			super("database-load-query-" + index);
			setDaemon(true);
		}

		@Override
		public void run() {
			RecordedQueries load = RecordedQueries.this;
			while (!load.stopped) {
				long start = System.nanoTime();
				try {
					query();
				}
				catch (SQLException | RuntimeException ex) {
					load.failed(ex, load.timeline.millis(start));
				}
				long latency = Math.min(System.nanoTime() - start, LATENCY_MASK);
				long startMillis = (long) Math.max(0, load.timeline.millis(start));
				if (this.count == this.queries.length) {
					this.queries = Arrays.copyOf(this.queries, this.count * 2);
				}
				this.queries[this.count++] = (startMillis << LATENCY_BITS) | latency;
			}
		}

		private void query() throws SQLException {
			try (Connection connection = RecordedQueries.this.dataSource.getConnection();
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
	 * A failed query.
	 *
	 * @param at when it started, in milliseconds of the timeline
	 * @param thread the query thread
	 * @param message the exception and its causes
	 */
	record Failure(double at, String thread, String message) {

	}

	/**
	 * What the threads did.
	 *
	 * @param queries every query, as start and latency (see {@link #startMillis} and {@link #latencyNanos})
	 * @param failureCount the failed queries
	 * @param failures the first failures
	 */
	record Result(long[] queries, long failureCount, List<Failure> failures) {

		static long startMillis(long query) {
			return query >>> LATENCY_BITS;
		}

		static long latencyNanos(long query) {
			return query & LATENCY_MASK;
		}

		/**
		 * Return the slowest queries started from an instant on, slowest first.
		 * @param fromMillis queries started earlier are left out
		 * @param count how many
		 * @return the queries, as start and latency
		 */
		List<Long> slowest(double fromMillis, int count) {
			PriorityQueue<Long> slowest = new PriorityQueue<>(Comparator.comparingLong(Result::latencyNanos));
			for (long query : this.queries) {
				if (startMillis(query) < fromMillis) {
					continue;
				}
				slowest.add(query);
				if (slowest.size() > count) {
					slowest.poll();
				}
			}
			return slowest.stream().sorted(Comparator.<Long>comparingLong(Result::latencyNanos).reversed()).toList();
		}

		/**
		 * Split the queries started from an instant on into those that started in one of the windows and
		 * the others.
		 * @param fromMillis queries started earlier (the warm-up) are left out
		 * @param windows the windows, as {@code [from, to]} in milliseconds
		 * @return sorted latencies in nanoseconds: {@code [outside, inside]}
		 */
		long[][] split(double fromMillis, List<double[]> windows) {
			long[] outside = new long[this.queries.length];
			long[] inside = new long[this.queries.length];
			int out = 0;
			int in = 0;
			for (long query : this.queries) {
				long start = startMillis(query);
				if (start < fromMillis) {
					continue;
				}
				boolean windowed = false;
				for (double[] window : windows) {
					if (start >= window[0] && start <= window[1]) {
						windowed = true;
						break;
					}
				}
				if (windowed) {
					inside[in++] = latencyNanos(query);
				}
				else {
					outside[out++] = latencyNanos(query);
				}
			}
			long[] steady = Arrays.copyOf(outside, out);
			long[] windowed = Arrays.copyOf(inside, in);
			Arrays.sort(steady);
			Arrays.sort(windowed);
			return new long[][] { steady, windowed };
		}

	}

}
