package dev.vaultkv.embedded.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Translation of the plugins' connection strings to JDBC, and their redaction on read.
 */
class DatabaseConnectionStringsTests {

	@Test
	void postgresUrl() {
		DatabasePlugin.JdbcTarget target = PostgresConnectionString
			.toJdbc("postgresql://app%40corp:p%2Fss@db.example:6543/orders?sslmode=disable&connect_timeout=3");
		assertThat(target.url()).isEqualTo("jdbc:postgresql://db.example:6543/orders");
		assertThat(target.properties()).containsEntry("user", "app@corp")
			.containsEntry("password", "p/ss")
			.containsEntry("sslmode", "disable")
			.containsEntry("connectTimeout", "3")
			.containsEntry("ApplicationName", "vault");
	}

	@Test
	void postgresUrlDefaultsAndSeveralHosts() {
		assertThat(PostgresConnectionString.toJdbc("postgres://@/").url()).isEqualTo("jdbc:postgresql://localhost:5432/");
		assertThat(PostgresConnectionString.toJdbc("postgres://u@h1:5433,h2/db").url())
			.isEqualTo("jdbc:postgresql://h1:5433,h2:5432/db");
	}

	@Test
	void postgresKeywords() {
		DatabasePlugin.JdbcTarget target = PostgresConnectionString
			.toJdbc("host=127.0.0.1 port=5432 user=postgres password='it\\'s quoted' dbname=postgres sslmode=disable");
		assertThat(target.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
		assertThat(target.properties()).containsEntry("user", "postgres")
			.containsEntry("password", "it's quoted")
			.containsEntry("sslmode", "disable");
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(() -> PostgresConnectionString.toJdbc("not a connection string"))
			.withMessage("cannot parse `not a connection string`: failed to parse as DSN (invalid dsn)");
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(() -> PostgresConnectionString.toJdbc("host=h password=s3cret dbname"))
			.withMessage("cannot parse `host=h password=xxxxx dbname`: failed to parse as DSN (invalid dsn)");
	}

	@Test
	void goPathEscapeOfTemplatedCredentials() {
		assertThat(PostgresPlugin.pathEscape("user@x:y")).isEqualTo("user@x:y");
		assertThat(PostgresPlugin.pathEscape("a/b c?é")).isEqualTo("a%2Fb%20c%3F%C3%A9");
	}

	@Test
	void mysqlDsn() {
		DatabasePlugin.JdbcTarget target = MySqlDsn.toJdbc("root:p@ss:w/rd@tcp(127.0.0.1:3307)/app?parseTime=true");
		assertThat(target.url()).endsWith("//127.0.0.1:3307/app").startsWith("jdbc:mariadb:");
		assertThat(target.properties()).containsEntry("user", "root").containsEntry("password", "p@ss:w/rd");
		assertThat(MySqlDsn.toJdbc("root@tcp(db)/").url()).endsWith("//db:3306/");
		assertThat(MySqlDsn.toJdbc("/").url()).endsWith("//127.0.0.1:3306/");
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> MySqlDsn.toJdbc("root@unix(/tmp/s)/"))
			.withMessageStartingWith("unsupported network \"unix\"");
	}

	@Test
	void urlPasswordsAreRedactedUnlessTemplated() {
		assertThat(ConnectionConfig.redacted("postgresql://app:hunter2@host:5432/db"))
			.isEqualTo("postgresql://app:xxxxx@host:5432/db");
		assertThat(ConnectionConfig.redacted("postgresql://{{username}}:{{password}}@host/db"))
			.isEqualTo("postgresql://{{username}}:{{password}}@host/db");
		assertThat(ConnectionConfig.redacted("{{username}}:{{password}}@tcp(127.0.0.1:3306)/"))
			.isEqualTo("{{username}}:{{password}}@tcp(127.0.0.1:3306)/");
		assertThat(ConnectionConfig.redacted("jdbc:h2:mem:x;PASSWORD=p")).isEqualTo("jdbc:h2:mem:x;PASSWORD=p");
	}

	@Test
	void allowedRolesGlobs() {
		assertThat(ConnectionConfig.matches("static-*", "static-app")).isTrue();
		assertThat(ConnectionConfig.matches("*-ro", "app-ro")).isTrue();
		assertThat(ConnectionConfig.matches("a*b*c", "aXbYc")).isTrue();
		assertThat(ConnectionConfig.matches("a*b*c", "aXcYb")).isFalse();
		assertThat(ConnectionConfig.matches("readonly", "readonly2")).isFalse();
	}

}
