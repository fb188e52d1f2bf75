package dev.vaultkv.propagation.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.vaultkv.propagation.jdbc.HikariSecretRotationIntegrationTests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HikariPoolCredentialsTests {

	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final HikariDataSource pool = new HikariDataSource();

	private final HikariPoolCredentials credentials = new HikariPoolCredentials("HikariCP pool 'test'", this.pool);

	HikariPoolCredentialsTests() {
		this.pool.setJdbcUrl(this.url);
		this.pool.setUsername("sa");
		this.pool.setPassword("initial-pw");
		this.pool.setMaximumPoolSize(1);
	}

	@AfterEach
	void close() throws SQLException {
		this.pool.close();
		try (Connection connection = DriverManager.getConnection(this.url, "sa", "initial-pw")) {
			connection.createStatement().execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			// the test changed the password: the database goes with the JVM
		}
	}

	@Test
	void aPoolThatHasNotStartedJustTakesTheCredentials() {
		assertThat(this.credentials.apply("sa", "two")).isTrue();
		assertThat(this.pool.getHikariPoolMXBean()).isNull();
		assertThat(this.pool.getCredentials().getUsername()).isEqualTo("sa");
		assertThat(this.pool.getCredentials().getPassword()).isEqualTo("two");
	}

	@Test
	void theCredentialsThePoolHasChangeNothing() throws SQLException {
		String session = query(this.pool, "SELECT SESSION_ID()");
		assertThat(this.credentials.apply("sa", "initial-pw")).isFalse();
		assertThat(query(this.pool, "SELECT SESSION_ID()")).isEqualTo(session);
	}

	@Test
	void newCredentialsReplaceBothAndRetireTheOpenConnections() throws SQLException {
		String session = query(this.pool, "SELECT SESSION_ID()");
		execute("CREATE USER other PASSWORD 'other-pw' ADMIN");
		assertThat(this.credentials.apply("other", "other-pw")).isTrue();
		assertThat(this.pool.getCredentials().getUsername()).isEqualTo("other");
		assertThat(this.pool.getCredentials().getPassword()).isEqualTo("other-pw");
		assertThat(query(this.pool, "SELECT SESSION_ID()")).isNotEqualTo(session);
		assertThat(query(this.pool, "SELECT CURRENT_USER")).isEqualToIgnoringCase("other");
	}

	@Test
	void credentialsTheDatabaseRejectsLeaveThePoolAsItWas() throws SQLException {
		String session = query(this.pool, "SELECT SESSION_ID()");
		assertThatIllegalStateException().isThrownBy(() -> this.credentials.apply("sa", "wrong-pw"))
			.withMessageContaining("rejects the new credentials of HikariCP pool 'test'")
			.withMessageNotContaining("wrong-pw")
			.withMessageNotContaining("initial-pw");
		assertThat(this.pool.getCredentials().getPassword()).isEqualTo("initial-pw");
		assertThat(query(this.pool, "SELECT SESSION_ID()")).isEqualTo(session);
	}

	@Test
	void aClosedPoolRefuses() {
		this.pool.close();
		assertThatIllegalStateException().isThrownBy(() -> this.credentials.apply("sa", "two"))
			.withMessage("HikariCP pool 'test' is closed");
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.url, "sa", "initial-pw");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
