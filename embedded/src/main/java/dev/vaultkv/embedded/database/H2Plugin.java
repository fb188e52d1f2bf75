package dev.vaultkv.embedded.database;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The vaultkv-only {@code h2-database-plugin}, for machines without a database server. It is not part of
 * Vault. {@code connection_url} is an H2 JDBC URL (e.g. {@code jdbc:h2:tcp://127.0.0.1:9092/mem:app} or
 * {@code jdbc:h2:mem:app;DB_CLOSE_DELAY=-1}), {@code username} and {@code password} are the connecting
 * user's (also replacing {@code {{username}}} and {@code {{password}}} in the URL, unescaped). Usernames
 * follow the PostgreSQL template (H2 folds them to upper case; logins are case-insensitive). Defaults:
 * revocation {@code DROP USER IF EXISTS "{{name}}"}, rotation
 * {@code ALTER USER "{{username}}" SET PASSWORD '{{password}}'}, renewal does nothing. H2 commits DDL at
 * once, so a failed creation also drops the user it may have created.
 *
 * @author vaultkv
 */
final class H2Plugin extends DatabasePlugin {

	private static final String DEFAULT_REVOKE = "DROP USER IF EXISTS \"{{name}}\"";

	private static final String DEFAULT_ROTATE = "ALTER USER \"{{username}}\" SET PASSWORD '{{password}}'";

	@Override
	protected JdbcTarget target(Fields details) {
		String url = details.string("connection_url", "");
		if (url.isEmpty()) {
			throw new DatabaseException("connection_url cannot be empty");
		}
		if (!url.startsWith("jdbc:h2:")) {
			throw new DatabaseException("connection_url must be an H2 JDBC URL starting with jdbc:h2:");
		}
		String username = details.string("username", "");
		String password = details.string("password", "");
		Properties properties = new Properties();
		if (!username.isEmpty()) {
			properties.setProperty("user", username);
		}
		if (!password.isEmpty()) {
			properties.setProperty("password", password);
		}
		return new JdbcTarget(url.replace("{{username}}", username).replace("{{password}}", password), properties);
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
		createUser(user, "failed to execute query: ",
				user.rollbackStatements().isEmpty() ? List.of(DEFAULT_REVOKE) : user.rollbackStatements());
	}

	@Override
	synchronized void deleteUser(String username, List<String> statements) {
		runInTransaction(statements.isEmpty() ? List.of(DEFAULT_REVOKE) : statements,
				Map.of("name", username, "username", username), false, "");
	}

	@Override
	synchronized void changePassword(String username, String password, List<String> statements) {
		try {
			runInTransaction(statements.isEmpty() ? List.of(DEFAULT_ROTATE) : statements,
					Map.of("name", username, "username", username, "password", password), false,
					"failed to execute query: ");
		}
		catch (DatabaseException ex) {
			throw new DatabaseException(mask(ex.getMessage(), password));
		}
	}

	@Override
	synchronized void changeExpiration(String username, String expiration, List<String> statements) {
		if (!statements.isEmpty()) {
			runInTransaction(statements, Map.of("name", username, "username", username, "expiration", expiration),
					false, "");
		}
	}

	/**
	 * H2's message without the statement it quotes (which may hold a password).
	 */
	@Override
	protected String describe(SQLException ex) {
		String message = firstLine(ex.getMessage());
		int statement = message.indexOf("; SQL statement:");
		return (statement >= 0) ? message.substring(0, statement) : message;
	}

}
