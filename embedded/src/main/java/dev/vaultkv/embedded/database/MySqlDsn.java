package dev.vaultkv.embedded.database;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Translates the Go MySQL driver's DSN the MySQL plugins take as {@code connection_url}
 * ({@code [user[:password]@][tcp[(host:port)]]/dbname[?params]}, e.g.
 * {@code {{username}}:{{password}}@tcp(127.0.0.1:3306)/}) to a JDBC URL for whichever driver is on the
 * class path: MariaDB Connector/J ({@code jdbc:mariadb:}) if present, else MySQL Connector/J
 * ({@code jdbc:mysql:}). DSN parameters are Go driver settings and are not passed on.
 *
 * @author vaultkv
 */
final class MySqlDsn {

	private MySqlDsn() {
	}

	static DatabasePlugin.JdbcTarget toJdbc(String dsn) {
		// as the Go driver: the last '/' ends the address, the last '@' before it ends the credentials
		int slash = dsn.lastIndexOf('/');
		if (slash < 0) {
			throw new DatabaseException("invalid DSN: missing the slash separating the database name");
		}
		String left = dsn.substring(0, slash);
		String database = dsn.substring(slash + 1);
		int query = database.indexOf('?');
		if (query >= 0) {
			database = database.substring(0, query);
		}
		Properties properties = new Properties();
		int at = left.lastIndexOf('@');
		if (at >= 0) {
			String credentials = left.substring(0, at);
			int colon = credentials.indexOf(':');
			properties.setProperty("user", (colon >= 0) ? credentials.substring(0, colon) : credentials);
			if (colon >= 0) {
				properties.setProperty("password", credentials.substring(colon + 1));
			}
			left = left.substring(at + 1);
		}
		String address = "127.0.0.1:3306";
		if (!left.isEmpty()) {
			int open = left.indexOf('(');
			String network = (open >= 0) ? left.substring(0, open) : left;
			if (open >= 0) {
				if (!left.endsWith(")")) {
					throw new DatabaseException("invalid DSN: network address not terminated (missing closing brace)");
				}
				address = left.substring(open + 1, left.length() - 1);
			}
			if (!network.equals("tcp")) {
				throw new DatabaseException("unsupported network \"" + network
						+ "\": the vaultkv embedded server connects over tcp only");
			}
			if (!address.contains(":")) {
				address = address + ":3306";
			}
		}
		properties.setProperty("connectTimeout", "10000");
		return new DatabasePlugin.JdbcTarget(scheme() + "//" + address + "/" + database, properties);
	}

	private static String scheme() {
		try {
			DriverManager.getDriver("jdbc:mariadb://127.0.0.1/");
			return "jdbc:mariadb:";
		}
		catch (SQLException ex) {
			return "jdbc:mysql:";
		}
	}

}
