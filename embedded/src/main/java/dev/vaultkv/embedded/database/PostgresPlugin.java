package dev.vaultkv.embedded.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Vault's {@code postgresql-database-plugin}: statements run in a transaction (PL/pgSQL blocks unsplit),
 * the default revocation revokes the user's privileges and drops the role, renewal sets
 * {@code VALID UNTIL}, rotation runs {@code ALTER ROLE ... WITH PASSWORD}; with
 * {@code password_authentication=scram-sha-256} the SCRAM verifier is sent instead of the password.
 *
 * @author vaultkv
 */
final class PostgresPlugin extends DatabasePlugin {

	private static final String DEFAULT_RENEW = "ALTER ROLE \"{{name}}\" VALID UNTIL '{{expiration}}';";

	private static final String DEFAULT_ROTATE = "ALTER ROLE \"{{username}}\" WITH PASSWORD '{{password}}';";

	private boolean scram;

	@Override
	protected JdbcTarget target(Fields details) {
		String url = details.string("connection_url", "");
		if (url.isEmpty()) {
			throw new DatabaseException("connection_url cannot be empty");
		}
		String username = details.string("username", "");
		String password = details.string("password", "");
		if (username.contains("{{username}}") || username.contains("{{password}}")
				|| password.contains("{{username}}") || password.contains("{{password}}")) {
			throw new DatabaseException("username and/or password cannot contain the template variables");
		}
		boolean escape = !details.bool("disable_escaping", false);
		String rendered = url.replace("{{username}}", escape ? pathEscape(username) : username)
			.replace("{{password}}", escape ? pathEscape(password) : password);
		String authentication = details.string("password_authentication", "");
		if (!authentication.isEmpty() && !authentication.equals("password")
				&& !authentication.equals("scram-sha-256")) {
			throw new DatabaseException("'" + authentication + "' is not a valid password authentication type");
		}
		this.scram = authentication.equals("scram-sha-256");
		return PostgresConnectionString.toJdbc(rendered);
	}

	/**
	 * Go's {@code url.PathEscape}.
	 */
	static String pathEscape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-_.~$&+,:;=@".indexOf(c) >= 0) {
				escaped.append(c);
			}
			else {
				escaped.append(String.format("%%%02X", b & 0xff));
			}
		}
		return escaped.toString();
	}

	@Override
	protected String verifyFailurePrefix() {
		return "error verifying connection: ";
	}

	@Override
	UsernameTemplate usernameTemplate() {
		return UsernameTemplate.POSTGRESQL;
	}

	@Override
	synchronized void newUser(NewUser user) {
		if (user.statements().isEmpty()) {
			throw new DatabaseException("empty creation statements");
		}
		String password = this.scram ? ScramSha256.hash(user.password()) : user.password();
		Map<String, String> values = Map.of("name", user.username(), "username", user.username(), "password",
				password, "expiration", user.expiration());
		try {
			runInTransaction(user.statements(), values, true, "failed to execute query: ");
		}
		catch (DatabaseException ex) {
			runQuietly(user.rollbackStatements(), values);
			throw new DatabaseException(mask(ex.getMessage(), user.password(), password));
		}
	}

	@Override
	synchronized void deleteUser(String username, List<String> statements) {
		if (!statements.isEmpty()) {
			runInTransaction(statements, Map.of("name", username, "username", username), true, "");
			return;
		}
		Connection connection = connection();
		List<String> revocations = new ArrayList<>();
		try {
			if (!exists(connection, username)) {
				return;
			}
			try (PreparedStatement schemas = connection.prepareStatement(
					"SELECT DISTINCT table_schema FROM information_schema.role_column_grants WHERE grantee=?;")) {
				schemas.setString(1, username);
				try (ResultSet rows = schemas.executeQuery()) {
					while (rows.next()) {
						String schema = quote(rows.getString(1));
						revocations.add("REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA " + schema + " FROM "
								+ quote(username) + ";");
						revocations.add("REVOKE USAGE ON SCHEMA " + schema + " FROM " + quote(username) + ";");
					}
				}
			}
			revocations.add("REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA public FROM " + quote(username) + ";");
			revocations.add("REVOKE ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public FROM " + quote(username) + ";");
			revocations.add("REVOKE USAGE ON SCHEMA public FROM " + quote(username) + ";");
			try (PreparedStatement database = connection.prepareStatement("SELECT current_database();");
					ResultSet row = database.executeQuery()) {
				if (row.next() && row.getString(1) != null) {
					revocations.add("REVOKE CONNECT ON DATABASE " + quote(row.getString(1)) + " FROM "
							+ quote(username) + ";");
				}
			}
		}
		catch (SQLException ex) {
			throw failure("", ex);
		}
		// as Vault: revoke as much as possible, then refuse to drop if anything failed
		SQLException failed = runEach(revocations);
		if (failed != null) {
			throw failure("could not perform all revocation statements: ", failed);
		}
		SQLException dropped = runEach(List.of("DROP ROLE IF EXISTS " + quote(username) + ";"));
		if (dropped != null) {
			throw failure("", dropped);
		}
	}

	private static boolean exists(Connection connection, String username) throws SQLException {
		try (PreparedStatement query = connection
			.prepareStatement("SELECT exists (SELECT rolname FROM pg_roles WHERE rolname=?);")) {
			query.setString(1, username);
			try (ResultSet row = query.executeQuery()) {
				return row.next() && row.getBoolean(1);
			}
		}
	}

	@Override
	synchronized void changePassword(String username, String password, List<String> statements) {
		String value = this.scram ? ScramSha256.hash(password) : password;
		List<String> effective = statements.isEmpty() ? List.of(DEFAULT_ROTATE) : statements;
		try {
			runInTransaction(effective, Map.of("name", username, "username", username, "password", value), false,
					"failed to execute query: ");
		}
		catch (DatabaseException ex) {
			// UpdateUser collects its errors in a multierror
			throw new DatabaseException(
					"1 error occurred:\n\t* " + mask(ex.getMessage(), password, value) + "\n\n");
		}
	}

	@Override
	synchronized void changeExpiration(String username, String expiration, List<String> statements) {
		List<String> effective = statements.isEmpty() ? List.of(DEFAULT_RENEW) : statements;
		try {
			runInTransaction(effective, Map.of("name", username, "username", username, "expiration", expiration),
					false, "");
		}
		catch (DatabaseException ex) {
			throw new DatabaseException("1 error occurred:\n\t* " + ex.getMessage() + "\n\n");
		}
	}

	/**
	 * pgx reports server errors as {@code ERROR: <message> (SQLSTATE <code>)}.
	 */
	@Override
	protected String describe(SQLException ex) {
		String message = firstLine(ex.getMessage());
		String state = ex.getSQLState();
		if (state == null || state.startsWith("08")) {
			return message;
		}
		return message + " (SQLSTATE " + state + ")";
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
