package dev.vaultkv.samples.rotating;

import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The database whose password the sample rotates, administered over a connection of its own (never the
 * pool's).
 */
public interface DemoDatabase extends AutoCloseable {

	/**
	 * Change a user's password.
	 * @param username the user
	 * @param password the new password
	 * @return the database's time once the new password is in force
	 * @throws SQLException if the database refuses
	 */
	OffsetDateTime changePassword(String username, String password) throws SQLException;

	/**
	 * Return whether the user opened a connection after a time.
	 * @param username the user
	 * @param since the database time, from {@link #changePassword}
	 * @return whether a connection of the user started after that time
	 * @throws SQLException if the database cannot tell
	 */
	boolean connectedSince(String username, OffsetDateTime since) throws SQLException;

	/**
	 * Return whether the database checks passwords, so that an old one is refused.
	 * @return whether passwords are enforced
	 */
	boolean enforcesPasswords();

	@Override
	void close();

}
