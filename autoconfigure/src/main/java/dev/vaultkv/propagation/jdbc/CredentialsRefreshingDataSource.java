package dev.vaultkv.propagation.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data source a HikariCP pool opens its connections through, around the driver's: when the database
 * rejects the pool's credentials, the secret they come from is read again and, if the pool got other
 * credentials from it, the connection is opened once more with them, so that the caller waiting for a
 * connection does not fail. Rejections of the same credentials share one re-read.
 */
final class CredentialsRefreshingDataSource implements DataSource {

	private static final Logger logger = LoggerFactory.getLogger(CredentialsRefreshingDataSource.class);

	private final String name;

	private final DataSource delegate;

	private final HikariDataSource pool;

	private final ReentrantLock refreshLock = new ReentrantLock();

	private volatile @Nullable Refresher refresher;

	private final Map<Connection, Credentials> opened = Collections.synchronizedMap(new WeakHashMap<>());

	CredentialsRefreshingDataSource(String name, DataSource delegate, HikariDataSource pool) {
		this.name = name;
		this.delegate = delegate;
		this.pool = pool;
	}

	DataSource getDelegate() {
		return this.delegate;
	}

	/**
	 * Set what reads the pool's credentials again after a rejection; until then a rejection is the
	 * caller's.
	 */
	void setRefresher(Refresher refresher) {
		this.refresher = refresher;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return this.delegate.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		long attemptStarted = System.nanoTime();
		try {
			return current(this.delegate.getConnection(username, password), username, password);
		}
		catch (SQLException ex) {
			Credentials retry = RejectedCredentials.isRejection(ex)
					? refreshAfterRejection(username, password, attemptStarted) : null;
			if (retry == null) {
				throw ex;
			}
			logger.debug("{} opens its connection again with the credentials read after a rejection", this.name);
			return current(this.delegate.getConnection(retry.getUsername(), retry.getPassword()),
					retry.getUsername(), retry.getPassword());
		}
	}

	/**
	 * Return a connection opened with the pool's current credentials: one opened with credentials that were
	 * replaced while it was being opened would join the pool after the replacement retired the others.
	 * The connection is recorded before the credentials are compared: credentials replaced after the
	 * comparison are replaced after the record too, so that the retirement that follows sees it.
	 */
	private Connection current(Connection connection, String username, String password) throws SQLException {
		this.opened.put(connection, Credentials.of(username, password));
		Credentials current = this.pool.getCredentials();
		if (HikariPoolCredentials.isCurrent(current, username, password) || current.getUsername() == null) {
			return connection;
		}
		this.opened.remove(connection);
		connection.close();
		logger.debug("{} opens its connection again: its credentials were replaced meanwhile", this.name);
		Connection again = this.delegate.getConnection(current.getUsername(), current.getPassword());
		this.opened.put(again, current);
		return again;
	}

	/**
	 * Return whether a connection of the pool's was opened with credentials other than the pool's current
	 * ones.
	 * @param physical the connection as the driver gave it
	 * @return whether it was opened with other credentials (or not through this data source)
	 */
	boolean isOutdated(Connection physical) {
		Credentials credentials = this.opened.get(physical);
		Credentials current = this.pool.getCredentials();
		return credentials == null
				|| !HikariPoolCredentials.isCurrent(current, credentials.getUsername(), credentials.getPassword());
	}

	/**
	 * Return whether any open connection was opened with credentials other than the pool's current ones.
	 * @return whether there is such a connection
	 */
	boolean hasOutdatedConnections() {
		List<Connection> connections;
		synchronized (this.opened) {
			connections = new ArrayList<>(this.opened.keySet());
		}
		for (Connection connection : connections) {
			try {
				if (!connection.isClosed() && isOutdated(connection)) {
					return true;
				}
			}
			catch (SQLException ex) {
				// a connection that cannot tell is closed or broken: the pool drops it
			}
		}
		return false;
	}

	private @Nullable Credentials refreshAfterRejection(String username, String password, long attemptStarted) {
		Refresher refresher = this.refresher;
		if (refresher == null) {
			return null;
		}
		this.refreshLock.lock();
		try {
			// a rejection that another thread has already answered with new credentials needs no read
			if (HikariPoolCredentials.isCurrent(this.pool.getCredentials(), username, password)) {
				refresher.refresh(attemptStarted);
			}
		}
		catch (Exception ex) {
			logger.warn("{}: the database rejected its credentials and they could not be read again ({})", this.name,
					ex.getClass().getName());
			logger.debug("Reading the credentials of {} again failed", this.name, ex);
			return null;
		}
		finally {
			this.refreshLock.unlock();
		}
		Credentials current = this.pool.getCredentials();
		return HikariPoolCredentials.isCurrent(current, username, password) ? null : current;
	}

	@Override
	public @Nullable PrintWriter getLogWriter() throws SQLException {
		return this.delegate.getLogWriter();
	}

	@Override
	public void setLogWriter(@Nullable PrintWriter out) throws SQLException {
		this.delegate.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.delegate.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.delegate.getLoginTimeout();
	}

	@Override
	public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.delegate.getParentLogger();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return (T) this;
		}
		return type.isInstance(this.delegate) ? (T) this.delegate : this.delegate.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this) || type.isInstance(this.delegate) || this.delegate.isWrapperFor(type);
	}

	@Override
	public String toString() {
		return "CredentialsRefreshingDataSource[" + this.name + "]";
	}

	/**
	 * Reads a pool's credentials again after the database rejected them, and gives the pool those read.
	 */
	@FunctionalInterface
	interface Refresher {

		/**
		 * Read the credentials again and apply them to the pool if they changed.
		 * @param attemptStartedNanos when the rejected attempt started, on {@link System#nanoTime()}
		 * @throws Exception if they cannot be read or applied
		 */
		void refresh(long attemptStartedNanos) throws Exception;

	}

}
