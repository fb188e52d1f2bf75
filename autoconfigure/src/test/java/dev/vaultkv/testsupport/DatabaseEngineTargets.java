package dev.vaultkv.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Databases for Vault's database secrets engine in the embedded server to manage: H2 in memory (always
 * available), the scram-sha-256 PostgreSQL cluster and the local MariaDB (skipping the test with a logged
 * reason where absent), each with the engine's connection settings, statements and checks of the users it
 * creates and drops.
 */
public final class DatabaseEngineTargets {

	/**
	 * The names {@link #open(String)} takes.
	 */
	public static final List<String> NAMES = List.of("H2", "PostgreSQL", "MariaDB");

	private DatabaseEngineTargets() {
	}

	/**
	 * Open a database for the engine.
	 * @param name one of {@link #NAMES}
	 * @return the database
	 */
	public static Target open(String name) {
		return switch (name) {
			case "H2" -> h2();
			case "PostgreSQL" -> postgres();
			case "MariaDB" -> mariaDb();
			default -> throw new IllegalArgumentException("Unknown database " + name);
		};
	}

	private static Target h2() {
		String database = ServiceSupport.uniqueName("engine");
		String url = "jdbc:h2:mem:" + database;
		String adminPassword = ServiceSupport.randomPassword();
		Connection owner;
		try {
			owner = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", "sa", ServiceSupport.randomPassword());
			try (Statement statement = owner.createStatement()) {
				statement.execute("CREATE USER vault PASSWORD '" + adminPassword + "' ADMIN");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		String config = config("h2-database-plugin", url + ";USER={{username}};PASSWORD={{password}}", "vault",
				adminPassword);
		return new Target("H2", config, "CREATE USER \\\"{{name}}\\\" PASSWORD '{{password}}'", url, owner,
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = UPPER(?)",
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE USER_NAME = UPPER(?)", true) {

			@Override
			public void createUser(String user, String password) {
				execute("CREATE USER \"" + user + "\" PASSWORD '" + password + "'");
			}

			@Override
			void dropUser(String user) {
				execute("DROP USER IF EXISTS \"" + user + "\"");
			}

		};
	}

	private static Target postgres() {
		ScramPostgres postgres = ScramPostgres.get();
		String config = config("postgresql-database-plugin", "postgresql://{{username}}:{{password}}@"
				+ ServiceSupport.LOOPBACK + ":" + postgres.port() + "/postgres?sslmode=disable", "postgres",
				postgres.adminPassword());
		try {
			return new Target("PostgreSQL", config, "CREATE ROLE \\\"{{name}}\\\" WITH LOGIN PASSWORD '{{password}}'",
					postgres.jdbcUrl("postgres"), postgres.adminConnection(),
					"SELECT COUNT(*) FROM pg_roles WHERE rolname = ?",
					"SELECT COUNT(*) FROM pg_stat_activity WHERE usename = ?", false) {

				@Override
				public void createUser(String user, String password) {
					execute("CREATE ROLE \"" + user + "\" WITH LOGIN PASSWORD '" + password + "'");
				}

				@Override
				void dropUser(String user) {
					execute("DROP ROLE IF EXISTS \"" + user + "\"");
				}

			};
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Target mariaDb() {
		MariaDbAccounts mariaDb = MariaDbAccounts.get();
		String config = config("mysql-database-plugin",
				"{{username}}:{{password}}@tcp(" + ServiceSupport.LOOPBACK + ":" + mariaDb.port() + ")/", "root", "");
		try {
			return new Target("MariaDB", config, "CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'",
					mariaDb.jdbcUrl(""), mariaDb.adminConnection(),
					"SELECT COUNT(*) FROM mysql.user WHERE User = ?",
					"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = ?", false) {

				@Override
				public void createUser(String user, String password) {
					execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
				}

				@Override
				void dropUser(String user) {
					execute("DROP USER IF EXISTS '" + user + "'@'%'");
				}

			};
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String config(String plugin, String url, String username, String password) {
		return "{\"plugin_name\":\"" + plugin + "\",\"connection_url\":\"" + url + "\",\"username\":\"" + username
				+ "\",\"password\":\"" + password + "\",\"allowed_roles\":\"*\"}";
	}

	/**
	 * A database the engine manages, with an administrator connection of the test's.
	 */
	public abstract static class Target implements AutoCloseable {

		private final String name;

		private final String configJson;

		private final String creationStatement;

		private final String jdbcUrl;

		private final Connection admin;

		private final String userCountQuery;

		private final String sessionCountQuery;

		private final boolean closeDatabase;

		private final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();

		Target(String name, String configJson, String creationStatement, String jdbcUrl, Connection admin,
				String userCountQuery, String sessionCountQuery, boolean closeDatabase) {
			this.name = name;
			this.configJson = configJson;
			this.creationStatement = creationStatement;
			this.jdbcUrl = jdbcUrl;
			this.admin = admin;
			this.userCountQuery = userCountQuery;
			this.sessionCountQuery = sessionCountQuery;
			this.closeDatabase = closeDatabase;
		}

		/** The {@code database/config/<name>} body. */
		public String configJson() {
			return this.configJson;
		}

		/** A {@code database/roles/<name>} body for this database's connection {@code db}. */
		public String roleJson(String defaultTtl, String maxTtl) {
			return "{\"db_name\":\"db\",\"creation_statements\":[\"" + this.creationStatement
					+ "\"],\"default_ttl\":\"" + defaultTtl + "\",\"max_ttl\":\"" + maxTtl + "\"}";
		}

		/** The URL an application connects with. */
		public String jdbcUrl() {
			return this.jdbcUrl;
		}

		/** Create a user for a static role; dropped on close. */
		public abstract void createUser(String user, String password);

		abstract void dropUser(String user);

		/** Remember a user the engine created, to drop it on close should the engine not have. */
		public void track(String user) {
			this.created.add(user);
		}

		/** Whether a user exists. */
		public boolean userExists(String user) {
			return count(this.userCountQuery, user) > 0;
		}

		/** How many sessions a user has open. */
		public int sessions(String user) {
			return count(this.sessionCountQuery, user);
		}

		private int count(String query, String user) {
			try (PreparedStatement statement = this.admin.prepareStatement(query)) {
				statement.setString(1, user);
				try (ResultSet result = statement.executeQuery()) {
					return result.next() ? result.getInt(1) : 0;
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** Whether a user can log in with a password. */
		public boolean canLogIn(String user, String password) {
			try (Connection connection = DriverManager.getConnection(this.jdbcUrl, user, password)) {
				return connection.isValid(5);
			}
			catch (SQLException ex) {
				return false;
			}
		}

		void execute(String sql) {
			try (Statement statement = this.admin.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			for (String user : this.created) {
				dropUser(user);
			}
			try {
				if (this.closeDatabase) {
					execute("SHUTDOWN");
				}
				this.admin.close();
			}
			catch (SQLException | RuntimeException ex) {
				// already gone
			}
		}

		@Override
		public String toString() {
			return this.name.toLowerCase(Locale.ROOT);
		}

	}

}
