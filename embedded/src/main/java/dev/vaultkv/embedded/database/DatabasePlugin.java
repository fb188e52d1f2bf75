package dev.vaultkv.embedded.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One configured database plugin instance (Vault's {@code dbplugin.Database}) holding its JDBC connection:
 * it creates, renews, updates and deletes users with the plugin's default or the role's statements. Drivers
 * are looked up through {@link DriverManager}, so they only need to be on the class path. Operations on one
 * instance run one at a time, as Vault's plugins lock themselves. Error messages never contain the
 * configured or a generated password.
 *
 * @author vaultkv
 */
abstract class DatabasePlugin implements AutoCloseable {

	private static final Pattern DOUBLE_QUOTED = Pattern.compile("\".*?\"");

	private static final Pattern SINGLE_QUOTED = Pattern.compile("'.*?'");

	private static final Pattern END = Pattern.compile("\\bEND\\b");

	private final List<String> secrets = new ArrayList<>();

	private @Nullable JdbcTarget target;

	private @Nullable Connection connection;

	/**
	 * A user to create.
	 * @param username the generated username
	 * @param password the generated password
	 * @param expiration the expiration as the plugins render it
	 * @param statements the role's creation statements
	 * @param rollbackStatements the role's rollback statements
	 */
	record NewUser(String username, String password, String expiration, List<String> statements,
			List<String> rollbackStatements) {

		@Override
		public String toString() {
			return "NewUser[username=" + this.username + "]";
		}

	}

	/**
	 * Where and as whom to connect.
	 * @param url the JDBC URL
	 * @param properties the driver properties ({@code user}, {@code password}, timeouts)
	 */
	record JdbcTarget(String url, Properties properties) {

		@Override
		public String toString() {
			return "JdbcTarget[url=" + this.url + "]";
		}

	}

	/**
	 * Read the connection details (Vault's {@code Initialize} without connecting).
	 * @param details the config's connection details ({@code connection_url}, {@code username}, ...)
	 * @throws DatabaseException with the plugin's error text if they are invalid
	 */
	final void initialize(ObjectNode details) {
		Fields fields = new Fields(details);
		String password = fields.string("password", "");
		if (!password.isEmpty()) {
			this.secrets.add(password);
		}
		if (fields.has("username_template")) {
			throw new DatabaseException("unable to initialize username template: username_template is not "
					+ "supported by the vaultkv embedded server; the plugin's default template is used");
		}
		try {
			this.target = target(fields);
		}
		catch (DatabaseException ex) {
			throw new DatabaseException(mask(ex.getMessage()));
		}
	}

	/**
	 * Connect now, reporting a failure as the plugin's connection producer words it.
	 */
	final synchronized void verify() {
		try {
			connection();
		}
		catch (DatabaseException ex) {
			throw new DatabaseException(verifyFailurePrefix() + ex.getMessage());
		}
	}

	/**
	 * Read the plugin-specific connection details.
	 */
	protected abstract JdbcTarget target(Fields details);

	/**
	 * The prefix of a failed connection check, e.g. {@code error verifying connection: }.
	 */
	protected abstract String verifyFailurePrefix();

	abstract UsernameTemplate usernameTemplate();

	abstract void newUser(NewUser user);

	abstract void deleteUser(String username, List<String> statements);

	abstract void changePassword(String username, String password, List<String> statements);

	abstract void changeExpiration(String username, String expiration, List<String> statements);

	/**
	 * Render a driver error as the plugin's Go driver would, as far as it can be told.
	 */
	protected abstract String describe(SQLException ex);

	/**
	 * Return the open connection, reconnecting if it was lost.
	 * @throws DatabaseException if the database cannot be reached
	 */
	protected final synchronized Connection connection() {
		if (this.connection != null) {
			try {
				if (this.connection.isValid(5)) {
					return this.connection;
				}
			}
			catch (SQLException ex) {
				// reconnect below
			}
			closeQuietly();
		}
		JdbcTarget jdbc = this.target;
		if (jdbc == null) {
			throw new DatabaseException("connection has not been initialized");
		}
		try {
			this.connection = DriverManager.getConnection(jdbc.url(), jdbc.properties());
			return this.connection;
		}
		catch (SQLException ex) {
			throw failure("", ex);
		}
	}

	/**
	 * Run statements in one transaction with placeholders replaced; a failure rolls back.
	 * @param keepMultiline whether a statement that looks like a PL/pgSQL block runs unsplit
	 * @param errorPrefix what the plugin puts before the driver's error
	 */
	protected final void runInTransaction(List<String> statements, Map<String, String> values, boolean keepMultiline,
			String errorPrefix) {
		Connection connection = connection();
		try {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				for (String text : statements) {
					List<String> queries = (keepMultiline && isMultiline(text)) ? List.of(text) : Statements.split(text);
					for (String query : queries) {
						statement.execute(Statements.render(query, values));
					}
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			rollbackQuietly(connection);
			throw failure(errorPrefix, ex);
		}
		finally {
			restoreAutoCommit(connection);
		}
	}

	/**
	 * Run single queries outside a transaction, each as given.
	 * @return the last failure, or {@code null}
	 */
	protected final @Nullable SQLException runEach(List<String> queries) {
		SQLException last = null;
		for (String query : queries) {
			try (Statement statement = connection().createStatement()) {
				statement.execute(query);
			}
			catch (SQLException ex) {
				last = ex;
			}
		}
		return last;
	}

	/**
	 * Run statements best-effort (rollback statements after a failed creation), ignoring failures.
	 */
	protected final void runQuietly(List<String> statements, Map<String, String> values) {
		for (String text : statements) {
			for (String query : Statements.split(text)) {
				try (Statement statement = connection().createStatement()) {
					statement.execute(Statements.render(query, values));
				}
				catch (SQLException | DatabaseException ex) {
					// best effort: the creation error is what gets reported
				}
			}
		}
	}

	/**
	 * A plugin failure with secret values masked.
	 */
	protected final DatabaseException failure(String prefix, SQLException ex) {
		return new DatabaseException(mask(prefix + describe(ex)));
	}

	/**
	 * Run a new user's creation statements in a transaction; when they fail, run the given statements to
	 * undo what the database committed anyway (DDL commits at once in H2 and MySQL), and fail with the
	 * passwords masked.
	 * @param user the new user
	 * @param failurePrefix the prefix of the failure's message
	 * @param undo the statements run when the creation fails
	 */
	protected final void createUser(NewUser user, String failurePrefix, List<String> undo) {
		if (user.statements().isEmpty()) {
			throw new DatabaseException("empty creation statements");
		}
		Map<String, String> values = Map.of("name", user.username(), "username", user.username(), "password",
				user.password(), "expiration", user.expiration());
		try {
			runInTransaction(user.statements(), values, false, failurePrefix);
		}
		catch (DatabaseException ex) {
			runQuietly(undo, values);
			throw new DatabaseException(mask(ex.getMessage(), user.password()));
		}
	}

	/**
	 * Mask the configured password and the given passwords, as Vault's error sanitizer middleware does.
	 */
	final String mask(String message, String... more) {
		String masked = message;
		for (String secret : this.secrets) {
			masked = masked.replace(secret, "[password]");
		}
		for (String secret : more) {
			if (!secret.isEmpty()) {
				masked = masked.replace(secret, "[password]");
			}
		}
		return masked;
	}

	/**
	 * Vault's {@code containsMultilineStatement}: an {@code END} outside quoted text. Like Vault, only the
	 * last quoted phrase is taken out before looking.
	 */
	static boolean isMultiline(String statement) {
		String lastLiteral = null;
		for (Pattern quoted : List.of(DOUBLE_QUOTED, SINGLE_QUOTED)) {
			Matcher matcher = quoted.matcher(statement);
			while (matcher.find()) {
				lastLiteral = matcher.group();
			}
		}
		String withoutLiterals = (lastLiteral != null) ? statement.replace(lastLiteral, "") : statement;
		return END.matcher(withoutLiterals).find();
	}

	static String firstLine(@Nullable String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline).trim() : message.trim();
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// the connection is reopened if it is broken
		}
	}

	private static void restoreAutoCommit(Connection connection) {
		try {
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			// the connection is reopened if it is broken
		}
	}

	private void closeQuietly() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// closing anyway
			}
			this.connection = null;
		}
	}

	@Override
	public final synchronized void close() {
		closeQuietly();
	}

}
