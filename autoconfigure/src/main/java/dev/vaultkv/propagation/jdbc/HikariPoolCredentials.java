package dev.vaultkv.propagation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.Credentials;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials of one HikariCP pool. New ones replace the user name and the password together; on a
 * running pool they are first tried on the database (a rejection leaves the pool as it was), then the
 * connections opened with the previous ones are retired gracefully: one at a time, each once the pool has
 * opened its replacement, a busy one when it is next idle (for a pool whose connections vaultkv opens), or
 * all idle ones at once and busy ones when they are returned (soft eviction, for other pools).
 */
final class HikariPoolCredentials {

	private static final Logger logger = LoggerFactory.getLogger(HikariPoolCredentials.class);

	private static final long SECOND_EVICTION_DELAY_MILLIS = 5000;

	private static final long RETIREMENT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final Executor RETIREMENT = (task) -> {
		Thread thread = new Thread(task, "vaultkv-pool-retirement");
		thread.setDaemon(true);
		thread.start();
	};

	private final String name;

	private final HikariDataSource dataSource;

	HikariPoolCredentials(String name, HikariDataSource dataSource) {
		this.name = name;
		this.dataSource = dataSource;
	}

	static String describe(String beanName) {
		return "HikariCP pool '" + beanName + "'";
	}

	String getName() {
		return this.name;
	}

	@Nullable String getUsername() {
		return this.dataSource.getUsername();
	}

	Credentials get() {
		return this.dataSource.getCredentials();
	}

	/**
	 * Give the pool new credentials unless it has them already.
	 * @return whether the pool got new credentials
	 * @throws IllegalStateException if the pool is closed or the database rejects them
	 */
	synchronized boolean apply(String username, String password) {
		if (this.dataSource.isClosed()) {
			throw new IllegalStateException(this.name + " is closed");
		}
		if (isCurrent(get(), username, password)) {
			return false;
		}
		if (this.dataSource.getHikariPoolMXBean() instanceof HikariPool pool) {
			check(pool, username, password);
		}
		this.dataSource.getHikariConfigMXBean().setCredentials(Credentials.of(username, password));
		HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
		if (pool == null) {
			return true;
		}
		if (this.dataSource.getDataSource() instanceof CredentialsRefreshingDataSource connections) {
			CompletableFuture.runAsync(() -> retireGradually(pool, connections), RETIREMENT);
		}
		else {
			pool.softEvictConnections();
			// a connection that was being opened with the previous credentials joins the pool after the
			// eviction: retire those once more, when any connection opening now has finished
			CompletableFuture.runAsync(() -> evictAgain(pool), CompletableFuture.delayedExecutor(
					Math.min(this.dataSource.getConnectionTimeout(), SECOND_EVICTION_DELAY_MILLIS),
					TimeUnit.MILLISECONDS, RETIREMENT));
		}
		return true;
	}

	/**
	 * Retire the connections opened with replaced credentials one at a time, each once the pool has
	 * replaced the previous one, so that the pool keeps serving from the others (evicting them all at once
	 * stalls queries while the pool opens new ones). Whatever is left after a few seconds (busy connections)
	 * is soft-evicted.
	 */
	private void retireGradually(HikariPoolMXBean pool, CredentialsRefreshingDataSource connections) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
				Math.min(this.dataSource.getConnectionTimeout(), SECOND_EVICTION_DELAY_MILLIS));
		try {
			while (connections.hasOutdatedConnections() && System.nanoTime() - deadline < 0
					&& !this.dataSource.isClosed()) {
				int total = pool.getTotalConnections();
				Connection borrowed = this.dataSource.getConnection();
				boolean outdated;
				try {
					outdated = connections.isOutdated(borrowed.unwrap(Connection.class));
				}
				catch (SQLException | RuntimeException ex) {
					// never keep a borrowed connection: the pool would wait for it forever
					closeQuietly(borrowed);
					throw ex;
				}
				if (outdated) {
					this.dataSource.evictConnection(borrowed);
					awaitRefill(pool, total, deadline);
				}
				else {
					// returned from another thread: a connection returned by this one would be handed to it
					// again first (Hikari's thread-local fast path), hiding the outdated ones; not the common
					// pool, whose only worker on a small machine may be busy with a blocking cache load
					CompletableFuture.runAsync(() -> closeQuietly(borrowed), RETIREMENT);
					LockSupport.parkNanos(RETIREMENT_PAUSE_NANOS);
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("{} could not retire its connections one at a time ({})", this.name, ex.getClass().getName());
		}
		if (!this.dataSource.isClosed() && connections.hasOutdatedConnections()) {
			pool.softEvictConnections();
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// the pool drops a connection it cannot take back
		}
	}

	private static void awaitRefill(HikariPoolMXBean pool, int total, long deadline) {
		while (pool.getTotalConnections() < total && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(RETIREMENT_PAUSE_NANOS);
		}
	}

	private void evictAgain(HikariPoolMXBean pool) {
		if (!this.dataSource.isClosed()) {
			pool.softEvictConnections();
		}
	}

	private void check(HikariPool pool, String username, String password) {
		DataSource connections = pool.getUnwrappedDataSource();
		if (connections instanceof CredentialsRefreshingDataSource refreshing) {
			connections = refreshing.getDelegate();
		}
		if (connections == null) {
			return;
		}
		try (Connection connection = connections.getConnection(username, password)) {
			logger.debug("{} opened a connection with its new credentials", this.name);
		}
		catch (SQLException ex) {
			if (RejectedCredentials.isRejection(ex)) {
				throw new IllegalStateException("The database rejects the new credentials of " + this.name
						+ " (SQLState class 28); it keeps its current ones");
			}
			// unreachable or failing for another reason: the credentials cannot be told wrong
			logger.debug("{} could not try its new credentials ({}); it takes them", this.name,
					ex.getClass().getName());
		}
	}

	static boolean isCurrent(Credentials current, @Nullable String username, @Nullable String password) {
		return Objects.equals(current.getUsername(), username) && Objects.equals(current.getPassword(), password);
	}

	@Override
	public String toString() {
		return "HikariPoolCredentials[" + this.name + "]";
	}

}
