package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static dev.vaultkv.embedded.auth.ApproleBackendTests.assertError;
import static dev.vaultkv.embedded.auth.TestMountContext.json;
import static org.assertj.core.api.Assertions.assertThat;

class UserpassBackendTests {

	private final TestMountContext context = new TestMountContext("auth/userpass/", "userpass");

	private final Backend backend = new UserpassBackendFactory().create(this.context);

	@Test
	void userCrudNeverRevealsThePassword() {
		assertThat(call("POST", "users/Alice", "{\"password\":\"s3cret\",\"token_policies\":\"dev\"}").getStatus())
			.isEqualTo(204);
		ObjectNode data = call("GET", "users/alice", null).getData();
		assertThat(data.get("token_policies").toString()).isEqualTo("[\"dev\"]");
		assertThat(data.toString()).doesNotContain("s3cret").doesNotContain("password");
		assertThat(call("LIST", "users", null).getData().get("keys").toString()).isEqualTo("[\"alice\"]");
		assertThat(call("DELETE", "users/ALICE", null).getStatus()).isEqualTo(204);
		assertThat(call("GET", "users/alice", null).getStatus()).isEqualTo(404);
	}

	@Test
	void createRequiresAPassword() {
		assertError(call("POST", "users/bob", "{\"token_policies\":\"dev\"}"), 400,
				"must provide either password or password_hash");
		call("POST", "users/bob", "{\"password\":\"one\"}");
		assertThat(call("POST", "users/bob", "{\"token_policies\":\"ops\"}").getStatus()).isEqualTo(204);
		assertThat(login("bob", "one").getStatus()).isEqualTo(200);
	}

	@Test
	void loginLowerCasesTheUsername() {
		call("POST", "users/alice", "{\"password\":\"s3cret\",\"token_policies\":\"dev\",\"token_ttl\":\"1h\"}");
		ApiResponse login = login("ALICE", "s3cret");
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsExactlyEntriesOf(java.util.Map.of("username", "alice"));
		assertThat(this.context.lastIssued().displayName()).isEqualTo("userpass-alice");
		assertThat(this.context.lastIssued().ttl()).hasHours(1);
		assertThat(this.context.lastIssued().path()).isEqualTo("auth/userpass/login/ALICE");
		assertThat(this.backend.isUnauthenticated(this.context.request("POST", "login/alice", null))).isTrue();
	}

	@Test
	void wrongPasswordOrUnknownUserFailsAlike() {
		call("POST", "users/alice", "{\"password\":\"s3cret\"}");
		assertError(login("alice", "wrong"), 400, "invalid username or password");
		assertError(login("nobody", "s3cret"), 400, "invalid username or password");
		assertError(call("POST", "login/alice", "{}"), 500, "missing password");
	}

	@Test
	void tokenBoundCidrsRefuseCallersOutsideThem() {
		call("POST", "users/far", "{\"password\":\"pw\",\"token_bound_cidrs\":\"10.0.0.0/8\"}");
		assertError(login("far", "pw"), 403, "permission denied");
		call("POST", "users/near", "{\"password\":\"pw\",\"token_bound_cidrs\":[\"10.0.0.0/8\",\"127.0.0.1\"]}");
		assertThat(login("near", "pw").getStatus()).isEqualTo(200);
	}

	@Test
	void passwordCanBeChanged() {
		call("POST", "users/alice", "{\"password\":\"old\"}");
		assertThat(call("POST", "users/alice/password", "{\"password\":\"new\"}").getStatus()).isEqualTo(204);
		assertError(login("alice", "old"), 400, "invalid username or password");
		assertThat(login("alice", "new").getStatus()).isEqualTo(200);
		assertError(call("POST", "users/ghost/password", "{\"password\":\"x\"}"), 500, "username does not exist");
	}

	private ApiResponse login(String user, String password) {
		return call("POST", "login/" + user, "{\"password\":\"" + password + "\"}");
	}

	private ApiResponse call(String method, String subPath, String body) {
		return this.backend.handle(this.context.request(method, subPath, (body != null) ? json(body) : null));
	}

}
