package dev.vaultkv.samples.rotating;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;

import org.h2.tools.Server;

/**
 * An in-memory H2 database served by an H2 TCP server on a free port of the loopback interface. An admin
 * connection of its own (in-process) creates the application's user with its first password and changes
 * it; H2 refuses a wrong password with SQLState {@code 28000}.
 */
final class H2DemoDatabase implements DemoDatabase {

	private final Server server;

	private final Connection admin;

	private H2DemoDatabase(Server server, Connection admin) {
		this.server = server;
		this.admin = admin;
	}

	/**
	 * Create the database with a table {@code greeting} and a user who may read it, and start the TCP
	 * server.
	 * @param name the database name, {@code jdbc:h2:tcp://127.0.0.1:<port>/mem:<name>}
	 * @param username the application's user
	 * @param password its first password
	 * @return the running database
	 * @throws SQLException if it cannot be created
	 */
	static H2DemoDatabase start(String name, String username, String password) throws SQLException {
		// read once, when H2 first loads: serve on loopback only, and answer a wrong password at once
		// (by default H2 waits 250 ms and more, doubling, against brute force)
		defaultSystemProperty("h2.bindAddress", "127.0.0.1");
		defaultSystemProperty("h2.delayWrongPasswordMin", "0");
		defaultSystemProperty("h2.delayWrongPasswordMax", "0");
		byte[] adminPassword = new byte[18];
		new SecureRandom().nextBytes(adminPassword);
		Connection admin = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "admin",
				Base64.getUrlEncoder().encodeToString(adminPassword));
		try (Statement statement = admin.createStatement()) {
			statement.execute("CREATE USER " + identifier(username) + " PASSWORD " + literal(password));
			statement.execute("CREATE TABLE greeting(id INT PRIMARY KEY, message VARCHAR(40))");
			statement.execute("INSERT INTO greeting SELECT x, 'hello ' || x FROM SYSTEM_RANGE(1, 10)");
			statement.execute("GRANT SELECT ON greeting TO " + identifier(username));
			Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifExists").start();
			return new H2DemoDatabase(server, admin);
		}
		catch (SQLException | RuntimeException ex) {
			admin.close();
			throw ex;
		}
	}

	private static void defaultSystemProperty(String name, String value) {
		if (System.getProperty(name) == null) {
			System.setProperty(name, value);
		}
	}

	/**
	 * Return the port of the TCP server.
	 * @return the port
	 */
	int getPort() {
		return this.server.getPort();
	}

	@Override
	public synchronized OffsetDateTime changePassword(String username, String password) throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("ALTER USER " + identifier(username) + " SET PASSWORD " + literal(password));
		}
		return now();
	}

	private OffsetDateTime now() throws SQLException {
		try (Statement statement = this.admin.createStatement();
				ResultSet result = statement.executeQuery("SELECT CURRENT_TIMESTAMP(9)")) {
			result.next();
			return result.getObject(1, OffsetDateTime.class);
		}
	}

	@Override
	public synchronized boolean connectedSince(String username, OffsetDateTime since) throws SQLException {
		try (PreparedStatement statement = this.admin.prepareStatement(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE USER_NAME = ? AND SESSION_START > ?")) {
			statement.setString(1, username.toUpperCase(Locale.ROOT));
			statement.setObject(2, since);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1) > 0;
			}
		}
	}

	@Override
	public boolean enforcesPasswords() {
		return true;
	}

	@Override
	public synchronized void close() {
		this.server.stop();
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			// closing anyway
		}
		try {
			this.admin.close();
		}
		catch (SQLException ex) {
			// closed by the shutdown
		}
	}

	private static String identifier(String name) {
		return '"' + name.toUpperCase(Locale.ROOT).replace("\"", "\"\"") + '"';
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
