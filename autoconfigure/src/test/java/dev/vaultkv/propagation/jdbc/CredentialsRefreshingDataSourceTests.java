package dev.vaultkv.propagation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CredentialsRefreshingDataSource} keeps track of the credentials each connection was opened with.
 */
class CredentialsRefreshingDataSourceTests {

	@Test
	void aConnectionIsTrackedBeforeItsCredentialsAreComparedWithThePool() throws SQLException {
		JdbcDataSource driver = new JdbcDataSource();
		driver.setURL("jdbc:h2:mem:" + UUID.randomUUID());
		AtomicReference<CredentialsRefreshingDataSource> connections = new AtomicReference<>();
		AtomicBoolean replaceOnNextRead = new AtomicBoolean();
		AtomicReference<Boolean> retirementSawAnOutdatedConnection = new AtomicReference<>();
		HikariDataSource pool = new HikariDataSource() {

			@Override
			public Credentials getCredentials() {
				Credentials read = super.getCredentials();
				if (replaceOnNextRead.compareAndSet(true, false)) {
					// the credentials are replaced, and the retirement looks at the connections, just after
					// the data source read them
					setCredentials(Credentials.of("sa", "next"));
					retirementSawAnOutdatedConnection.set(connections.get().hasOutdatedConnections());
				}
				return read;
			}

		};
		pool.setCredentials(Credentials.of("sa", "initial"));
		connections.set(new CredentialsRefreshingDataSource("HikariCP pool 'test'", driver, pool));
		replaceOnNextRead.set(true);
		try (Connection connection = connections.get().getConnection("sa", "initial")) {
			assertThat(retirementSawAnOutdatedConnection.get()).isTrue();
			assertThat(connections.get().isOutdated(connection)).isTrue();
		}
		finally {
			pool.close();
		}
	}

}
