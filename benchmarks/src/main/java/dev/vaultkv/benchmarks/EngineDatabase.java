package dev.vaultkv.benchmarks;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The database of {@link DatabaseCredentialsLoad}: an in-memory H2 database in this JVM that the embedded
 * server's database engine manages ({@code h2-database-plugin}, connecting as an administrator {@code VAULT}),
 * with a table {@code greeting} to query, watched over an administrator connection of its own ({@code SA}):
 * which users exist and which sessions are open.
 *
 * @since 0.1.0
 */
final class EngineDatabase implements AutoCloseable {

	/** The users that are not the application's: the owner and the engine's. */
	static final Set<String> ADMINISTRATORS = Set.of("SA", "VAULT");

	private final String name;

	private final String vaultPassword;

	private final Connection admin;

	private EngineDatabase(String name, String vaultPassword, Connection admin) {
		this.name = name;
		this.vaultPassword = vaultPassword;
		this.admin = admin;
	}

	/**
	 * Create the database, its engine user and its table.
	 * @param name the in-memory database's name
	 * @return the database
	 * @throws SQLException on failure
	 */
	static EngineDatabase create(String name) throws SQLException {
		SecureRandom random = new SecureRandom();
		Connection admin = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa",
				randomPassword(random));
		String vaultPassword = randomPassword(random);
		try (Statement statement = admin.createStatement()) {
			statement.execute("CREATE USER vault PASSWORD '" + vaultPassword + "' ADMIN");
			statement.execute("CREATE TABLE greeting(id INT PRIMARY KEY, message VARCHAR(40))");
			statement.execute("INSERT INTO greeting SELECT x, 'hello ' || x FROM SYSTEM_RANGE(1, 10)");
			return new EngineDatabase(name, vaultPassword, admin);
		}
		catch (SQLException | RuntimeException ex) {
			admin.close();
			throw ex;
		}
	}

	/**
	 * Return the application's JDBC URL.
	 * @return the URL, without user or password
	 */
	String url() {
		return "jdbc:h2:mem:" + this.name;
	}

	/**
	 * Return the body of {@code database/config/<name>}.
	 * @return the JSON
	 */
	String configJson() {
		return "{\"plugin_name\":\"h2-database-plugin\",\"connection_url\":\"" + url()
				+ ";USER={{username}};PASSWORD={{password}}\",\"username\":\"vault\",\"password\":\""
				+ this.vaultPassword + "\",\"allowed_roles\":\"*\"}";
	}

	/**
	 * Create a user allowed to read {@code greeting} (for a static role).
	 * @param username the user
	 * @param password its first password
	 * @throws SQLException on failure
	 */
	synchronized void createUser(String username, String password) throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("CREATE USER " + username + " PASSWORD '" + password + "'");
			statement.execute("GRANT SELECT ON greeting TO " + username);
		}
	}

	/**
	 * Return the users and the open sessions now.
	 * @return the snapshot
	 * @throws SQLException on failure
	 */
	synchronized Snapshot snapshot() throws SQLException {
		Set<String> users = new TreeSet<>();
		List<Session> sessions = new ArrayList<>();
		try (Statement statement = this.admin.createStatement()) {
			try (ResultSet result = statement.executeQuery("SELECT USER_NAME FROM INFORMATION_SCHEMA.USERS")) {
				while (result.next()) {
					users.add(result.getString(1));
				}
			}
			try (ResultSet result = statement
				.executeQuery("SELECT SESSION_ID, USER_NAME, SESSION_START FROM INFORMATION_SCHEMA.SESSIONS")) {
				while (result.next()) {
					OffsetDateTime start = result.getObject(3, OffsetDateTime.class);
					sessions.add(new Session(result.getInt(1), result.getString(2),
							(start != null) ? start.toInstant() : Instant.EPOCH));
				}
			}
		}
		return new Snapshot(users, sessions);
	}

	@Override
	public synchronized void close() throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		finally {
			if (!this.admin.isClosed()) {
				this.admin.close();
			}
		}
	}

	static String randomPassword(SecureRandom random) {
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The users and open sessions at one moment.
	 *
	 * @param users the user names (H2 folds them to upper case)
	 * @param sessions the open sessions
	 */
	record Snapshot(Set<String> users, List<Session> sessions) {

	}

	/**
	 * An open session.
	 *
	 * @param id H2's session id
	 * @param user its user, {@code null} once the user was dropped under it (H2 then fails every statement
	 * on it)
	 * @param start when it started
	 */
	record Session(int id, @Nullable String user, Instant start) {

	}

}
