package dev.vaultkv.propagation.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;

/**
 * A database that enforces a password for one account the test owns, and lets the test change it.
 */
interface PasswordDatabase extends AutoCloseable {

	/**
	 * The database's name, for test names and skip reasons.
	 */
	String name();

	String jdbcUrl();

	String username();

	/**
	 * The password the account was created with.
	 */
	String initialPassword();

	/**
	 * Change the account's password in the database; sessions already open stay open.
	 */
	void changePassword(String password) throws SQLException;

	/**
	 * The ids of the account's open sessions, as the database's administrator sees them.
	 */
	Set<String> sessionIds() throws SQLException;

	/**
	 * A query answering the current session's id, comparable to {@link #sessionIds()}.
	 */
	String sessionIdQuery();

	default Connection connect(String password) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), username(), password);
	}

	@Override
	void close();

}
