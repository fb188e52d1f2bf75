package dev.vaultkv.propagation.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * Threads running a query through a pool, each on a connection borrowed for the query, until stopped;
 * they count the queries that succeeded and keep those that failed.
 */
final class QueryLoad implements AutoCloseable {

	private final DataSource dataSource;

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong succeeded = new AtomicLong();

	private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private QueryLoad(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	static QueryLoad start(DataSource dataSource, int threads) {
		QueryLoad load = new QueryLoad(dataSource);
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(load::run, "query-load-" + i);
			thread.setDaemon(true);
			load.threads.add(thread);
			thread.start();
		}
		return load;
	}

	private void run() {
		while (this.running.get()) {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT 1")) {
				result.next();
				this.succeeded.incrementAndGet();
			}
			catch (Throwable ex) {
				this.failures.add(ex);
			}
		}
	}

	long succeeded() {
		return this.succeeded.get();
	}

	List<Throwable> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Stop the threads and wait for their last query.
	 */
	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(TimeUnit.SECONDS.toMillis(60));
		}
	}

}
