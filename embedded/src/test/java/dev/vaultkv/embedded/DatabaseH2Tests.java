package dev.vaultkv.embedded;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database secrets engine against H2 (the vaultkv-only {@code h2-database-plugin}): connection
 * configuration, dynamic credentials with their leases, static roles and root rotation, with logins checked
 * against the database.
 */
class DatabaseH2Tests {

	private static final String READONLY = "{\"db_name\":\"h2\",\"creation_statements\":"
			+ "[\"CREATE USER \\\"{{name}}\\\" PASSWORD '{{password}}'\"],\"default_ttl\":\"1h\",\"max_ttl\":\"2h\"}";

	private H2TestDatabase database;

	private EmbeddedVaultServer server;

	private VaultHttp http;

	@BeforeEach
	void start() {
		this.database = new H2TestDatabase();
		this.server = EmbeddedVaultServer.builder().mount("database", "database").start();
		// a whole second: Vault rounds "now" to the second in lease lookups
		this.server.clock().freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		this.http = new VaultHttp(this.server.getAddress());
		assertThat(this.http.post("database/config/h2", "root", this.database.configJson("readonly,static-*,other"))
			.status()).isEqualTo(204);
		assertThat(this.http.post("database/roles/readonly", "root", READONLY).status()).isEqualTo(204);
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.database.close();
	}

	private JsonNode creds(String token) {
		VaultHttp.Reply reply = this.http.get("database/creds/readonly", token);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json();
	}

	private String leaseBody(String leaseId) {
		return "{\"lease_id\":\"" + leaseId + "\"}";
	}

	@Test
	void configReadsBackWithoutThePassword() {
		VaultHttp.Reply read = this.http.get("database/config/h2", "root");
		assertThat(read.status()).isEqualTo(200);
		JsonNode data = read.data();
		assertThat(data.path("plugin_name").asString()).isEqualTo("h2-database-plugin");
		assertThat(data.path("connection_details").path("connection_url").asString())
			.isEqualTo(this.database.templatedUrl());
		assertThat(data.path("connection_details").path("username").asString()).isEqualTo("vault");
		assertThat(data.path("connection_details").has("password")).isFalse();
		assertThat(data.path("allowed_roles").toString()).isEqualTo("[\"readonly\",\"static-*\",\"other\"]");
		assertThat(data.path("plugin_version").asString()).isEmpty();
		assertThat(data.path("password_policy").asString()).isEmpty();
		assertThat(data.path("root_credentials_rotate_statements").toString()).isEqualTo("[]");
		assertThat(data.path("verify_connection").asBoolean()).isTrue();
		assertThat(read.text()).doesNotContain(this.database.vaultPassword());
		assertThat(this.http.list("database/config", "root").data().path("keys").toString()).isEqualTo("[\"h2\"]");
		assertThat(this.http.delete("database/config/h2", "root").status()).isEqualTo(204);
		assertThat(this.http.get("database/config/h2", "root").status()).isEqualTo(404);
	}

	@Test
	void roleListsArePagedOnlyInOpenBaoFlavour() {
		String other = READONLY.replace("readonly", "other");
		assertThat(this.http.post("database/roles/other", "root", other).status()).isEqualTo(204);
		assertThat(this.http.list("database/roles?after=other&limit=1", "root").data().path("keys").toString())
			.isEqualTo("[\"other\",\"readonly\"]");
		try (EmbeddedVaultServer openBao = EmbeddedVaultServer.builder()
			.flavour(Flavour.OPENBAO)
			.mount("database", "database")
			.start()) {
			VaultHttp bao = new VaultHttp(openBao.getAddress());
			assertThat(bao.post("database/config/h2", "root", this.database.configJson("readonly,static-*,other"))
				.status()).isEqualTo(204);
			assertThat(bao.post("database/roles/readonly", "root", READONLY).status()).isEqualTo(204);
			assertThat(bao.post("database/roles/other", "root", other).status()).isEqualTo(204);
			assertThat(bao.list("database/roles?limit=1", "root").data().path("keys").toString())
				.isEqualTo("[\"other\"]");
			assertThat(bao.list("database/roles?after=other", "root").data().path("keys").toString())
				.isEqualTo("[\"readonly\"]");
			VaultHttp.Reply bad = bao.list("database/static-roles?limit=x", "root");
			assertThat(bad.status()).isEqualTo(400);
			assertThat(bad.firstError()).startsWith("Field validation failed: error converting input for field");
		}
	}

	@Test
	void roleReadsBackWithVaultsFields() {
		JsonNode data = this.http.get("database/roles/readonly", "root").data();
		assertThat(data.path("db_name").asString()).isEqualTo("h2");
		assertThat(data.path("default_ttl").asLong()).isEqualTo(3600);
		assertThat(data.path("max_ttl").asLong()).isEqualTo(7200);
		assertThat(data.path("credential_type").asString()).isEqualTo("password");
		assertThat(data.path("creation_statements")).hasSize(1);
		assertThat(data.path("revocation_statements").toString()).isEqualTo("[]");
		assertThat(data.path("rollback_statements").toString()).isEqualTo("[]");
		assertThat(data.path("renew_statements").toString()).isEqualTo("[]");
		assertThat(this.http.list("database/roles", "root").data().path("keys").toString())
			.isEqualTo("[\"readonly\"]");
		assertThat(this.http.delete("database/roles/readonly", "root").status()).isEqualTo(204);
		assertThat(this.http.get("database/roles/readonly", "root").status()).isEqualTo(404);
	}

	@Test
	void credsCreateAUserThatLogsInWithThePasswordOnly() {
		JsonNode reply = creds("root");
		assertThat(reply.path("lease_id").asString()).matches("database/creds/readonly/[0-9A-Za-z]{24}");
		assertThat(reply.path("renewable").asBoolean()).isTrue();
		assertThat(reply.path("lease_duration").asLong()).isEqualTo(3600);
		String username = reply.path("data").path("username").asString();
		String password = reply.path("data").path("password").asString();
		assertThat(username).matches("v-root-readonly-[0-9A-Za-z]{20}-\\d+");
		assertThat(password).hasSize(20).matches("[0-9A-Za-z-]+").contains("-");
		assertThat(this.database.canLogIn(username, password)).isTrue();
		assertThat(this.database.canLogIn(username, password + "x")).isFalse();
		assertThat(this.server.leases()).singleElement()
			.satisfies((lease) -> assertThat(lease.id()).isEqualTo(reply.path("lease_id").asString()));
	}

	@Test
	void renewExtendsTheLeaseUpToTheRolesMaxTtl() {
		String leaseId = creds("root").path("lease_id").asString();
		this.server.clock().advance(Duration.ofMinutes(50));
		VaultHttp.Reply renewed = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\",\"increment\":\"1h\"}")
			.send();
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(renewed.json().path("lease_duration").asLong()).isEqualTo(3600);
		this.server.clock().advance(Duration.ofMinutes(50));
		VaultHttp.Reply capped = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\",\"increment\":\"1h\"}")
			.send();
		assertThat(capped.json().path("lease_duration").asLong()).isEqualTo(1200);
		assertThat(capped.json().path("warnings").path(0).asString())
			.isEqualTo("TTL of \"1h\" exceeded the effective max_ttl of \"20m\"; TTL value is capped accordingly");
	}

	@Test
	void leaseExpiryOnTheServerClockDropsTheUser() {
		JsonNode reply = creds("root");
		String username = reply.path("data").path("username").asString();
		String password = reply.path("data").path("password").asString();
		this.server.clock().advance(Duration.ofMinutes(59));
		assertThat(this.database.canLogIn(username, password)).isTrue();
		this.server.clock().advance(Duration.ofMinutes(1));
		assertThat(this.server.leases()).isEmpty();
		assertThat(this.database.userExists(username)).isFalse();
		assertThat(this.database.canLogIn(username, password)).isFalse();
	}

	@Test
	void revokeLookupListAndRevokePrefix() {
		JsonNode first = creds("root");
		JsonNode second = creds("root");
		JsonNode third = creds("root");
		String firstId = first.path("lease_id").asString();
		VaultHttp.Reply lookup = this.http.call("PUT", "sys/leases/lookup").token("root").body(leaseBody(firstId)).send();
		assertThat(lookup.data().path("id").asString()).isEqualTo(firstId);
		assertThat(lookup.data().path("ttl").asLong()).isEqualTo(3600);
		assertThat(lookup.data().path("renewable").asBoolean()).isTrue();
		assertThat(this.http.list("sys/leases/lookup/database/creds/readonly/", "root").data().path("keys"))
			.hasSize(3);
		assertThat(this.http.call("PUT", "sys/leases/revoke").token("root").body(leaseBody(firstId)).send().status())
			.isEqualTo(204);
		assertThat(this.database.userExists(first.path("data").path("username").asString())).isFalse();
		assertThat(this.database.userExists(second.path("data").path("username").asString())).isTrue();
		assertThat(this.http.call("PUT", "sys/leases/revoke-prefix/database/creds/readonly").token("root").send().status())
			.isEqualTo(204);
		assertThat(this.database.userExists(second.path("data").path("username").asString())).isFalse();
		assertThat(this.database.userExists(third.path("data").path("username").asString())).isFalse();
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void revokingTheTokenDropsItsUsers() {
		String token = this.http.post("auth/token/create", "root", "{\"policies\":[\"root\"],\"display_name\":\"app\"}")
			.json()
			.path("auth")
			.path("client_token")
			.asString();
		JsonNode reply = creds(token);
		String username = reply.path("data").path("username").asString();
		assertThat(username).startsWith("v-token-ap-readonly-");
		assertThat(this.http.post("auth/token/revoke-self", token, "{}").status()).isEqualTo(204);
		assertThat(this.database.userExists(username)).isFalse();
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void staticRoleRotatesAtCreationOnTheClockAndOnDemand() {
		this.database.createUser("app", "initial-secret");
		VaultHttp.Reply created = this.http.post("database/static-roles/static-app", "root",
				"{\"db_name\":\"h2\",\"username\":\"app\",\"rotation_period\":\"1h\"}");
		assertThat(created.status()).isEqualTo(204);
		assertThat(this.database.canLogIn("app", "initial-secret")).isFalse();
		JsonNode role = this.http.get("database/static-roles/static-app", "root").data();
		assertThat(role.path("username").asString()).isEqualTo("app");
		assertThat(role.path("rotation_period").asLong()).isEqualTo(3600);
		assertThat(role.path("db_name").asString()).isEqualTo("h2");
		assertThat(role.path("credential_type").asString()).isEqualTo("password");
		assertThat(role.path("rotation_statements").toString()).isEqualTo("[]");
		assertThat(role.path("last_vault_rotation").asString()).isNotEmpty();
		VaultHttp.Reply creds = this.http.get("database/static-creds/static-app", "root");
		assertThat(creds.json().path("lease_id").asString()).isEmpty();
		assertThat(creds.json().path("lease_duration").asLong()).isZero();
		JsonNode first = creds.data();
		assertThat(first.path("username").asString()).isEqualTo("app");
		assertThat(first.path("ttl").asLong()).isEqualTo(3600);
		assertThat(first.path("rotation_period").asLong()).isEqualTo(3600);
		String firstPassword = first.path("password").asString();
		assertThat(this.database.canLogIn("app", firstPassword)).isTrue();
		this.server.clock().advance(Duration.ofMinutes(20));
		assertThat(this.http.get("database/static-creds/static-app", "root").data().path("ttl").asLong())
			.isEqualTo(2400);
		this.server.clock().advance(Duration.ofMinutes(40));
		String secondPassword = this.http.get("database/static-creds/static-app", "root").data().path("password")
			.asString();
		assertThat(secondPassword).isNotEqualTo(firstPassword);
		assertThat(this.database.canLogIn("app", firstPassword)).isFalse();
		assertThat(this.database.canLogIn("app", secondPassword)).isTrue();
		assertThat(this.http.post("database/rotate-role/static-app", "root", "{}").status()).isEqualTo(204);
		JsonNode third = this.http.get("database/static-creds/static-app", "root").data();
		assertThat(third.path("ttl").asLong()).isEqualTo(3600);
		assertThat(this.database.canLogIn("app", secondPassword)).isFalse();
		assertThat(this.database.canLogIn("app", third.path("password").asString())).isTrue();
		assertThat(this.server.leases()).isEmpty();
		assertThat(this.http.list("database/static-roles", "root").data().path("keys").toString())
			.isEqualTo("[\"static-app\"]");
	}

	@Test
	void staticRoleUpdateKeepsThePassword() {
		this.database.createUser("app", "initial-secret");
		this.http.post("database/static-roles/static-app", "root",
				"{\"db_name\":\"h2\",\"username\":\"app\",\"rotation_period\":\"1h\"}");
		String password = this.http.get("database/static-creds/static-app", "root").data().path("password").asString();
		VaultHttp.Reply renamed = this.http.post("database/static-roles/static-app", "root",
				"{\"username\":\"other\",\"rotation_period\":\"2h\"}");
		assertThat(renamed.status()).isEqualTo(400);
		assertThat(renamed.firstError()).isEqualTo("cannot update static account username");
		assertThat(this.http.post("database/static-roles/static-app", "root",
				"{\"username\":\"app\",\"rotation_period\":\"2h\"}").status()).isEqualTo(204);
		JsonNode creds = this.http.get("database/static-creds/static-app", "root").data();
		assertThat(creds.path("password").asString()).isEqualTo(password);
		assertThat(creds.path("ttl").asLong()).isEqualTo(7200);
	}

	@Test
	void rotateRootGivesTheConfiguredUserAPasswordOnlyTheEngineKnows() {
		assertThat(this.http.post("database/rotate-root/h2", "root", "{}").status()).isEqualTo(204);
		assertThat(this.database.canLogIn(H2TestDatabase.VAULT_USER, this.database.vaultPassword())).isFalse();
		assertThat(this.http.get("database/config/h2", "root").text()).doesNotContain("\"password\"");
		JsonNode reply = creds("root");
		assertThat(this.database.canLogIn(reply.path("data").path("username").asString(),
				reply.path("data").path("password").asString())).isTrue();
	}

	@Test
	void resetReconnects() {
		assertThat(this.http.post("database/reset/h2", "root", "{}").status()).isEqualTo(204);
		creds("root");
	}

	@Test
	void theRequestLogNeverHoldsPasswordsAndFaultsHitDatabasePaths() {
		JsonNode reply = creds("root");
		String password = reply.path("data").path("password").asString();
		assertThat(this.server.requestLog().entries().toString()).doesNotContain(password)
			.doesNotContain(this.database.vaultPassword());
		assertThat(this.server.requestLog().count("GET", "database/creds/readonly")).isEqualTo(1);
		this.server.faults().failMatching("database/creds/.*", 1, 500, "internal error");
		VaultHttp.Reply failed = this.http.get("database/creds/readonly", "root");
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.firstError()).isEqualTo("internal error");
		assertThat(this.server.leases()).hasSize(1);
		assertThat(this.server.requestLog().count((entry) -> entry.path().equals("database/creds/readonly")
				&& entry.status() == 500)).isEqualTo(1);
	}

	@Test
	void unmountDropsTheUsersOfItsLeases() {
		String username = creds("root").path("data").path("username").asString();
		assertThat(this.http.delete("sys/mounts/database", "root").status()).isEqualTo(204);
		assertThat(this.database.userExists(username)).isFalse();
	}

	@Test
	void theMountIsListedAsADatabaseEngine() {
		JsonNode mount = this.http.get("sys/mounts/database", "root").data();
		assertThat(mount.path("type").asString()).isEqualTo("database");
		assertThat(mount.path("running_plugin_version").asString()).endsWith("+builtin.vault");
	}

}
