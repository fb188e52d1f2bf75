package dev.vaultkv.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.h2.engine.SysProperties;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password-protected users of an in-memory H2 database served over TCP on 127.0.0.1, started once per JVM. Needs
 * nothing installed, so it never skips.
 */
final class H2Accounts implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(H2Accounts.class);

	private final Server server;

	private final String database;

	private final Connection admin;

	private H2Accounts(Server server, String database, Connection admin) {
		this.server = server;
		this.database = database;
		this.admin = admin;
	}

	/** The shared server, started on first use. */
	static H2Accounts get() {
		return Holder.INSTANCE;
	}

	int port() {
		return this.server.getPort();
	}

	/** The URL of the shared database, with the user's own schema as the default one. */
	String jdbcUrl(String user) {
		return "jdbc:h2:tcp://" + ServiceSupport.LOOPBACK + ":" + port() + "/mem:" + this.database + ";SCHEMA="
				+ ServiceSupport.checkName(user).toUpperCase(Locale.ROOT);
	}

	/** Creates a user that can only log in with {@code password}, owning a schema of the same name. */
	void createUser(String name, String password) {
		String user = ServiceSupport.checkName(name);
		admin("CREATE USER " + user + " PASSWORD " + literal(password),
				"CREATE SCHEMA " + user + " AUTHORIZATION " + user);
	}

	void changePassword(String name, String newPassword) {
		admin("ALTER USER " + ServiceSupport.checkName(name) + " SET PASSWORD " + literal(newPassword));
	}

	/** Closes the user's sessions; H2 ends them before this returns. */
	void closeSessions(String name) {
		String user = ServiceSupport.checkName(name);
		synchronized (this.admin) {
			try (PreparedStatement abort = this.admin.prepareStatement(
					"SELECT ABORT_SESSION(SESSION_ID) FROM INFORMATION_SCHEMA.SESSIONS WHERE USER_NAME = ?")) {
				abort.setString(1, user.toUpperCase(Locale.ROOT));
				try (ResultSet result = abort.executeQuery()) {
					while (result.next()) {
						// consume: each row aborts one session
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/** The ids of the user's open sessions ({@code SESSION_ID()} in each of them). */
	Set<String> sessionIds(String name) {
		String user = ServiceSupport.checkName(name);
		synchronized (this.admin) {
			try (PreparedStatement sessions = this.admin
				.prepareStatement("SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE USER_NAME = ?")) {
				sessions.setString(1, user.toUpperCase(Locale.ROOT));
				Set<String> ids = new LinkedHashSet<>();
				try (ResultSet result = sessions.executeQuery()) {
					while (result.next()) {
						ids.add(result.getString(1));
					}
				}
				return ids;
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Drops the user and its schema. */
	void dropUser(String name) {
		String user = ServiceSupport.checkName(name);
		admin("DROP SCHEMA IF EXISTS " + user + " CASCADE", "DROP USER IF EXISTS " + user);
	}

	@Override
	public void close() {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			logger.debug("H2 shutdown failed", ex);
		}
		this.server.stop();
	}

	private void admin(String... statements) {
		synchronized (this.admin) {
			try (Statement statement = this.admin.createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	private static H2Accounts start() {
		// Read once by H2, so this only binds to loopback when H2 has not been used before in this JVM.
		System.setProperty("h2.bindAddress", ServiceSupport.LOOPBACK);
		String database = ServiceSupport.uniqueName("vaultkv");
		try {
			// The in-process admin connection creates the database and keeps it open for TCP clients.
			Connection admin = DriverManager.getConnection("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "sa",
					ServiceSupport.randomPassword());
			Server server = Server.createTcpServer("-tcpPort", "0").start();
			if (!ServiceSupport.LOOPBACK.equals(SysProperties.BIND_ADDRESS)) {
				logger.warn("H2 was loaded before h2.bindAddress was set: the test server listens on all interfaces "
						+ "but accepts local connections only");
			}
			H2Accounts accounts = new H2Accounts(server, database, admin);
			Runtime.getRuntime().addShutdownHook(new Thread(accounts::close, "h2-accounts-shutdown"));
			return accounts;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("H2 TCP server could not be started", ex);
		}
	}

	private static final class Holder {

		static final H2Accounts INSTANCE = start();

	}

}
