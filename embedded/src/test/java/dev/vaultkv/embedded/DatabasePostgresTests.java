package dev.vaultkv.embedded;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database engine against the PostgreSQL server at 127.0.0.1:5432 (user {@code postgres}). That server
 * trusts every TCP connection, so these tests check the roles themselves in {@code pg_roles} and
 * {@code pg_authid}: created with the right validity, renewed, dropped, passwords changed. Skipped, with a
 * logged reason, when the server is not reachable.
 */
class DatabasePostgresTests {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static final String CONFIG = "{\"plugin_name\":\"postgresql-database-plugin\",\"connection_url\":"
			+ "\"postgresql://{{username}}:{{password}}@127.0.0.1:5432/postgres?sslmode=disable\","
			+ "\"username\":\"postgres\",\"password\":\"trusted-anyway\",\"allowed_roles\":\"*\"}";

	private static final String READONLY = "{\"db_name\":\"pg\",\"creation_statements\":["
			+ "\"CREATE ROLE \\\"{{name}}\\\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';"
			+ " GRANT SELECT ON ALL TABLES IN SCHEMA public TO \\\"{{name}}\\\";\"],"
			+ "\"default_ttl\":\"1h\",\"max_ttl\":\"2h\"}";

	private final List<String> roles = new ArrayList<>();

	private Connection admin;

	private EmbeddedVaultServer server;

	private VaultHttp http;

	private Instant start;

	@BeforeEach
	void start() {
		this.admin = ReachableDatabase.connectOrSkip("PostgreSQL", URL, "postgres", "");
		this.server = EmbeddedVaultServer.builder().mount("database", "database").start();
		this.start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.server.clock().freezeAt(this.start);
		this.http = new VaultHttp(this.server.getAddress());
		assertThat(this.http.post("database/config/pg", "root", CONFIG).status()).isEqualTo(204);
		assertThat(this.http.post("database/roles/readonly", "root", READONLY).status()).isEqualTo(204);
	}

	@AfterEach
	void stop() throws SQLException {
		if (this.server != null) {
			this.server.close();
		}
		if (this.admin != null) {
			try (Statement statement = this.admin.createStatement()) {
				for (String role : this.roles) {
					statement.execute("DROP ROLE IF EXISTS \"" + role + "\"");
				}
			}
			this.admin.close();
		}
	}

	private JsonNode creds(String role, String token) {
		VaultHttp.Reply reply = this.http.get("database/creds/" + role, token);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		this.roles.add(reply.data().path("username").asString());
		return reply.json();
	}

	private @Nullable Instant validUntil(String role) throws SQLException {
		try (PreparedStatement query = this.admin.prepareStatement("SELECT rolvaliduntil FROM pg_roles WHERE rolname = ?")) {
			query.setString(1, role);
			try (ResultSet row = query.executeQuery()) {
				assertThat(row.next()).as("role %s exists", role).isTrue();
				Timestamp until = row.getTimestamp(1);
				return (until != null) ? until.toInstant() : null;
			}
		}
	}

	private boolean roleExists(String role) throws SQLException {
		try (PreparedStatement query = this.admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
			query.setString(1, role);
			try (ResultSet row = query.executeQuery()) {
				return row.next();
			}
		}
	}

	private String storedPassword(String role) throws SQLException {
		try (PreparedStatement query = this.admin.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
			query.setString(1, role);
			try (ResultSet row = query.executeQuery()) {
				assertThat(row.next()).isTrue();
				return row.getString(1);
			}
		}
	}

	@Test
	void credsCreateARoleValidUntilTheLeaseEndsPlusFiveSeconds() throws SQLException {
		JsonNode reply = creds("readonly", "root");
		String username = reply.path("data").path("username").asString();
		assertThat(username).matches("v-root-readonly-[0-9A-Za-z]{20}-" + this.start.getEpochSecond());
		assertThat(reply.path("lease_id").asString()).startsWith("database/creds/readonly/");
		assertThat(reply.path("lease_duration").asLong()).isEqualTo(3600);
		assertThat(validUntil(username)).isEqualTo(this.start.plusSeconds(3605));
		assertThat(storedPassword(username)).startsWith("SCRAM-SHA-256$");
	}

	@Test
	void renewMovesValidUntil() throws SQLException {
		JsonNode reply = creds("readonly", "root");
		String username = reply.path("data").path("username").asString();
		this.server.clock().advance(Duration.ofMinutes(30));
		VaultHttp.Reply renewed = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + reply.path("lease_id").asString() + "\",\"increment\":\"1h\"}")
			.send();
		assertThat(renewed.json().path("lease_duration").asLong()).isEqualTo(3600);
		assertThat(validUntil(username)).isEqualTo(this.start.plus(Duration.ofMinutes(90)).plusSeconds(5));
	}

	@Test
	void expiryAndRevocationDropTheRole() throws SQLException {
		String expiring = creds("readonly", "root").path("data").path("username").asString();
		JsonNode revoked = creds("readonly", "root");
		String revokedName = revoked.path("data").path("username").asString();
		assertThat(this.http.call("PUT", "sys/leases/revoke/" + revoked.path("lease_id").asString())
			.token("root")
			.send()
			.status()).isEqualTo(204);
		assertThat(roleExists(revokedName)).isFalse();
		assertThat(roleExists(expiring)).isTrue();
		this.server.clock().advance(Duration.ofHours(1));
		assertThat(roleExists(expiring)).isFalse();
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void revokingTheTokenDropsItsRoles() throws SQLException {
		String token = this.http.post("auth/token/create", "root", "{\"policies\":[\"root\"]}")
			.json()
			.path("auth")
			.path("client_token")
			.asString();
		String username = creds("readonly", token).path("data").path("username").asString();
		assertThat(this.http.post("auth/token/revoke", "root", "{\"token\":\"" + token + "\"}").status())
			.isEqualTo(204);
		assertThat(roleExists(username)).isFalse();
	}

	@Test
	void customStatementsKeywordDsnAndAPlPgSqlBlock() throws SQLException {
		assertThat(this.http.post("database/config/keywords", "root",
				"{\"plugin_name\":\"postgresql-database-plugin\",\"allowed_roles\":\"block\",\"connection_url\":"
						+ "\"host=127.0.0.1 port=5432 user={{username}} password={{password}} dbname=postgres sslmode=disable\","
						+ "\"username\":\"postgres\",\"password\":\"trusted-anyway\"}")
			.status()).isEqualTo(204);
		assertThat(this.http.post("database/roles/block", "root", "{\"db_name\":\"keywords\",\"creation_statements\":"
				+ "[\"DO $$ BEGIN CREATE ROLE \\\"{{name}}\\\" WITH LOGIN PASSWORD '{{password}}'; END $$;\"],"
				+ "\"revocation_statements\":[\"DROP ROLE IF EXISTS \\\"{{name}}\\\";\"]}")
			.status()).isEqualTo(204);
		JsonNode reply = creds("block", "root");
		String username = reply.path("data").path("username").asString();
		assertThat(roleExists(username)).isTrue();
		this.http.call("PUT", "sys/leases/revoke").token("root")
			.body("{\"lease_id\":\"" + reply.path("lease_id").asString() + "\"}")
			.send();
		assertThat(roleExists(username)).isFalse();
	}

	@Test
	void scramPasswordAuthenticationSendsAVerifier() throws SQLException {
		this.http.post("database/config/pg", "root", "{\"password_authentication\":\"scram-sha-256\"}");
		String username = creds("readonly", "root").path("data").path("username").asString();
		assertThat(storedPassword(username)).startsWith("SCRAM-SHA-256$4096:");
	}

	@Test
	void failingCreationRollsBack() throws SQLException {
		this.http.post("database/roles/broken", "root", "{\"db_name\":\"pg\",\"creation_statements\":"
				+ "[\"CREATE ROLE \\\"{{name}}\\\" WITH LOGIN PASSWORD '{{password}}'; GRANT NOTHING TO \\\"{{name}}\\\";\"]}");
		VaultHttp.Reply reply = this.http.get("database/creds/broken", "root");
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.firstError()).startsWith("1 error occurred:\n\t* failed to execute query: ERROR: ")
			.endsWith("ERROR: role \"nothing\" does not exist (SQLSTATE 42704)\n\n");
		try (PreparedStatement query = this.admin
			.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'v-root-broken-%'")) {
			try (ResultSet row = query.executeQuery()) {
				row.next();
				assertThat(row.getInt(1)).isZero();
			}
		}
	}

	@Test
	void staticRoleRotatesThePassword() throws SQLException {
		String account = "vaultkv_static_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
		this.roles.add(account);
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("CREATE ROLE \"" + account + "\" WITH LOGIN PASSWORD 'initial-secret'");
		}
		String initial = storedPassword(account);
		assertThat(this.http.post("database/static-roles/app", "root",
				"{\"db_name\":\"pg\",\"username\":\"" + account + "\",\"rotation_period\":\"1h\"}").status())
			.isEqualTo(204);
		String first = storedPassword(account);
		assertThat(first).isNotEqualTo(initial);
		JsonNode creds = this.http.get("database/static-creds/app", "root").data();
		assertThat(creds.path("username").asString()).isEqualTo(account);
		assertThat(creds.path("ttl").asLong()).isEqualTo(3600);
		this.server.clock().advance(Duration.ofHours(1));
		String second = storedPassword(account);
		assertThat(second).isNotEqualTo(first);
		assertThat(this.http.get("database/static-creds/app", "root").data().path("password").asString())
			.isNotEqualTo(creds.path("password").asString());
		assertThat(this.http.post("database/rotate-role/app", "root", "{}").status()).isEqualTo(204);
		assertThat(storedPassword(account)).isNotEqualTo(second);
	}

}
