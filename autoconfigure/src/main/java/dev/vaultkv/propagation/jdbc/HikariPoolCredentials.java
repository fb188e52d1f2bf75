package dev.vaultkv.propagation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

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
 * connections opened with the previous ones are retired gracefully: idle ones at once, busy ones when
 * they are returned.
 */
final class HikariPoolCredentials {

	private static final Logger logger = LoggerFactory.getLogger(HikariPoolCredentials.class);

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
		if (pool != null) {
			pool.softEvictConnections();
		}
		return true;
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
