package dev.vaultkv.sys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultRequest.Authentication;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.client.WrapInfo;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.ScriptedVaultClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SysTemplate}.
 */
class SysTemplateTests {

	private static final String WRAPPING_TOKEN = "hvs.CAESIWrappingTokenValue";

	private final ScriptedVaultClient client = new ScriptedVaultClient();

	private final SysTemplate sys = new SysTemplate(this.client);

	@AfterEach
	void verifyScript() {
		this.client.verify();
	}

	private ScriptedVaultClient.Exchange expectHealth() {
		return this.client.expect("GET", "sys/health")
			.authentication(Authentication.NONE)
			.query("standbyok", "true")
			.query("perfstandbyok", "true")
			.query("uninitcode", "299")
			.query("sealedcode", "299")
			.query("standbycode", "299")
			.query("drsecondarycode", "299")
			.query("performancestandbycode", "299")
			.query("haunhealthycode", "299")
			.query("removedcode", "299");
	}

	@Test
	void healthOfActiveNode() {
		expectHealth().ok("""
				{"initialized":true,"sealed":false,"standby":false,"performance_standby":false,
				 "replication_performance_mode":"disabled","replication_dr_mode":"disabled",
				 "server_time_utc":1714641247,"version":"1.17.2","enterprise":false,"cluster_name":"vault-cluster-1",
				 "cluster_id":"c1","echo_duration_ms":0,"clock_skew_ms":0}""");
		HealthStatus health = this.sys.health();
		assertThat(health).isEqualTo(new HealthStatus(true, false, false, false, "disabled", "disabled",
				Instant.ofEpochSecond(1714641247), "1.17.2", "vault-cluster-1", "c1", false, true));
		assertThat(health.isActive()).isTrue();
		assertThat(this.client.requests().get(0).getNamespace()).isEmpty();
	}

	@Test
	void healthOfSealedNodeIsParsedFrom299() {
		expectHealth().respond(299, """
				{"initialized":true,"sealed":true,"standby":true,"performance_standby":false,
				 "replication_performance_mode":"disabled","replication_dr_mode":"disabled",
				 "server_time_utc":1714641247,"version":"2.1.0"}""");
		HealthStatus health = this.sys.health();
		assertThat(health.sealed()).isTrue();
		assertThat(health.clusterId()).isNull();
		assertThat(health.isActive()).isFalse();
	}

	@Test
	void sealStatusOfVaultAndOpenBao() {
		this.client.expect("GET", "sys/seal-status").authentication(Authentication.NONE).ok("""
				{"type":"shamir","initialized":true,"sealed":false,"t":3,"n":5,"progress":0,"nonce":"",
				 "version":"1.17.2","build_date":"2024-07-05T15:19:12Z","migration":false,"cluster_name":"vc",
				 "cluster_id":"c1","recovery_seal":false,"storage_type":"raft"}""");
		this.client.expect("GET", "sys/seal-status").authentication(Authentication.NONE).ok("""
				{"type":"shamir","initialized":true,"sealed":true,"t":1,"n":1,"progress":0,"nonce":"",
				 "version":"2.1.0","commit_date":"2024-12-01T00:00:00Z","migration":false,"recovery_seal":false,
				 "storage_type":"inmem"}""");
		assertThat(this.sys.sealStatus()).isEqualTo(new SealStatus("shamir", true, false, 3, 5, 0, "", "1.17.2",
				"2024-07-05T15:19:12Z", false, false, "raft", "vc", "c1"));
		SealStatus openBao = this.sys.sealStatus();
		assertThat(openBao.sealed()).isTrue();
		assertThat(openBao.buildDate()).isEqualTo("2024-12-01T00:00:00Z");
		assertThat(openBao.clusterName()).isNull();
	}

	@Test
	void listMounts() {
		this.client.expect("GET", "sys/mounts").ok("""
				{"request_id":"1","data":{
				 "secret/":{"accessor":"kv_1","config":{"default_lease_ttl":0,"force_no_cache":false,"max_lease_ttl":0},
				  "description":"key/value secret storage","local":false,"options":{"version":"2"},"seal_wrap":false,
				  "type":"kv","uuid":"u1"},
				 "kv/":{"accessor":"kv_2","config":{"default_lease_ttl":3600,"max_lease_ttl":7200,"force_no_cache":true,
				  "listing_visibility":"unauth"},"description":"","local":true,"options":null,"seal_wrap":false,"type":"kv"},
				 "sys/":{"accessor":"system_1","config":{"default_lease_ttl":0,"max_lease_ttl":0},"description":"system",
				  "local":false,"options":null,"seal_wrap":true,"type":"system"}},
				 "secret/":{"type":"kv"},"request_id_dup":"x"}""");
		Map<String, MountInfo> mounts = this.sys.getMounts();
		assertThat(mounts).containsOnlyKeys("secret", "kv", "sys");
		assertThat(mounts.get("secret").kvVersion()).isEqualTo(KvVersion.V2);
		MountInfo kv = mounts.get("kv");
		assertThat(kv.kvVersion()).isEqualTo(KvVersion.V1);
		assertThat(kv.local()).isTrue();
		assertThat(kv.config()).isEqualTo(
				new MountConfig(Duration.ofHours(1), Duration.ofHours(2), true, "unauth", null));
		assertThat(mounts.get("sys").kvVersion()).isNull();
		assertThat(mounts.get("sys").sealWrap()).isTrue();
	}

	@Test
	void readMount() {
		this.client.expect("GET", "sys/mounts/secret").ok("""
				{"data":{"accessor":"kv_1","config":{"default_lease_ttl":0,"max_lease_ttl":0},"description":"d",
				 "local":false,"options":{"version":"2"},"seal_wrap":false,"type":"kv"}}""");
		this.client.expect("GET", "sys/mounts/none").respond(400, "{\"errors\":[\"No secret engine mount at none/\"]}");
		MountInfo mount = this.sys.getMount("/secret/");
		assertThat(mount).isNotNull();
		assertThat(mount.path()).isEqualTo("secret");
		assertThat(mount.description()).isEqualTo("d");
		assertThat(this.sys.getMount("none")).isNull();
	}

	@Test
	void enableKvVersion2Mount() {
		this.client.expect("POST", "sys/mounts/team/kv")
			.body("{\"type\":\"kv\",\"description\":\"team secrets\",\"config\":{\"max_lease_ttl\":\"3600s\"},"
					+ "\"options\":{\"version\":\"2\"}}")
			.noContent();
		this.sys.enableMount("team/kv",
				MountRequest.kv(KvVersion.V2).withDescription("team secrets").withLeaseTtls(null, Duration.ofHours(1)));
	}

	@Test
	void enableMountConflictPropagates() {
		this.client.expect("POST", "sys/mounts/secret")
			.body("{\"type\":\"kv\",\"options\":{\"version\":\"1\"}}")
			.respond(400, "{\"errors\":[\"path is already in use at secret/\"]}");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.sys.enableMount("secret", MountRequest.kv(KvVersion.V1)))
			.withMessageContaining("already in use");
	}

	@Test
	void disableMount() {
		this.client.expect("DELETE", "sys/mounts/secret").noContent();
		this.sys.disableMount("secret");
	}

	@Test
	void readAndWriteTune() {
		this.client.expect("GET", "sys/mounts/kv/tune").ok("""
				{"data":{"default_lease_ttl":2764800,"max_lease_ttl":2764800,"force_no_cache":false,"description":"",
				 "options":{"version":"1"}},"default_lease_ttl":2764800}""");
		this.client.expect("POST", "sys/mounts/kv/tune")
			.body("{\"default_lease_ttl\":\"60s\",\"options\":{\"version\":\"2\"}}")
			.noContent();
		assertThat(this.sys.readMountTune("kv"))
			.isEqualTo(new MountTune(Duration.ofSeconds(2764800), Duration.ofSeconds(2764800), "", Map.of("version", "1")));
		this.sys.tuneMount("kv",
				MountTune.empty().withLeaseTtls(Duration.ofMinutes(1), null).withOptions(Map.of("version", "2")));
	}

	@Test
	void kvVersionOfMount() {
		this.client.expect("GET", "sys/internal/ui/mounts/secret")
			.ok("{\"data\":{\"type\":\"kv\",\"options\":{\"version\":\"2\"},\"path\":\"secret/\"}}");
		this.client.expect("GET", "sys/internal/ui/mounts/transit")
			.ok("{\"data\":{\"type\":\"transit\",\"options\":null,\"path\":\"transit/\"}}");
		this.client.expect("GET", "sys/internal/ui/mounts/hidden").respond(403,
				"{\"errors\":[\"preflight capability check returned 403, please ensure client's policies grant access to path \\\"hidden/\\\"\"]}");
		assertThat(this.sys.getKvVersion("secret")).isEqualTo(KvVersion.V2);
		assertThat(this.sys.getKvVersion("transit")).isNull();
		assertThatExceptionOfType(PermissionDeniedException.class).isThrownBy(() -> this.sys.getKvVersion("hidden"));
	}

	@Test
	void authMounts() {
		this.client.expect("GET", "sys/auth").ok("""
				{"data":{"token/":{"accessor":"auth_token_1","config":{"default_lease_ttl":0,"max_lease_ttl":0,
				 "token_type":"default-service"},"description":"token based credentials","local":false,"options":null,
				 "seal_wrap":false,"type":"token"},
				 "approle/":{"accessor":"auth_approle_2","config":{"default_lease_ttl":0,"max_lease_ttl":0,
				 "token_type":"default-service"},"description":"","local":false,"options":{},"seal_wrap":false,
				 "type":"approle"}}}""");
		this.client.expect("POST", "sys/auth/approle").body("{\"type\":\"approle\"}").noContent();
		this.client.expect("DELETE", "sys/auth/approle").noContent();
		Map<String, MountInfo> mounts = this.sys.getAuthMounts();
		assertThat(mounts).containsOnlyKeys("token", "approle");
		assertThat(mounts.get("approle").type()).isEqualTo("approle");
		assertThat(mounts.get("token").config().tokenType()).isEqualTo("default-service");
		this.sys.enableAuth("approle", MountRequest.of("approle"));
		this.sys.disableAuth("approle");
	}

	@Test
	void policies() {
		this.client.expect("LIST", "sys/policies/acl/").ok("{\"data\":{\"keys\":[\"root\",\"app\",\"default\"]}}");
		this.client.expect("GET", "sys/policies/acl/app")
			.ok("{\"data\":{\"name\":\"app\",\"policy\":\"path \\\"secret/data/app/*\\\" { capabilities = [\\\"read\\\"] }\"}}");
		this.client.expect("GET", "sys/policies/acl/none").respond(404, "{\"errors\":[]}");
		this.client.expect("POST", "sys/policies/acl/app")
			.body("{\"policy\":\"path \\\"secret/*\\\" { capabilities = [\\\"read\\\"] }\"}")
			.noContent();
		this.client.expect("DELETE", "sys/policies/acl/app").noContent();
		assertThat(this.sys.listPolicies()).containsExactly("app", "default", "root");
		assertThat(this.sys.readPolicy("app"))
			.isEqualTo(new AclPolicy("app", "path \"secret/data/app/*\" { capabilities = [\"read\"] }"));
		assertThat(this.sys.readPolicy("none")).isNull();
		this.sys.writePolicy("app", "path \"secret/*\" { capabilities = [\"read\"] }");
		this.sys.deletePolicy("app");
	}

	@Test
	void wrapReturnsWrapInfoWithMaskedToken() {
		this.client.expect("POST", "sys/wrapping/wrap").body("{\"password\":\"pw\"}").ok("""
				{"request_id":"","lease_id":"","renewable":false,"lease_duration":0,"data":null,
				 "wrap_info":{"token":"hvs.CAESIWrappingTokenValue","accessor":"xH2","ttl":300,
				  "creation_time":"2024-05-02T09:14:07.118294512Z","creation_path":"sys/wrapping/wrap"},
				 "warnings":null,"auth":null}""");
		WrapInfo wrapInfo = this.sys.wrap(Map.of("password", "pw"), Duration.ofMinutes(5));
		assertThat(this.client.requests().get(0).getWrapTtl()).isEqualTo(Duration.ofMinutes(5));
		assertThat(wrapInfo.token().getToken()).isEqualTo(WRAPPING_TOKEN);
		assertThat(wrapInfo.ttl()).isEqualTo(300);
		assertThat(wrapInfo.toString()).doesNotContain(WRAPPING_TOKEN);
	}

	@Test
	void unwrapWithWrappingTokenAsRequestToken() {
		this.client.expect("POST", "sys/wrapping/unwrap")
			.authentication(Authentication.EXPLICIT_TOKEN)
			.noBody()
			.ok("{\"request_id\":\"1\",\"data\":{\"password\":\"pw\"},\"wrap_info\":null,\"warnings\":null,\"auth\":null}");
		VaultResponse response = this.sys.unwrap(VaultToken.of(WRAPPING_TOKEN));
		assertThat(this.client.requests().get(0).getToken()).isEqualTo(VaultToken.of(WRAPPING_TOKEN));
		assertThat(response.requireData().path("password").asString()).isEqualTo("pw");
		assertThat(response.toString()).doesNotContain("pw");
	}

	@Test
	void unwrapWithClientTokenSendsWrappingTokenInBody() {
		this.client.expect("POST", "sys/wrapping/unwrap")
			.authentication(Authentication.TOKEN)
			.body("{\"token\":\"" + WRAPPING_TOKEN + "\"}")
			.ok("{\"auth\":{\"client_token\":\"hvs.child\",\"accessor\":\"a\",\"policies\":[\"default\"],"
					+ "\"lease_duration\":60,\"renewable\":true,\"token_type\":\"service\",\"orphan\":false}}");
		VaultResponse response = this.sys.unwrapWithClientToken(VaultToken.of(WRAPPING_TOKEN));
		assertThat(response.requireAuth().clientToken().getToken()).isEqualTo("hvs.child");
	}

	@Test
	void unwrapOfUsedTokenFails() {
		this.client.expect("POST", "sys/wrapping/unwrap")
			.respond(400, "{\"errors\":[\"wrapping token is not valid or does not exist\"]}");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.sys.unwrap(VaultToken.of(WRAPPING_TOKEN)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("not valid").doesNotContain(WRAPPING_TOKEN));
	}

	@Test
	void lookupWrappingIsUnauthenticated() {
		this.client.expect("POST", "sys/wrapping/lookup")
			.authentication(Authentication.NONE)
			.body("{\"token\":\"" + WRAPPING_TOKEN + "\"}")
			.ok("{\"data\":{\"creation_path\":\"auth/approle/role/app/secret-id\","
					+ "\"creation_time\":\"2024-05-02T09:14:07.118294512+02:00\",\"creation_ttl\":300}}");
		assertThat(this.sys.lookupWrapping(VaultToken.of(WRAPPING_TOKEN))).isEqualTo(new WrappingLookup(
				"auth/approle/role/app/secret-id", Instant.parse("2024-05-02T07:14:07.118294512Z"), Duration.ofMinutes(5)));
	}

	@Test
	void capabilitiesSelf() {
		this.client.expect("POST", "sys/capabilities-self")
			.body("{\"paths\":[\"secret/data/app\"]}")
			.ok("{\"data\":{\"capabilities\":[\"read\",\"list\"],\"secret/data/app\":[\"read\",\"list\"]},"
					+ "\"capabilities\":[\"read\",\"list\"]}");
		this.client.expect("POST", "sys/capabilities-self")
			.body("{\"paths\":[\"secret/data/a\",\"secret/data/b\"]}")
			.ok("{\"data\":{\"secret/data/a\":[\"deny\"],\"secret/data/b\":[\"create\",\"update\"]}}");
		assertThat(this.sys.capabilitiesSelf("/secret/data/app")).containsExactly("read", "list");
		assertThat(this.sys.capabilitiesSelf(List.of("secret/data/a", "secret/data/b"))).containsExactly(
				Map.entry("secret/data/a", List.of("deny")), Map.entry("secret/data/b", List.of("create", "update")));
	}

}
