package dev.vaultkv.benchmarks;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;

import org.h2.engine.Constants;
import org.h2.tools.Server;
import org.jspecify.annotations.Nullable;

/**
 * The database of {@link RotationLoad}, administered over a connection of its own: an in-memory H2
 * database behind an H2 TCP server on the loopback interface (passwords enforced), or the local
 * PostgreSQL (passwords enforced only if its {@code pg_hba.conf} asks for them). It changes the
 * application user's password and tells when the user's first connection after a given instant started.
 *
 * @since 0.1.0
 */
final class RotationDatabase implements AutoCloseable {

	private final String name;

	private final String url;

	private final String username;

	private final Connection admin;

	private final @Nullable Server server;

	private final String sessions;

	private final boolean h2;

	private RotationDatabase(String name, String url, String username, Connection admin, @Nullable Server server) {
		this.name = name;
		this.url = url;
		this.username = username;
		this.admin = admin;
		this.server = server;
		this.h2 = server != null;
		this.sessions = this.h2
				? "SELECT MIN(SESSION_START) FROM INFORMATION_SCHEMA.SESSIONS WHERE USER_NAME = ? AND SESSION_START > ?"
				: "SELECT MIN(backend_start) FROM pg_stat_activity WHERE usename = ? AND backend_start > ?";
	}

	/**
	 * Create an in-memory H2 database with a user and a table {@code greeting} and serve it over TCP on a
	 * free loopback port. H2's delay after a wrong password must be set (system properties
	 * {@code h2.delayWrongPasswordMin}, {@code h2.delayWrongPasswordMax}) before H2 loads.
	 * @param username the application's user
	 * @param password its first password
	 * @return the database
	 * @throws SQLException on failure
	 */
	static RotationDatabase h2(String username, String password) throws SQLException {
		byte[] secret = new byte[18];
		new SecureRandom().nextBytes(secret);
		Connection admin = DriverManager.getConnection("jdbc:h2:mem:rotation;DB_CLOSE_DELAY=-1", "admin",
				Base64.getUrlEncoder().encodeToString(secret));
		try (Statement statement = admin.createStatement()) {
			statement.execute("CREATE USER " + username + " PASSWORD " + literal(password));
			statement.execute("CREATE TABLE greeting(id INT PRIMARY KEY, message VARCHAR(40))");
			statement.execute("INSERT INTO greeting SELECT x, 'hello ' || x FROM SYSTEM_RANGE(1, 10)");
			statement.execute("GRANT SELECT ON greeting TO " + username);
			Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifExists").start();
			return new RotationDatabase("H2 " + Constants.FULL_VERSION.split(" ")[0] + " (TCP server, in memory)",
					"jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:rotation", username.toUpperCase(Locale.ROOT),
					admin, server);
		}
		catch (SQLException | RuntimeException ex) {
			admin.close();
			throw ex;
		}
	}

	/**
	 * Connect to the local PostgreSQL as {@code postgres} and set up a role, a schema and a table, if it
	 * answers on 127.0.0.1:5432.
	 * @param username the application's role
	 * @param password its first password
	 * @return the database, or {@code null} when there is none
	 */
	static @Nullable RotationDatabase localPostgres(String username, String password) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
		}
		catch (Exception ex) {
			return null;
		}
		String url = "jdbc:postgresql://127.0.0.1:5432/postgres";
		try {
			Connection admin = DriverManager.getConnection(url, "postgres", "");
			try (Statement statement = admin.createStatement()) {
				statement.execute("DROP SCHEMA IF EXISTS vaultkv_rotation CASCADE");
				statement.execute("DROP ROLE IF EXISTS " + username);
				statement.execute("CREATE ROLE " + username + " LOGIN PASSWORD " + literal(password));
				statement.execute("CREATE SCHEMA vaultkv_rotation");
				statement.execute("GRANT USAGE ON SCHEMA vaultkv_rotation TO " + username);
				statement.execute("CREATE TABLE vaultkv_rotation.greeting(id INT PRIMARY KEY, message TEXT)");
				statement.execute("INSERT INTO vaultkv_rotation.greeting SELECT x, 'hello ' || x "
						+ "FROM generate_series(1, 10) x");
				statement.execute("GRANT SELECT ON vaultkv_rotation.greeting TO " + username);
				String version;
				try (ResultSet result = statement.executeQuery("SHOW server_version")) {
					result.next();
					version = result.getString(1);
				}
				return new RotationDatabase("PostgreSQL " + version.split(" ")[0] + " (local)", url, username, admin, null);
			}
			catch (SQLException | RuntimeException ex) {
				admin.close();
				throw ex;
			}
		}
		catch (SQLException ex) {
			System.out.println("The local PostgreSQL cannot be used: " + ex.getMessage());
			return null;
		}
	}

	String name() {
		return this.name;
	}

	String url() {
		return this.url;
	}

	/**
	 * Return the {@code spring.datasource.hikari.schema} the table lives in.
	 * @return the schema, or {@code null} for the default
	 */
	@Nullable String schema() {
		return this.h2 ? null : "vaultkv_rotation";
	}

	/**
	 * Return whether the database refuses a wrong password.
	 * @param password a password that is not the user's
	 * @return whether a login with it fails
	 */
	boolean refuses(String password) {
		try (Connection connection = DriverManager.getConnection(this.url, this.username, password)) {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

	/**
	 * Open and close a connection with the user's current password, as the pool's driver does.
	 * @param password the current password
	 * @return the time it took in nanoseconds
	 * @throws SQLException on failure
	 */
	long timeConnect(String password) throws SQLException {
		long start = System.nanoTime();
		DriverManager.getConnection(this.url, this.username, password).close();
		return System.nanoTime() - start;
	}

	/**
	 * Change the application user's password.
	 * @param password the new password
	 * @return the instant after which a new connection of the user can only use the new password
	 * @throws SQLException on failure
	 */
	synchronized Instant changePassword(String password) throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute((this.h2 ? "ALTER USER " + this.username + " SET PASSWORD " : "ALTER ROLE "
					+ this.username + " PASSWORD ") + literal(password));
		}
		return Instant.now();
	}

	/**
	 * Return when the user's first connection after an instant started.
	 * @param since the instant
	 * @return the start of the first connection after it, or {@code null} if none started since
	 * @throws SQLException on failure
	 */
	synchronized @Nullable Instant firstConnectionSince(Instant since) throws SQLException {
		try (PreparedStatement statement = this.admin.prepareStatement(this.sessions)) {
			statement.setString(1, this.username);
			statement.setObject(2, since.atOffset(ZoneOffset.UTC));
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				OffsetDateTime first = result.getObject(1, OffsetDateTime.class);
				return (first != null) ? first.toInstant() : null;
			}
		}
	}

	@Override
	public synchronized void close() throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			if (this.h2) {
				statement.execute("SHUTDOWN");
			}
			else {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
						+ this.username + "'");
				statement.execute("DROP SCHEMA IF EXISTS vaultkv_rotation CASCADE");
				statement.execute("DROP ROLE IF EXISTS " + this.username);
			}
		}
		finally {
			if (this.server != null) {
				this.server.stop();
			}
			if (!this.admin.isClosed()) {
				this.admin.close();
			}
		}
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
