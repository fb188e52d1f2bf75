package dev.vaultkv.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ConnectionFactory;
import dev.vaultkv.testsupport.SharedService.Unavailable;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Proves each real-service account enforces its password: the right one connects, a wrong one is refused, and
 * after a password change only the new one connects.
 */
class RealServicesTests {

	@Test
	void postgresRefusesWrongPasswordsAndFollowsChanges() throws Exception {
		ScramPostgres postgres = ScramPostgres.get();
		String role = ServiceSupport.uniqueName("scram");
		String password = ServiceSupport.randomPassword();
		postgres.createRole(role, password);
		try {
			String url = postgres.jdbcUrl(role);
			try (Connection connection = DriverManager.getConnection(url, role, password)) {
				assertThat(query(connection, "SELECT current_user || '@' || current_database()"))
					.isEqualTo(role + "@" + role);
				execute(connection, "CREATE TABLE owned (id int)");
				assertRefused(url, role, "wrong-" + password, "28P01", 0);
				String newPassword = ServiceSupport.randomPassword();
				postgres.changePassword(role, newPassword);
				assertRefused(url, role, password, "28P01", 0);
				assertConnects(url, role, newPassword);
				assertThat(connection.isValid(5)).as("open session survives the change").isTrue();
				postgres.terminateSessions(role);
				assertThat(connection.isValid(5)).as("terminated session").isFalse();
			}
		}
		finally {
			postgres.dropRole(role);
		}
		try (Connection admin = postgres.adminConnection()) {
			assertThat(query(admin, "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'")).isEqualTo("0");
		}
	}

	@Test
	void mariaDbRefusesWrongPasswordsAndFollowsChanges() throws Exception {
		MariaDbAccounts mariaDb = MariaDbAccounts.get();
		String user = ServiceSupport.uniqueName("maria");
		String password = ServiceSupport.randomPassword();
		mariaDb.createUser(user, password);
		try {
			String url = mariaDb.jdbcUrl(user);
			try (Connection connection = DriverManager.getConnection(url, user, password)) {
				assertThat(query(connection, "SELECT CONCAT(SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '@', DATABASE())"))
					.isEqualTo(user + "@" + user);
				execute(connection, "CREATE TABLE owned (id int)");
				assertRefused(url, user, "wrong-" + password, "28000", 1045);
				assertRefused(url, user, "", "28000", 1045);
				String newPassword = ServiceSupport.randomPassword();
				mariaDb.changePassword(user, newPassword);
				assertRefused(url, user, password, "28000", 1045);
				assertConnects(url, user, newPassword);
				assertThat(connection.isValid(5)).as("open connection survives the change").isTrue();
				mariaDb.killConnections(user);
				assertThat(connection.isValid(5)).as("killed connection").isFalse();
			}
		}
		finally {
			mariaDb.dropUser(user);
		}
		try (Connection admin = mariaDb.adminConnection()) {
			assertThat(query(admin, "SELECT count(*) FROM mysql.user WHERE user = '" + user + "'")).isEqualTo("0");
			assertThat(query(admin, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + user
					+ "'"))
				.isEqualTo("0");
		}
	}

	@Test
	void h2RefusesWrongPasswordsAndFollowsChanges() throws Exception {
		H2Accounts h2 = H2Accounts.get();
		String user = ServiceSupport.uniqueName("h2");
		String password = ServiceSupport.randomPassword();
		h2.createUser(user, password);
		try {
			String url = h2.jdbcUrl(user);
			assertThat(url).startsWith("jdbc:h2:tcp://127.0.0.1:");
			try (Connection connection = DriverManager.getConnection(url, user, password)) {
				assertThat(query(connection, "SELECT CURRENT_USER || '@' || CURRENT_SCHEMA"))
					.isEqualToIgnoringCase(user + "@" + user);
				execute(connection, "CREATE TABLE owned (id int)");
				assertRefused(url, user, "wrong-" + password, "28000", 28000);
				String newPassword = ServiceSupport.randomPassword();
				h2.changePassword(user, newPassword);
				assertRefused(url, user, password, "28000", 28000);
				assertConnects(url, user, newPassword);
				assertThat(connection.isValid(5)).as("open session survives the change").isTrue();
				h2.closeSessions(user);
				assertThat(connection.isValid(5)).as("closed session").isFalse();
			}
		}
		finally {
			h2.dropUser(user);
		}
	}

	@Test
	void redisRefusesWrongPasswordsAndFollowsChanges() {
		RedisAcl redis = RedisAcl.get();
		String user = ServiceSupport.uniqueName("redis");
		String password = ServiceSupport.randomPassword();
		redis.createUser(user, password);
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder().autoReconnect(false).build());
		try (StatefulRedisConnection<String, String> connection = client.connect(redis.uri(user, password))) {
			assertThat(connection.sync().aclWhoami()).isEqualTo(user);
			assertThat(redis.authenticates(user, password)).isTrue();
			assertThat(connection.sync().set(user + ":key", "value")).isEqualTo("OK");
			assertThat(connection.sync().del(user + ":key")).isEqualTo(1);
			assertRedisRefused(client, redis, user, "wrong-" + password);
			String newPassword = ServiceSupport.randomPassword();
			redis.changePassword(user, newPassword);
			assertRedisRefused(client, redis, user, password);
			try (StatefulRedisConnection<String, String> renewed = client.connect(redis.uri(user, newPassword))) {
				assertThat(renewed.sync().aclWhoami()).isEqualTo(user);
			}
			assertThat(redis.authenticates(user, newPassword)).isTrue();
			assertThat(connection.sync().ping()).as("open connection survives the change").isEqualTo("PONG");
			assertThat(redis.killConnections(user)).isPositive();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isOpen());
		}
		finally {
			redis.deleteUser(user);
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	@Test
	void rabbitMqRefusesWrongPasswordsAndFollowsChanges() throws Exception {
		RabbitUsers rabbit = RabbitUsers.get();
		String user = ServiceSupport.uniqueName("rabbit");
		String password = ServiceSupport.randomPassword();
		rabbit.createUser(user, password);
		com.rabbitmq.client.Connection connection = rabbit.connectionFactory(user, password).newConnection();
		try {
			try (var channel = connection.createChannel()) {
				String queue = channel.queueDeclare().getQueue();
				assertThat(channel.queueDeclarePassive(queue).getQueue()).isEqualTo(queue);
			}
			assertRabbitRefused(rabbit.connectionFactory(user, "wrong-" + password));
			String newPassword = ServiceSupport.randomPassword();
			rabbit.changePassword(user, newPassword);
			assertRabbitRefused(rabbit.connectionFactory(user, password));
			try (com.rabbitmq.client.Connection renewed = rabbit.connectionFactory(user, newPassword)
				.newConnection()) {
				assertThat(renewed.isOpen()).isTrue();
			}
			assertThat(connection.isOpen()).as("open connection survives the change").isTrue();
			rabbit.closeConnections(user);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !connection.isOpen());
		}
		finally {
			connection.abort();
			rabbit.deleteUser(user);
		}
	}

	@Test
	void unavailableServiceSkipsWithItsReasonAndIsNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		SharedService<AutoCloseable> missing = new SharedService<>("Missing", () -> {
			attempts.incrementAndGet();
			throw new Unavailable("Missing not reachable at 127.0.0.1:1");
		});
		Class<? extends RuntimeException> expected = Boolean.getBoolean(ServiceSupport.REQUIRED_PROPERTY)
				? IllegalStateException.class : TestAbortedException.class;
		assertThat(catchThrowable(missing::get)).isInstanceOf(expected).hasMessageContaining("127.0.0.1:1");
		assertThat(catchThrowable(missing::get)).isInstanceOf(expected);
		assertThat(attempts).hasValue(1);
	}

	private static void assertConnects(String url, String user, String password) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	private static void assertRefused(String url, String user, String password, String sqlState, int errorCode) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> DriverManager.getConnection(url, user, password))
			.satisfies((ex) -> {
				assertThat(ex.getSQLState()).as("SQLState").isEqualTo(sqlState);
				assertThat(ex.getErrorCode()).as("error code").isEqualTo(errorCode);
			});
	}

	private static void assertRedisRefused(RedisClient client, RedisAcl redis, String user, String password) {
		assertThatExceptionOfType(RedisConnectionException.class)
			.isThrownBy(() -> client.connect(redis.uri(user, password)).close());
		assertThat(redis.authenticates(user, password)).as("AUTH with a wrong password").isFalse();
	}

	private static void assertRabbitRefused(ConnectionFactory factory) {
		assertThatExceptionOfType(AuthenticationFailureException.class)
			.isThrownBy(() -> factory.newConnection().close())
			.withMessageContaining("ACCESS_REFUSED");
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
