package dev.vaultkv.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.vaultkv.testsupport.SharedService.Unavailable;
import org.awaitility.Awaitility;

/**
 * Password-protected users on the MariaDB server at 127.0.0.1:3306, administered as {@code root} without a
 * password. Each user gets a database of the same name; users left over when the JVM exits are dropped.
 */
final class MariaDbAccounts implements AutoCloseable {

	private static final int PORT = 3306;

	/**
	 * With name resolution a client on 127.0.0.1 is {@code localhost}, without it {@code 127.0.0.1}: an account
	 * for each keeps an anonymous {@code ''@'localhost'} from shadowing it.
	 */
	private static final List<String> HOSTS = List.of("127.0.0.1", "localhost");

	private static final SharedService<MariaDbAccounts> shared = new SharedService<>("MariaDB",
			MariaDbAccounts::start);

	private final Set<String> users = ConcurrentHashMap.newKeySet();

	private MariaDbAccounts() {
	}

	/** The shared accounts helper; skips the test when MariaDB is not reachable as root. */
	static MariaDbAccounts get() {
		return shared.get();
	}

	int port() {
		return PORT;
	}

	String jdbcUrl(String database) {
		return "jdbc:mariadb://" + ServiceSupport.LOOPBACK + ":" + PORT + "/" + database;
	}

	/** A root connection; the caller closes it. */
	Connection adminConnection() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(""), "root", "");
	}

	/** Creates a user that can only log in with {@code password}, owning all of a database of the same name. */
	void createUser(String name, String password) {
		String user = ServiceSupport.checkName(name);
		this.users.add(user);
		admin((connection) -> {
			execute(connection, "CREATE DATABASE `" + user + "`");
			for (String host : HOSTS) {
				// Placeholders are filled in client-side, so the password is quoted by the driver.
				execute(connection, "CREATE USER ?@? IDENTIFIED BY ?", user, host, password);
				execute(connection, "GRANT ALL ON `" + user + "`.* TO ?@?", user, host);
			}
		});
	}

	void changePassword(String name, String newPassword) {
		String user = ServiceSupport.checkName(name);
		admin((connection) -> {
			for (String host : HOSTS) {
				execute(connection, "ALTER USER ?@? IDENTIFIED BY ?", user, host, newPassword);
			}
		});
	}

	/** Kills the user's connections and returns once the server no longer lists any. */
	void killConnections(String name) {
		String user = ServiceSupport.checkName(name);
		admin((connection) -> {
			execute(connection, "KILL CONNECTION USER ?", user);
			Awaitility.await("connections of " + user + " killed")
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> connections(connection, user) == 0);
		});
	}

	/** Drops the user and its database; its open connections stay usable until they end. */
	void dropUser(String name) {
		String user = ServiceSupport.checkName(name);
		admin((connection) -> {
			for (String host : HOSTS) {
				execute(connection, "DROP USER IF EXISTS ?@?", user, host);
			}
			execute(connection, "DROP DATABASE IF EXISTS `" + user + "`");
		});
		this.users.remove(user);
	}

	@Override
	public void close() {
		List.copyOf(this.users).forEach(this::dropUser);
	}

	private static int connections(Connection connection, String user) throws SQLException {
		try (PreparedStatement count = connection
			.prepareStatement("SELECT count(*) FROM information_schema.processlist WHERE user = ?")) {
			count.setString(1, user);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	private static void execute(Connection connection, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			statement.execute();
		}
	}

	private void admin(AdminWork work) {
		try (Connection connection = adminConnection()) {
			work.run(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MariaDbAccounts start() throws Unavailable {
		if (!ServiceSupport.reachable(PORT)) {
			throw new Unavailable("MariaDB not reachable at " + ServiceSupport.LOOPBACK + ":" + PORT);
		}
		MariaDbAccounts accounts = new MariaDbAccounts();
		try (Connection connection = accounts.adminConnection()) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw new Unavailable("MariaDB at " + ServiceSupport.LOOPBACK + ":" + PORT
					+ " does not accept root without a password: " + ex.getMessage());
		}
		return accounts;
	}

	@FunctionalInterface
	private interface AdminWork {

		void run(Connection connection) throws SQLException;

	}

}
