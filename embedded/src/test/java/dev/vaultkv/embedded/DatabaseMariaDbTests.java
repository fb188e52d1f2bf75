package dev.vaultkv.embedded;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database engine against the MariaDB server at 127.0.0.1:3306 ({@code root} without a password), with
 * the {@code mysql-database-plugin}s: users log in with their password only, and are dropped on revocation
 * and expiry. Skipped, with a logged reason, when the server is not reachable.
 */
class DatabaseMariaDbTests {

	private static final String URL = "jdbc:mariadb://127.0.0.1:3306/";

	private static final String CONFIG = "{\"plugin_name\":\"%s\",\"connection_url\":"
			+ "\"{{username}}:{{password}}@tcp(127.0.0.1:3306)/\",\"username\":\"root\",\"password\":\"\","
			+ "\"allowed_roles\":\"*\"}";

	private static final String READONLY = "{\"db_name\":\"%s\",\"creation_statements\":"
			+ "[\"CREATE USER '{{name}}'@'%%' IDENTIFIED BY '{{password}}'\"],\"default_ttl\":\"1h\",\"max_ttl\":\"2h\"}";

	private final List<String> users = new ArrayList<>();

	private Connection admin;

	private EmbeddedVaultServer server;

	private VaultHttp http;

	@BeforeEach
	void start() {
		this.admin = ReachableDatabase.connectOrSkip("MariaDB", URL, "root", "");
		this.server = EmbeddedVaultServer.builder().mount("database", "database").start();
		this.server.clock().freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		this.http = new VaultHttp(this.server.getAddress());
		assertThat(this.http.post("database/config/mariadb", "root", CONFIG.formatted("mysql-database-plugin"))
			.status()).isEqualTo(204);
		assertThat(this.http.post("database/roles/readonly", "root", READONLY.formatted("mariadb")).status())
			.isEqualTo(204);
	}

	@AfterEach
	void stop() throws SQLException {
		if (this.server != null) {
			this.server.close();
		}
		if (this.admin != null) {
			try (Statement statement = this.admin.createStatement()) {
				for (String user : this.users) {
					statement.execute("DROP USER IF EXISTS '" + user + "'@'%'");
				}
			}
			this.admin.close();
		}
	}

	private JsonNode creds(String role) {
		VaultHttp.Reply reply = this.http.get("database/creds/" + role, "root");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		this.users.add(reply.data().path("username").asString());
		return reply.json();
	}

	private static boolean canLogIn(String user, String password) {
		try (Connection connection = DriverManager.getConnection(URL, user, password)) {
			return connection.isValid(1);
		}
		catch (SQLException ex) {
			if ("28000".equals(ex.getSQLState())) {
				return false;
			}
			throw new IllegalStateException(ex);
		}
	}

	private int accounts(String userPattern) throws SQLException {
		try (PreparedStatement query = this.admin.prepareStatement("SELECT count(*) FROM mysql.user WHERE user LIKE ?")) {
			query.setString(1, userPattern);
			try (ResultSet row = query.executeQuery()) {
				row.next();
				return row.getInt(1);
			}
		}
	}

	@Test
	void credsCreateAUserThatLogsInWithThePasswordOnly() {
		JsonNode reply = creds("readonly");
		String username = reply.path("data").path("username").asString();
		String password = reply.path("data").path("password").asString();
		assertThat(username).hasSize(32).matches("v-root-readonly-[0-9A-Za-z]{16}");
		assertThat(canLogIn(username, password)).isTrue();
		assertThat(canLogIn(username, password + "x")).isFalse();
	}

	@Test
	void revocationAndExpiryDropTheUser() throws SQLException {
		JsonNode revoked = creds("readonly");
		JsonNode expiring = creds("readonly");
		assertThat(this.http.call("PUT", "sys/leases/revoke")
			.token("root")
			.body("{\"lease_id\":\"" + revoked.path("lease_id").asString() + "\"}")
			.send()
			.status()).isEqualTo(204);
		assertThat(accounts(revoked.path("data").path("username").asString())).isZero();
		assertThat(canLogIn(revoked.path("data").path("username").asString(),
				revoked.path("data").path("password").asString())).isFalse();
		String username = expiring.path("data").path("username").asString();
		String password = expiring.path("data").path("password").asString();
		this.server.clock().advance(Duration.ofMinutes(59));
		assertThat(canLogIn(username, password)).isTrue();
		this.server.clock().advance(Duration.ofMinutes(1));
		assertThat(canLogIn(username, password)).isFalse();
		assertThat(accounts(username)).isZero();
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void renewKeepsTheUserUntilTheNewExpiry() {
		JsonNode reply = creds("readonly");
		this.server.clock().advance(Duration.ofMinutes(50));
		VaultHttp.Reply renewed = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + reply.path("lease_id").asString() + "\",\"increment\":\"30m\"}")
			.send();
		assertThat(renewed.json().path("lease_duration").asLong()).isEqualTo(1800);
		this.server.clock().advance(Duration.ofMinutes(29));
		String username = reply.path("data").path("username").asString();
		String password = reply.path("data").path("password").asString();
		assertThat(canLogIn(username, password)).isTrue();
		this.server.clock().advance(Duration.ofMinutes(1));
		assertThat(canLogIn(username, password)).isFalse();
	}

	@Test
	void legacyPluginUsesTheSixteenCharacterTemplate() {
		this.http.post("database/config/legacy", "root", CONFIG.formatted("mysql-legacy-database-plugin"));
		this.http.post("database/roles/legacy", "root", READONLY.formatted("legacy"));
		JsonNode reply = creds("legacy");
		assertThat(reply.path("data").path("username").asString()).hasSize(16).matches("v-lega-[0-9A-Za-z]{9}");
		assertThat(canLogIn(reply.path("data").path("username").asString(),
				reply.path("data").path("password").asString())).isTrue();
	}

	@Test
	void failingCreationRunsTheRollbackStatements() throws SQLException {
		this.http.post("database/roles/broken", "root", "{\"db_name\":\"mariadb\",\"creation_statements\":["
				+ "\"CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'\","
				+ "\"GRANT NOTHING_AT_ALL ON *.* TO '{{name}}'@'%'\"],"
				+ "\"rollback_statements\":[\"DROP USER IF EXISTS '{{name}}'@'%'\"]}");
		VaultHttp.Reply reply = this.http.get("database/creds/broken", "root");
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.firstError()).startsWith("1 error occurred:\n\t* Error 1064 (42000): ");
		assertThat(accounts("v-root-broken-%")).isZero();
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void staticRoleRotatesThePasswordTheServerEnforces() throws SQLException {
		String account = "vaultkv_static_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
		this.users.add(account);
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("CREATE USER '" + account + "'@'%' IDENTIFIED BY 'initial-secret'");
		}
		assertThat(this.http.post("database/static-roles/app", "root",
				"{\"db_name\":\"mariadb\",\"username\":\"" + account + "\",\"rotation_period\":\"1h\"}").status())
			.isEqualTo(204);
		assertThat(canLogIn(account, "initial-secret")).isFalse();
		String first = this.http.get("database/static-creds/app", "root").data().path("password").asString();
		assertThat(canLogIn(account, first)).isTrue();
		this.server.clock().advance(Duration.ofHours(1));
		String second = this.http.get("database/static-creds/app", "root").data().path("password").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(canLogIn(account, first)).isFalse();
		assertThat(canLogIn(account, second)).isTrue();
		assertThat(this.http.post("database/rotate-role/app", "root", "{}").status()).isEqualTo(204);
		assertThat(canLogIn(account, second)).isFalse();
	}

}
