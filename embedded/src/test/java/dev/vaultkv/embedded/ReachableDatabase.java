package dev.vaultkv.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Assumptions;

/**
 * Opens administrator connections to a database server on this machine, or skips the test with a logged
 * reason when the server cannot be reached.
 */
final class ReachableDatabase {

	private static final System.Logger logger = System.getLogger(ReachableDatabase.class.getName());

	private ReachableDatabase() {
	}

	static Connection connectOrSkip(String service, String url, String user, String password) {
		try {
			return DriverManager.getConnection(url, user, password);
		}
		catch (SQLException ex) {
			String reason = service + " is not reachable at " + url + " as " + user + " (" + ex.getMessage()
					+ "): skipping";
			logger.log(System.Logger.Level.WARNING, reason);
			Assumptions.abort(reason);
			throw new IllegalStateException(reason, ex);
		}
	}

}
