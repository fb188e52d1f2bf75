package dev.vaultkv.embedded;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A password-protected in-memory H2 database of its own, with an administrator {@code VAULT} for the
 * database engine to connect as. H2 needs no server, so tests using it never skip.
 */
final class H2TestDatabase implements AutoCloseable {

	static final String VAULT_USER = "vault";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String name = "vaultkv_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));

	private final String vaultPassword = randomPassword();

	private final Connection owner;

	H2TestDatabase() {
		try {
			this.owner = DriverManager.getConnection("jdbc:h2:mem:" + this.name + ";DB_CLOSE_DELAY=-1", "sa",
					randomPassword());
			execute("CREATE USER " + VAULT_USER + " PASSWORD '" + this.vaultPassword + "' ADMIN");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String randomPassword() {
		return "p" + HexFormat.of().formatHex(RANDOM.generateSeed(12));
	}

	String vaultPassword() {
		return this.vaultPassword;
	}

	/** The URL of this database for the engine, with Vault's templates for the credentials. */
	String templatedUrl() {
		return "jdbc:h2:mem:" + this.name + ";USER={{username}};PASSWORD={{password}}";
	}

	String url() {
		return "jdbc:h2:mem:" + this.name;
	}

	/** The {@code config/<name>} body of an h2-database-plugin connection allowing the given roles. */
	String configJson(String allowedRoles) {
		return "{\"plugin_name\":\"h2-database-plugin\",\"connection_url\":\"" + templatedUrl()
				+ "\",\"username\":\"" + VAULT_USER + "\",\"password\":\"" + this.vaultPassword
				+ "\",\"allowed_roles\":\"" + allowedRoles + "\"}";
	}

	void createUser(String user, String password) {
		execute("CREATE USER \"" + user + "\" PASSWORD '" + password + "'");
	}

	boolean canLogIn(String user, String password) {
		try (Connection connection = DriverManager.getConnection(url(), user, password)) {
			return connection.isValid(1);
		}
		catch (SQLException ex) {
			if ("28000".equals(ex.getSQLState())) {
				return false;
			}
			throw new IllegalStateException(ex);
		}
	}

	boolean userExists(String user) {
		return users().contains(user.toUpperCase(Locale.ROOT));
	}

	List<String> users() {
		List<String> users = new ArrayList<>();
		try (PreparedStatement query = this.owner.prepareStatement("SELECT USER_NAME FROM INFORMATION_SCHEMA.USERS");
				ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				users.add(rows.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return users;
	}

	private void execute(String sql) {
		try (Statement statement = this.owner.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try (Statement statement = this.owner.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			// already gone
		}
	}

}
