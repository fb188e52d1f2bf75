package dev.vaultkv.samples.rotating;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * A PostgreSQL server administered by a superuser connection: the application's role is created (or its
 * password reset) with the password from Vault, with a schema {@code rotating_demo} holding a table
 * {@code greeting} it may read. Whether an old password is refused depends on the server's
 * {@code pg_hba.conf}: a server that trusts local connections checks none, which a login with a wrong
 * password tells at start.
 */
final class PostgresDemoDatabase implements DemoDatabase {

	private final Connection admin;

	private final boolean enforcesPasswords;

	private PostgresDemoDatabase(Connection admin, boolean enforcesPasswords) {
		this.admin = admin;
		this.enforcesPasswords = enforcesPasswords;
	}

	/**
	 * Connect as the administrator and set up the application's role, schema and table.
	 * @param url the administrator's JDBC URL
	 * @param adminUsername the administrator
	 * @param adminPassword the administrator's password, empty if none
	 * @param username the application's role
	 * @param password its current password
	 * @return the database
	 * @throws SQLException if the set-up fails
	 */
	static PostgresDemoDatabase connect(String url, String adminUsername, String adminPassword, String username,
			String password) throws SQLException {
		Connection admin = DriverManager.getConnection(url, adminUsername, adminPassword);
		try (Statement statement = admin.createStatement()) {
			boolean exists;
			try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
				query.setString(1, username);
				try (ResultSet result = query.executeQuery()) {
					exists = result.next();
				}
			}
			statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + identifier(username) + " LOGIN PASSWORD "
					+ literal(password));
			statement.execute("CREATE SCHEMA IF NOT EXISTS rotating_demo");
			statement.execute("CREATE TABLE IF NOT EXISTS rotating_demo.greeting(id INT PRIMARY KEY, message TEXT)");
			statement.execute("INSERT INTO rotating_demo.greeting SELECT x, 'hello ' || x FROM generate_series(1, 10) x "
					+ "ON CONFLICT DO NOTHING");
			statement.execute("GRANT USAGE ON SCHEMA rotating_demo TO " + identifier(username));
			statement.execute("GRANT SELECT ON rotating_demo.greeting TO " + identifier(username));
			return new PostgresDemoDatabase(admin, refuses(url, username, password + "-wrong"));
		}
		catch (SQLException | RuntimeException ex) {
			admin.close();
			throw ex;
		}
	}

	private static boolean refuses(String url, String username, String wrongPassword) {
		try (Connection connection = DriverManager.getConnection(url, username, wrongPassword)) {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

	@Override
	public synchronized OffsetDateTime changePassword(String username, String password) throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("ALTER ROLE " + identifier(username) + " PASSWORD " + literal(password));
		}
		try (Statement statement = this.admin.createStatement();
				ResultSet result = statement.executeQuery("SELECT clock_timestamp()")) {
			result.next();
			return result.getObject(1, OffsetDateTime.class);
		}
	}

	@Override
	public synchronized boolean connectedSince(String username, OffsetDateTime since) throws SQLException {
		try (PreparedStatement statement = this.admin
			.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE usename = ? AND backend_start > ?")) {
			statement.setString(1, username);
			statement.setObject(2, since);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1) > 0;
			}
		}
	}

	@Override
	public boolean enforcesPasswords() {
		return this.enforcesPasswords;
	}

	@Override
	public synchronized void close() {
		try {
			this.admin.close();
		}
		catch (SQLException ex) {
			// nothing left to do
		}
	}

	private static String identifier(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
