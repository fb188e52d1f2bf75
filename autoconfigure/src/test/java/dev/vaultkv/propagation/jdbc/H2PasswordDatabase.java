package dev.vaultkv.propagation.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.h2.tools.Server;

/**
 * An in-memory H2 database served over TCP on 127.0.0.1, with an administrator and one account whose
 * password the test changes ({@code ALTER USER ... SET PASSWORD}); a wrong password is refused with
 * SQLState {@code 28000}.
 */
final class H2PasswordDatabase implements PasswordDatabase {

	static {
		// H2 sleeps up to 4 s under a global lock after each wrong password, stalling every other login: a
		// test rejecting 50 logins at once would take minutes (read once, when H2 first loads)
		System.setProperty("h2.delayWrongPasswordMin", "1");
		System.setProperty("h2.delayWrongPasswordMax", "50");
	}

	private final Server server;

	private final String url;

	private final Connection admin;

	private final String username;

	private final String initialPassword;

	private H2PasswordDatabase(Server server, String url, Connection admin, String username, String initialPassword) {
		this.server = server;
		this.url = url;
		this.admin = admin;
		this.username = username;
		this.initialPassword = initialPassword;
	}

	static H2PasswordDatabase start() {
		Server server = null;
		try {
			server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
			String name = "vaultkv_" + UUID.randomUUID().toString().replace("-", "");
			String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name;
			// the first connection creates the database and its administrator, who keeps it open
			Connection admin = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", "sa", randomPassword());
			String username = "app_" + name.substring(8, 16);
			String password = randomPassword();
			try (PreparedStatement statement = admin.prepareStatement("CREATE USER " + username + " PASSWORD ?")) {
				statement.setString(1, password);
				statement.execute();
			}
			return new H2PasswordDatabase(server, url, admin, username, password);
		}
		catch (SQLException ex) {
			if (server != null) {
				server.stop();
			}
			throw new IllegalStateException("H2 could not start", ex);
		}
	}

	static String randomPassword() {
		return "pw-" + UUID.randomUUID();
	}

	@Override
	public String name() {
		return "H2";
	}

	@Override
	public String jdbcUrl() {
		return this.url;
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
	public void changePassword(String password) throws SQLException {
		try (PreparedStatement statement = this.admin
			.prepareStatement("ALTER USER " + this.username + " SET PASSWORD ?")) {
			statement.setString(1, password);
			statement.execute();
		}
	}

	@Override
	public Set<String> sessionIds() throws SQLException {
		Set<String> ids = new LinkedHashSet<>();
		try (PreparedStatement statement = this.admin
			.prepareStatement("SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE USER_NAME = ?")) {
			statement.setString(1, this.username.toUpperCase(Locale.ROOT));
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					ids.add(result.getString(1));
				}
			}
		}
		return ids;
	}

	@Override
	public String sessionIdQuery() {
		return "SELECT SESSION_ID()";
	}

	@Override
	public void close() {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			// the server stops anyway
		}
		finally {
			this.server.stop();
		}
	}

	@Override
	public String toString() {
		return "H2PasswordDatabase[" + this.url + "]";
	}

}
