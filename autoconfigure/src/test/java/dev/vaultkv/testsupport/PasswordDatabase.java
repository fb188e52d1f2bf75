package dev.vaultkv.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;

/**
 * An account of its own on a real database that enforces its password, for one test; {@link #close()}
 * drops it. Open one with {@link PasswordDatabases#open(String)}.
 */
public interface PasswordDatabase extends AutoCloseable {

	/**
	 * The database's name: {@code H2}, {@code PostgreSQL} or {@code MariaDB}.
	 * @return the name
	 */
	String name();

	String jdbcUrl();

	String username();

	/**
	 * The password the account was created with.
	 * @return the password
	 */
	String initialPassword();

	/**
	 * Change the account's password in the database; sessions already open stay open.
	 * @param password the new password
	 */
	void changePassword(String password);

	/**
	 * The ids of the account's open sessions, as the database's administrator sees them.
	 * @return the session ids
	 * @throws SQLException if the database cannot be asked
	 */
	Set<String> sessionIds() throws SQLException;

	/**
	 * A query answering the current session's id, as {@link #sessionIds()} shows it.
	 * @return the query
	 */
	String sessionIdQuery();

	/**
	 * A query answering the current session's user name, as {@link #username()} is.
	 * @return the query
	 */
	String currentUserQuery();

	/**
	 * Open a connection without a pool.
	 * @param password the password to log in with
	 * @return the connection
	 * @throws SQLException if it cannot be opened, for example because the password is refused
	 */
	default Connection connect(String password) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), username(), password);
	}

	@Override
	void close();

}
