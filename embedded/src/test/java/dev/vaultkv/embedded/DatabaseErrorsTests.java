package dev.vaultkv.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database engine's errors, with Vault's status codes and texts: from {@code path_creds_create.go}
 * ({@code unknown role}, {@code is not an allowed role}), {@code path_config_connection.go}
 * ({@code error creating database object}, {@code empty plugin name}), {@code path_roles.go} and the
 * plugins.
 */
class DatabaseErrorsTests {

	private static final String READONLY = "{\"db_name\":\"h2\",\"creation_statements\":"
			+ "[\"CREATE USER \\\"{{name}}\\\" PASSWORD '{{password}}'\"]}";

	private H2TestDatabase database;

	private EmbeddedVaultServer server;

	private VaultHttp http;

	@BeforeEach
	void start() {
		this.database = new H2TestDatabase();
		this.server = EmbeddedVaultServer.builder().mount("database", "database").start();
		this.http = new VaultHttp(this.server.getAddress());
		this.http.post("database/config/h2", "root", this.database.configJson("readonly,broken"));
		this.http.post("database/roles/readonly", "root", READONLY);
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.database.close();
	}

	@Test
	void unknownRole() {
		VaultHttp.Reply creds = this.http.get("database/creds/nope", "root");
		assertThat(creds.status()).isEqualTo(400);
		assertThat(creds.firstError()).isEqualTo("unknown role: nope");
		VaultHttp.Reply staticCreds = this.http.get("database/static-creds/nope", "root");
		assertThat(staticCreds.status()).isEqualTo(400);
		assertThat(staticCreds.firstError()).isEqualTo("unknown role: nope");
		VaultHttp.Reply rotate = this.http.post("database/rotate-role/nope", "root", "{}");
		assertThat(rotate.status()).isEqualTo(400);
		assertThat(rotate.firstError()).isEqualTo("no static role found for role name");
	}

	@Test
	void roleNotAllowedByTheConnection() {
		this.http.post("database/roles/other", "root", READONLY);
		VaultHttp.Reply creds = this.http.get("database/creds/other", "root");
		assertThat(creds.status()).isEqualTo(500);
		assertThat(creds.firstError()).isEqualTo("1 error occurred:\n\t* \"other\" is not an allowed role\n\n");
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void failingCreationStatementLeavesNoUserBehind() {
		this.http.post("database/roles/broken", "root", "{\"db_name\":\"h2\",\"creation_statements\":"
				+ "[\"CREATE USER \\\"{{name}}\\\" PASSWORD '{{password}}'\",\"GRANT NOTHING TO \\\"{{name}}\\\"\"]}");
		int users = this.database.users().size();
		VaultHttp.Reply creds = this.http.get("database/creds/broken", "root");
		assertThat(creds.status()).isEqualTo(500);
		assertThat(creds.firstError()).startsWith("1 error occurred:\n\t* failed to execute query: ")
			.endsWith("\n\n");
		assertThat(this.database.users()).hasSize(users);
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void connectionThatCannotBeOpenedIsRefusedOnWrite() {
		VaultHttp.Reply wrongPassword = this.http.post("database/config/bad", "root",
				"{\"plugin_name\":\"h2-database-plugin\",\"connection_url\":\"" + this.database.templatedUrl()
						+ "\",\"username\":\"vault\",\"password\":\"wrong-secret\"}");
		assertThat(wrongPassword.status()).isEqualTo(400);
		assertThat(wrongPassword.firstError())
			.startsWith("error creating database object: error verifying connection: Wrong user name or password")
			.doesNotContain("wrong-secret");
		int port = closedPort();
		VaultHttp.Reply unreachable = this.http.post("database/config/pg", "root",
				"{\"plugin_name\":\"postgresql-database-plugin\",\"connection_url\":"
						+ "\"postgresql://{{username}}:{{password}}@127.0.0.1:" + port
						+ "/postgres?sslmode=disable\",\"username\":\"postgres\",\"password\":\"s3cr3t-pw\"}");
		assertThat(unreachable.status()).isEqualTo(400);
		assertThat(unreachable.firstError()).startsWith("error creating database object: error verifying connection: ")
			.doesNotContain("s3cr3t-pw");
		VaultHttp.Reply mysql = this.http.post("database/config/my", "root",
				"{\"plugin_name\":\"mysql-database-plugin\",\"connection_url\":\"{{username}}:{{password}}@tcp(127.0.0.1:"
						+ port + ")/\",\"username\":\"root\",\"password\":\"s3cr3t-pw\"}");
		assertThat(mysql.firstError()).startsWith("error creating database object: error verifying - ping: ")
			.doesNotContain("s3cr3t-pw");
		assertThat(this.http.get("database/config/bad", "root").status()).isEqualTo(404);
		assertThat(this.http.post("database/config/lazy", "root",
				"{\"plugin_name\":\"postgresql-database-plugin\",\"verify_connection\":false,\"connection_url\":"
						+ "\"postgresql://127.0.0.1:" + port + "/postgres\",\"allowed_roles\":\"*\"}")
			.status()).isEqualTo(204);
	}

	@Test
	void badConnectionConfigurations() {
		assertThat(this.http.post("database/config/x", "root", "{\"connection_url\":\"jdbc:h2:mem:x\"}").firstError())
			.isEqualTo("empty plugin name");
		assertThat(this.http.post("database/config/x", "root", "{\"plugin_name\":\"oracle-database-plugin\"}")
			.firstError()).isEqualTo("error creating database object: invalid database version: 2 errors occurred:\n\t"
					+ "* plugin not found in the catalog: oracle-database-plugin\n\t"
					+ "* plugin not found in the catalog: oracle-database-plugin\n\n");
		assertThat(this.http.post("database/config/x", "root", "{\"plugin_name\":\"postgresql-database-plugin\"}")
			.firstError()).isEqualTo("error creating database object: connection_url cannot be empty");
		assertThat(this.http.post("database/config/x", "root",
				"{\"plugin_name\":\"postgresql-database-plugin\",\"connection_url\":\"postgresql://h/db\","
						+ "\"password_authentication\":\"md5\",\"verify_connection\":false}")
			.firstError()).isEqualTo("error creating database object: 'md5' is not a valid password authentication type");
		assertThat(this.http.post("database/config/x", "root",
				"{\"plugin_name\":\"mysql-database-plugin\",\"connection_url\":\"root@tcp(127.0.0.1:3306)\","
						+ "\"verify_connection\":false}")
			.firstError()).isEqualTo(
					"error creating database object: invalid DSN: missing the slash separating the database name");
	}

	@Test
	void passwordInTheConnectionUrlIsRedactedAndWarnedAbout() {
		VaultHttp.Reply written = this.http.post("database/config/pg", "root",
				"{\"plugin_name\":\"postgresql-database-plugin\",\"verify_connection\":false,"
						+ "\"connection_url\":\"postgresql://app:hunter2@127.0.0.1:5432/postgres\"}");
		assertThat(written.status()).isEqualTo(200);
		assertThat(written.json().path("warnings").path(0).asString()).isEqualTo("Password found in connection_url, "
				+ "use a templated url to enable root rotation and prevent read access to password information.");
		assertThat(this.http.get("database/config/pg", "root").data().path("connection_details").path("connection_url")
			.asString()).isEqualTo("postgresql://app:xxxxx@127.0.0.1:5432/postgres");
	}

	@Test
	void roleValidation() {
		assertThat(this.http.post("database/roles/r", "root", "{}").firstError()).isEqualTo("database name is required");
		assertThat(this.http.post("database/roles/r", "root", "{\"db_name\":\"h2\",\"credential_type\":\"token\"}")
			.firstError()).isEqualTo("invalid credential_type \"token\"");
		assertThat(this.http.post("database/roles/r", "root", "{\"db_name\":\"h2\",\"default_ttl\":\"soon\"}")
			.firstError()).isEqualTo("Field validation failed: error converting input soon for field \"default_ttl\": "
					+ "time: invalid duration \"soon\"");
		assertThat(this.http.post("database/static-roles/readonly", "root",
				"{\"db_name\":\"h2\",\"username\":\"app\",\"rotation_period\":60}").firstError())
			.isEqualTo("Role and Static Role names must be unique");
		assertThat(this.http.post("database/static-roles/s", "root", "{\"username\":\"app\"}").firstError())
			.isEqualTo("database name is a required field");
		assertThat(this.http.post("database/static-roles/s", "root", "{\"db_name\":\"h2\"}").firstError())
			.isEqualTo("username is a required field to create a static account");
		assertThat(this.http.post("database/static-roles/s", "root", "{\"db_name\":\"h2\",\"username\":\"app\"}")
			.firstError()).isEqualTo("rotation_period is required to create static accounts");
		assertThat(this.http.post("database/static-roles/s", "root",
				"{\"db_name\":\"h2\",\"username\":\"app\",\"rotation_period\":\"4s\"}").firstError())
			.isEqualTo("rotation_period must be 5 seconds or more");
	}

	@Test
	void staticRoleForAMissingUserIsNotCreated() {
		VaultHttp.Reply created = this.http.post("database/static-roles/ghost", "root",
				"{\"db_name\":\"h2\",\"username\":\"ghost\",\"rotation_period\":\"1h\"}");
		assertThat(created.status()).isEqualTo(500);
		assertThat(created.firstError()).isEqualTo("1 error occurred:\n\t* \"ghost\" is not an allowed role\n\n");
		this.http.post("database/config/h2", "root", "{\"allowed_roles\":\"*\"}");
		VaultHttp.Reply missing = this.http.post("database/static-roles/ghost", "root",
				"{\"db_name\":\"h2\",\"username\":\"ghost\",\"rotation_period\":\"1h\"}");
		assertThat(missing.status()).isEqualTo(500);
		assertThat(missing.firstError()).isEqualTo(
				"1 error occurred:\n\t* error setting credentials: failed to execute query: User \"ghost\" not found\n\n");
		assertThat(this.http.get("database/static-roles/ghost", "root").status()).isEqualTo(404);
	}

	@Test
	void credentialsOfAConnectionThatIsGone() {
		this.http.delete("database/config/h2", "root");
		VaultHttp.Reply creds = this.http.get("database/creds/readonly", "root");
		assertThat(creds.status()).isEqualTo(500);
		assertThat(creds.firstError())
			.isEqualTo("1 error occurred:\n\t* failed to find entry for connection with name: \"h2\"\n\n");
		assertThat(this.http.post("database/reset/h2", "root", "{}").firstError())
			.isEqualTo("1 error occurred:\n\t* failed to find entry for connection with name: \"h2\"\n\n");
	}

	@Test
	void unsupportedCredentialTypeAndPasswordPolicy() {
		this.http.post("database/roles/readonly", "root", "{\"credential_type\":\"rsa_private_key\"}");
		assertThat(this.http.get("database/creds/readonly", "root").firstError())
			.isEqualTo("unsupported credential_type: \"rsa_private_key\"");
		this.http.post("database/roles/readonly", "root",
				"{\"credential_type\":\"password\",\"credential_config\":{\"password_policy\":\"strong\"}}");
		assertThat(this.http.get("database/creds/readonly", "root").firstError())
			.isEqualTo("1 error occurred:\n\t* failed to generate password: no password policy found\n\n");
	}

	@Test
	void unsupportedPathsAndOperations() {
		VaultHttp.Reply path = this.http.get("database/nothing/here", "root");
		assertThat(path.status()).isEqualTo(404);
		assertThat(path.firstError()).isEqualTo("1 error occurred:\n\t* unsupported path\n\n");
		VaultHttp.Reply operation = this.http.get("database/rotate-role/x", "root");
		assertThat(operation.status()).isEqualTo(405);
		assertThat(operation.firstError()).isEqualTo("1 error occurred:\n\t* unsupported operation\n\n");
		assertThat(this.http.post("database/creds/readonly", "root", "{}").status()).isEqualTo(405);
	}

	@Test
	void renewalAfterTheRoleIsDeleted() {
		String leaseId = this.http.get("database/creds/readonly", "root").json().path("lease_id").asString();
		this.http.delete("database/roles/readonly", "root");
		VaultHttp.Reply renew = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\"}")
			.send();
		assertThat(renew.status()).isEqualTo(400);
		assertThat(renew.firstError()).isEqualTo("failed to renew entry: resp: (*logical.Response)(nil) err: "
				+ "error during renew: could not find role with name \"readonly\"");
		// revocation falls back to what the lease recorded
		assertThat(this.http.call("PUT", "sys/leases/revoke").token("root").body("{\"lease_id\":\"" + leaseId + "\"}")
			.send()
			.status()).isEqualTo(204);
		assertThat(this.server.leases()).isEmpty();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
