package dev.vaultkv.embedded.database;

import org.jspecify.annotations.Nullable;

/**
 * The plugin catalog of the database engine: Vault's built-in SQL plugins and the vaultkv-only
 * {@code h2-database-plugin}.
 *
 * @author vaultkv
 */
final class Plugins {

	private Plugins() {
	}

	/**
	 * Create an unconfigured instance of a plugin.
	 * @return the instance, or {@code null} if the catalog has no such plugin
	 */
	static @Nullable DatabasePlugin create(String name) {
		return switch (name) {
			case "postgresql-database-plugin" -> new PostgresPlugin();
			case "mysql-database-plugin" -> new MySqlPlugin(UsernameTemplate.MYSQL);
			case "mysql-aurora-database-plugin", "mysql-rds-database-plugin", "mysql-legacy-database-plugin" ->
				new MySqlPlugin(UsernameTemplate.MYSQL_LEGACY);
			case "h2-database-plugin" -> new H2Plugin();
			default -> null;
		};
	}

}
