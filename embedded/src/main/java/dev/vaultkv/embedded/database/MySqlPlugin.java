package dev.vaultkv.embedded.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Vault's {@code mysql-database-plugin} and its legacy variants ({@code mysql-aurora-database-plugin},
 * {@code mysql-rds-database-plugin}, {@code mysql-legacy-database-plugin}, which differ in their 16-character
 * username template), for MySQL and MariaDB: the default revocation revokes everything and drops
 * {@code '<name>'@'%'}, rotation runs {@code ALTER USER ... IDENTIFIED BY}, renewal does nothing.
 *
 * @author vaultkv
 */
final class MySqlPlugin extends DatabasePlugin {

	private static final String DEFAULT_REVOKE = "REVOKE ALL PRIVILEGES, GRANT OPTION FROM '{{name}}'@'%'; "
			+ "DROP USER '{{name}}'@'%'";

	private static final String DEFAULT_ROTATE = "ALTER USER '{{username}}'@'%' IDENTIFIED BY '{{password}}';";

	private static final Pattern CONNECTION_PREFIX = Pattern.compile("^\\(conn=\\d+\\)\\s*");

	private final UsernameTemplate usernameTemplate;

	MySqlPlugin(UsernameTemplate usernameTemplate) {
		this.usernameTemplate = usernameTemplate;
	}

	@Override
	protected JdbcTarget target(Fields details) {
		String url = details.string("connection_url", "");
		if (url.isEmpty()) {
			throw new DatabaseException("connection_url cannot be empty");
		}
		// the MySQL producer escapes the username only
		String rendered = url.replace("{{username}}", PostgresPlugin.pathEscape(details.string("username", "")))
			.replace("{{password}}", details.string("password", ""));
		return MySqlDsn.toJdbc(rendered);
	}

	@Override
	protected String verifyFailurePrefix() {
		return "error verifying - ping: ";
	}

	@Override
	UsernameTemplate usernameTemplate() {
		return this.usernameTemplate;
	}

	@Override
	synchronized void newUser(NewUser user) {
		// DDL commits implicitly in MySQL: the rollback statements undo what the transaction could not
		createUser(user, "", user.rollbackStatements());
	}

	@Override
	synchronized void deleteUser(String username, List<String> statements) {
		if (statements.isEmpty()) {
			Connection connection = connection();
			try (PreparedStatement query = connection
				.prepareStatement("SELECT exists (SELECT user FROM mysql.user WHERE user=?);")) {
				query.setString(1, username);
				try (ResultSet row = query.executeQuery()) {
					if (!row.next() || !row.getBoolean(1)) {
						return;
					}
				}
			}
			catch (SQLException ex) {
				throw failure("", ex);
			}
		}
		List<String> effective = statements.isEmpty() ? List.of(DEFAULT_REVOKE) : statements;
		runInTransaction(effective, Map.of("name", username, "username", username), false, "");
	}

	@Override
	synchronized void changePassword(String username, String password, List<String> statements) {
		List<String> effective = statements.isEmpty() ? List.of(DEFAULT_ROTATE) : statements;
		try {
			runInTransaction(effective, Map.of("name", username, "username", username, "password", password), false,
					"failed to change password: ");
		}
		catch (DatabaseException ex) {
			throw new DatabaseException(mask(ex.getMessage(), password));
		}
	}

	@Override
	synchronized void changeExpiration(String username, String expiration, List<String> statements) {
		// the MySQL plugin does not change expirations
	}

	/**
	 * The Go driver reports server errors as {@code Error <code> (<state>): <message>}.
	 */
	@Override
	protected String describe(SQLException ex) {
		String message = CONNECTION_PREFIX.matcher(firstLine(ex.getMessage())).replaceFirst("");
		String state = ex.getSQLState();
		if (ex.getErrorCode() == 0 || state == null || state.startsWith("08")) {
			return message;
		}
		return "Error " + ex.getErrorCode() + " (" + state + "): " + message;
	}

}
