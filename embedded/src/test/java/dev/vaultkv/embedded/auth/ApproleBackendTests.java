package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.util.List;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.TokenSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static dev.vaultkv.embedded.auth.TestMountContext.json;
import static org.assertj.core.api.Assertions.assertThat;

class ApproleBackendTests {

	private final TestMountContext context = new TestMountContext("auth/approle/", "approle");

	private final Backend backend = new ApproleBackendFactory().create(this.context);

	@Test
	void roleCrudAndList() {
		assertThat(this.backend.exists(this.context.request("POST", "role/App", null))).isFalse();
		ApiResponse write = call("POST", "role/App", """
				{"token_policies":"b,a","token_ttl":"20m","token_max_ttl":3600,"secret_id_num_uses":3,
				 "secret_id_ttl":"10m","token_type":"service"}""");
		assertThat(write.getStatus()).isEqualTo(204);
		assertThat(this.backend.exists(this.context.request("POST", "role/app", null))).isTrue();
		ObjectNode data = call("GET", "role/app", null).getData();
		assertThat(data.get("token_policies").toString()).isEqualTo("[\"a\",\"b\"]");
		assertThat(data.get("policies").toString()).isEqualTo("[\"a\",\"b\"]");
		assertThat(data.get("token_ttl").asLong()).isEqualTo(1200);
		assertThat(data.get("token_max_ttl").asLong()).isEqualTo(3600);
		assertThat(data.get("secret_id_ttl").asLong()).isEqualTo(600);
		assertThat(data.get("secret_id_num_uses").asInt()).isEqualTo(3);
		assertThat(data.get("bind_secret_id").asBoolean()).isTrue();
		assertThat(data.get("token_type").asString()).isEqualTo("service");
		assertThat(call("LIST", "role", null).getData().get("keys").toString()).isEqualTo("[\"app\"]");
		assertThat(call("DELETE", "role/app", null).getStatus()).isEqualTo(204);
		assertThat(call("GET", "role/app", null).getStatus()).isEqualTo(404);
		assertThat(call("LIST", "role", null).getStatus()).isEqualTo(404);
	}

	@Test
	void roleValidationErrors() {
		assertError(call("POST", "role/a", "{\"token_ttl\":7200,\"token_max_ttl\":3600}"), 400,
				"'token_ttl' cannot be greater than 'token_max_ttl'");
		assertError(call("POST", "role/a", "{\"secret_id_num_uses\":-1}"), 400,
				"secret_id_num_uses cannot be negative");
		assertError(call("POST", "role/a", "{\"bind_secret_id\":false}"), 500,
				"at least one constraint should be enabled on the role");
		assertError(call("POST", "role/a", "{\"token_type\":\"weird\"}"), 400,
				"invalid 'token_type' value \"weird\"");
		assertError(call("POST", "role/a", "{\"token_ttl\":\"ten minutes\"}"), 400, "Field validation failed");
		assertThat(call("GET", "role/a", null).getStatus()).isEqualTo(404);
		ApiResponse capped = call("POST", "role/a", "{\"token_max_ttl\":\"10000h\"}");
		assertThat(capped.getStatus()).isEqualTo(200);
		assertThat(capped.getWarnings()).singleElement().asString().contains("token_max_ttl is greater");
		ApiResponse defaultService = call("POST", "role/b", "{\"token_type\":\"default-service\"}");
		assertThat(defaultService.getWarnings()).containsExactly("default-service has no useful meaning; adjusting to service");
	}

	@Test
	void roleIdReadAndUpdate() {
		call("POST", "role/app", "{}");
		String roleId = call("GET", "role/app/role-id", null).getData().get("role_id").asString();
		assertThat(roleId).hasSize(36);
		assertThat(call("POST", "role/app/role-id", "{\"role_id\":\"custom-id\"}").getStatus()).isEqualTo(204);
		assertThat(call("GET", "role/app/role-id", null).getData().get("role_id").asString()).isEqualTo("custom-id");
		call("POST", "role/other", "{}");
		assertError(call("POST", "role/other/role-id", "{\"role_id\":\"custom-id\"}"), 500, "role_id already in use");
		assertThat(call("GET", "role/missing/role-id", null).getStatus()).isEqualTo(404);
	}

	@Test
	void loginWithSecretIdIssuesTokenWithRoleSettings() {
		call("POST", "role/app", """
				{"token_policies":["app"],"token_ttl":"20m","token_max_ttl":"1h","token_num_uses":4,
				 "token_period":0,"token_no_default_policy":true,"token_explicit_max_ttl":"2h"}""");
		String roleId = roleId("app");
		ObjectNode secret = call("POST", "role/app/secret-id", "{\"metadata\":\"{\\\"env\\\":\\\"dev\\\"}\"}")
			.getData();
		assertThat(secret.get("secret_id_num_uses").asInt()).isZero();
		assertThat(secret.get("secret_id_ttl").asLong()).isZero();
		ApiResponse login = login(roleId, secret.get("secret_id").asString());
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsEntry("role_name", "app").containsEntry("env", "dev");
		TokenSpec spec = this.context.lastIssued();
		assertThat(spec.policies()).containsExactly("app");
		assertThat(spec.ttl()).isEqualTo(Duration.ofMinutes(20));
		assertThat(spec.maxTtl()).isEqualTo(Duration.ofHours(1));
		assertThat(spec.explicitMaxTtl()).isEqualTo(Duration.ofHours(2));
		assertThat(spec.period()).isNull();
		assertThat(spec.numUses()).isEqualTo(4);
		assertThat(spec.noDefaultPolicy()).isTrue();
		assertThat(spec.orphan()).isTrue();
		assertThat(spec.tokenType()).isEqualTo("service");
		assertThat(spec.path()).isEqualTo("auth/approle/login");
		assertThat(spec.displayName()).isEqualTo("approle");
	}

	@Test
	void loginErrors() {
		call("POST", "role/app", "{}");
		assertError(call("POST", "login", "{}"), 400, "missing role_id");
		assertError(call("POST", "login", "{\"role_id\":\"nope\",\"secret_id\":\"x\"}"), 400,
				"invalid role or secret ID");
		assertError(call("POST", "login", "{\"role_id\":\"" + roleId("app") + "\"}"), 400, "missing secret_id");
		assertError(login(roleId("app"), "not-a-secret"), 400, "invalid role or secret ID");
		assertThat(this.backend.isUnauthenticated(this.context.request("POST", "login", null))).isTrue();
		assertThat(this.backend.isUnauthenticated(this.context.request("POST", "role/app", null))).isFalse();
	}

	@Test
	void singleUseSecretIdFailsTheSecondLogin() {
		call("POST", "role/app", "{\"secret_id_num_uses\":5}");
		String secretId = call("POST", "role/app/secret-id", "{\"num_uses\":1}").getData().get("secret_id").asString();
		assertThat(login(roleId("app"), secretId).getStatus()).isEqualTo(200);
		assertError(login(roleId("app"), secretId), 400, "invalid role or secret ID");
	}

	@Test
	void secretIdLimitsFollowTheRole() {
		call("POST", "role/app", "{\"secret_id_num_uses\":2,\"secret_id_ttl\":\"10m\"}");
		assertError(call("POST", "role/app/secret-id", "{\"num_uses\":3}"), 400,
				"num_uses cannot be higher than the role's secret_id_num_uses");
		assertError(call("POST", "role/app/secret-id", "{\"num_uses\":0}"), 400,
				"num_uses cannot be higher than the role's secret_id_num_uses");
		assertError(call("POST", "role/app/secret-id", "{\"num_uses\":-1}"), 400, "num_uses cannot be negative");
		assertError(call("POST", "role/app/secret-id", "{\"ttl\":\"11m\"}"), 400,
				"ttl cannot be longer than the role's secret_id_ttl");
		assertError(call("POST", "role/app/secret-id", "{\"metadata\":\"{\\\"n\\\":1}\"}"), 400,
				"failed to parse metadata");
		assertError(call("POST", "role/nope/secret-id", "{}"), 404, "role \"nope\" does not exist");
		ObjectNode secret = call("POST", "role/app/secret-id", "{\"ttl\":\"5m\",\"cidr_list\":\"10.0.0.0/8\"}")
			.getData();
		assertThat(secret.get("secret_id_ttl").asLong()).isEqualTo(300);
		assertThat(secret.get("secret_id_num_uses").asInt()).isEqualTo(2);
		this.context.advance(Duration.ofMinutes(5));
		assertError(login(roleId("app"), secret.get("secret_id").asString()), 400, "invalid role or secret ID");
	}

	@Test
	void secretIdLookupListAndDestroy() {
		call("POST", "role/app", "{}");
		ApiResponse created = call("POST", "role/app/secret-id", "{\"metadata\":\"team=pay,env=dev\"}");
		String secretId = created.getData().get("secret_id").asString();
		String accessor = created.getData().get("secret_id_accessor").asString();
		assertThat(created.getWrappedAccessor()).isEqualTo(accessor);
		ObjectNode lookup = call("POST", "role/app/secret-id/lookup", "{\"secret_id\":\"" + secretId + "\"}")
			.getData();
		assertThat(lookup.get("secret_id_accessor").asString()).isEqualTo(accessor);
		assertThat(lookup.get("expiration_time").asString()).isEqualTo("0001-01-01T00:00:00Z");
		assertThat(lookup.get("creation_time").asString()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(lookup.get("metadata").get("team").asString()).isEqualTo("pay");
		assertThat(lookup.toString()).doesNotContain(secretId);
		assertThat(call("LIST", "role/app/secret-id", null).getData().get("keys").toString())
			.isEqualTo("[\"" + accessor + "\"]");
		assertThat(call("POST", "role/app/secret-id-accessor/lookup",
				"{\"secret_id_accessor\":\"" + accessor + "\"}").getData().get("secret_id_num_uses").asInt())
			.isZero();
		assertThat(call("POST", "role/app/secret-id/destroy", "{\"secret_id\":\"" + secretId + "\"}").getStatus())
			.isEqualTo(204);
		assertThat(call("POST", "role/app/secret-id/lookup", "{\"secret_id\":\"" + secretId + "\"}").getStatus())
			.isEqualTo(204);
		assertError(login(roleId("app"), secretId), 400, "invalid role or secret ID");
		assertError(call("POST", "role/app/secret-id-accessor/lookup", "{\"secret_id_accessor\":\"" + accessor + "\"}"),
				404, "failed to find accessor entry for secret_id_accessor");
		assertThat(call("LIST", "role/app/secret-id", null).getStatus()).isEqualTo(404);
	}

	@Test
	void destroyByAccessorAndCustomSecretId() {
		call("POST", "role/app", "{}");
		ApiResponse custom = call("POST", "role/app/custom-secret-id", "{\"secret_id\":\"my-secret\"}");
		assertThat(custom.getData().get("secret_id").asString()).isEqualTo("my-secret");
		assertError(call("POST", "role/app/custom-secret-id", "{\"secret_id\":\"my-secret\"}"), 500,
				"SecretID is already registered");
		assertThat(login(roleId("app"), "my-secret").getStatus()).isEqualTo(200);
		String accessor = custom.getData().get("secret_id_accessor").asString();
		assertThat(call("POST", "role/app/secret-id-accessor/destroy", "{\"secret_id_accessor\":\"" + accessor + "\"}")
			.getStatus()).isEqualTo(204);
		assertError(login(roleId("app"), "my-secret"), 400, "invalid role or secret ID");
	}

	@Test
	void roleWithoutSecretIdBindingNeedsACidrAndLogsInWithRoleIdOnly() {
		call("POST", "role/open", "{\"bind_secret_id\":false,\"secret_id_bound_cidrs\":\"127.0.0.1/32\"}");
		assertError(call("POST", "role/open/secret-id", "{}"), 400, "bind_secret_id is not set on the role");
		ApiResponse login = call("POST", "login", "{\"role_id\":\"" + roleId("open") + "\"}");
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsOnlyKeys("role_name");
	}

	@Test
	void cidrRestrictionsApplyToTheLoopbackCaller() {
		call("POST", "role/far", "{\"secret_id_bound_cidrs\":\"10.0.0.0/8\"}");
		String farSecret = call("POST", "role/far/secret-id", "{}").getData().get("secret_id").asString();
		assertError(login(roleId("far"), farSecret), 400,
				"source address \"127.0.0.1\" unauthorized by CIDR restrictions on the role");
		call("POST", "role/near", "{\"secret_id_bound_cidrs\":\"127.0.0.0/8\"}");
		assertError(call("POST", "role/near/secret-id", "{\"cidr_list\":\"10.0.0.0/8\"}"), 500,
				"failed to verify subset relationship");
		String nearSecret = call("POST", "role/near/secret-id", "{\"cidr_list\":\"127.0.0.1/32\"}").getData()
			.get("secret_id").asString();
		assertThat(login(roleId("near"), nearSecret).getStatus()).isEqualTo(200);
		call("POST", "role/open", "{}");
		String boundSecret = call("POST", "role/open/secret-id", "{\"cidr_list\":\"192.168.0.0/16\"}").getData()
			.get("secret_id").asString();
		assertError(login(roleId("open"), boundSecret), 400,
				"source address \"127.0.0.1\" unauthorized through CIDR restrictions on the secret ID");
	}

	@Test
	void deletingTheRoleRemovesItsSecretIds() {
		call("POST", "role/app", "{\"role_id\":\"fixed\"}");
		String secretId = call("POST", "role/app/secret-id", "{}").getData().get("secret_id").asString();
		call("DELETE", "role/app", null);
		call("POST", "role/app", "{\"role_id\":\"fixed\"}");
		assertError(login("fixed", secretId), 400, "invalid role or secret ID");
	}

	@Test
	void singleSettingEndpoints() {
		call("POST", "role/app", "{\"token_policies\":\"a\",\"secret_id_num_uses\":3}");
		assertThat(call("GET", "role/app/policies", null).getData().toString())
			.isEqualTo("{\"token_policies\":[\"a\"],\"policies\":[\"a\"]}");
		assertThat(call("POST", "role/app/policies", "{\"policies\":\"b,c\"}").getStatus()).isEqualTo(204);
		assertThat(call("GET", "role/app", null).getData().get("token_policies").toString())
			.isEqualTo("[\"b\",\"c\"]");
		assertThat(call("GET", "role/app/secret-id-num-uses", null).getData().get("secret_id_num_uses").asInt())
			.isEqualTo(3);
		assertError(call("POST", "role/app/secret-id-num-uses", "{\"secret_id_num_uses\":-2}"), 400,
				"secret_id_num_uses cannot be negative");
		assertError(call("POST", "role/app/token-ttl", "{}"), 400, "missing token_ttl");
		assertThat(call("POST", "role/app/token-ttl", "{\"token_ttl\":\"5m\"}").getStatus()).isEqualTo(204);
		assertThat(call("GET", "role/app/token-ttl", null).getData().get("token_ttl").asLong()).isEqualTo(300);
		assertThat(call("DELETE", "role/app/token-ttl", null).getStatus()).isEqualTo(204);
		assertThat(call("GET", "role/app/token-ttl", null).getData().get("token_ttl").asLong()).isZero();
		assertThat(call("DELETE", "role/app/policies", null).getStatus()).isEqualTo(204);
		assertThat(call("GET", "role/app", null).getData().get("token_policies")).isEmpty();
		assertThat(call("GET", "role/missing/token-ttl", null).getStatus()).isEqualTo(404);
		assertError(call("POST", "role/app/local-secret-ids", "{}"), 405, "unsupported operation");
	}

	@Test
	void unknownPathsAndOperations() {
		assertError(call("POST", "nope", "{}"), 404, "unsupported path");
		assertError(call("GET", "login", null), 405, "unsupported operation");
	}

	private String roleId(String role) {
		return call("GET", "role/" + role + "/role-id", null).getData().get("role_id").asString();
	}

	private ApiResponse login(String roleId, String secretId) {
		return call("POST", "login", "{\"role_id\":\"" + roleId + "\",\"secret_id\":\"" + secretId + "\"}");
	}

	private ApiResponse call(String method, String subPath, String body) {
		return this.backend.handle(this.context.request(method, subPath, (body != null) ? json(body) : null));
	}

	static void assertError(ApiResponse response, int status, String message) {
		assertThat(response.getStatus()).isEqualTo(status);
		List<String> errors = response.getErrors();
		assertThat(errors).singleElement().asString().contains(message);
	}

}
