package dev.vaultkv.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Opens {@link PasswordDatabase accounts} on the real databases of the test support: H2 (always
 * available), the scram-sha-256 PostgreSQL cluster and the local MariaDB, which skip the test with a
 * logged reason where they are absent.
 */
public final class PasswordDatabases {

	/**
	 * The names {@link #open(String)} takes.
	 */
	public static final List<String> NAMES = List.of("H2", "PostgreSQL", "MariaDB");

	private PasswordDatabases() {
	}

	/**
	 * Create an account with a random password on a database.
	 * @param name one of {@link #NAMES}
	 * @return the account
	 */
	public static PasswordDatabase open(String name) {
		return switch (name) {
			case "H2" -> h2();
			case "PostgreSQL" -> postgres();
			case "MariaDB" -> mariaDb();
			default -> throw new IllegalArgumentException("Unknown database " + name);
		};
	}

	/**
	 * Return a random password.
	 * @return the password
	 */
	public static String randomPassword() {
		return ServiceSupport.randomPassword();
	}

	private static PasswordDatabase h2() {
		H2Accounts h2 = H2Accounts.get();
		String user = ServiceSupport.uniqueName("hikari");
		String password = randomPassword();
		h2.createUser(user, password);
		return new Account("H2", h2.jdbcUrl(user), user, password, "SELECT SESSION_ID()", "SELECT CURRENT_USER") {

			@Override
			public void changePassword(String newPassword) {
				h2.changePassword(user, newPassword);
			}

			@Override
			public Set<String> sessionIds() {
				return h2.sessionIds(user);
			}

			@Override
			public void close() {
				h2.closeSessions(user);
				h2.dropUser(user);
			}

		};
	}

	private static PasswordDatabase postgres() {
		ScramPostgres postgres = ScramPostgres.get();
		String role = ServiceSupport.uniqueName("hikari");
		String password = randomPassword();
		postgres.createRole(role, password);
		return new Account("PostgreSQL", postgres.jdbcUrl(role), role, password, "SELECT pg_backend_pid()",
				"SELECT current_user") {

			@Override
			public void changePassword(String newPassword) {
				postgres.changePassword(role, newPassword);
			}

			@Override
			public Set<String> sessionIds() throws SQLException {
				try (Connection admin = postgres.adminConnection()) {
					return ids(admin, "SELECT pid FROM pg_stat_activity WHERE usename = ?", role);
				}
			}

			@Override
			public void close() {
				postgres.dropRole(role);
			}

		};
	}

	private static PasswordDatabase mariaDb() {
		MariaDbAccounts mariaDb = MariaDbAccounts.get();
		String user = ServiceSupport.uniqueName("hikari");
		String password = randomPassword();
		mariaDb.createUser(user, password);
		return new Account("MariaDB", mariaDb.jdbcUrl(user), user, password, "SELECT CONNECTION_ID()",
				"SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1)") {

			@Override
			public void changePassword(String newPassword) {
				mariaDb.changePassword(user, newPassword);
			}

			@Override
			public Set<String> sessionIds() throws SQLException {
				try (Connection admin = mariaDb.adminConnection()) {
					return ids(admin, "SELECT id FROM information_schema.processlist WHERE user = ?", user);
				}
			}

			@Override
			public void close() {
				mariaDb.killConnections(user);
				mariaDb.dropUser(user);
			}

		};
	}

	private static Set<String> ids(Connection admin, String sql, String user) throws SQLException {
		Set<String> ids = new LinkedHashSet<>();
		try (PreparedStatement statement = admin.prepareStatement(sql)) {
			statement.setString(1, user);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					ids.add(result.getString(1));
				}
			}
		}
		return ids;
	}

	private abstract static class Account implements PasswordDatabase {

		private final String name;

		private final String jdbcUrl;

		private final String username;

		private final String initialPassword;

		private final String sessionIdQuery;

		private final String currentUserQuery;

		Account(String name, String jdbcUrl, String username, String initialPassword, String sessionIdQuery,
				String currentUserQuery) {
			this.name = name;
			this.jdbcUrl = jdbcUrl;
			this.username = username;
			this.initialPassword = initialPassword;
			this.sessionIdQuery = sessionIdQuery;
			this.currentUserQuery = currentUserQuery;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public String jdbcUrl() {
			return this.jdbcUrl;
		}

		@Override
		public String username() {
			return this.username;
		}

		@Override
		public String initialPassword() {
			return this.initialPassword;
		}

		@Override
		public String sessionIdQuery() {
			return this.sessionIdQuery;
		}

		@Override
		public String currentUserQuery() {
			return this.currentUserQuery;
		}

		@Override
		public String toString() {
			return this.name + " account " + this.username;
		}

	}

}
