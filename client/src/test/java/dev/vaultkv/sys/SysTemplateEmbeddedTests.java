package dev.vaultkv.sys;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultSealedException;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.client.WrapInfo;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.testsupport.ServerFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SysTemplate} end to end over HTTP against the embedded Vault server.
 */
class SysTemplateEmbeddedTests {

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static SysTemplate sys;

	@BeforeAll
	static void start(TestInfo testInfo) {
		server = EmbeddedVaultServer.builder().flavour(ServerFlavour.Of.test(testInfo)).start();
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		sys = new SysTemplate(root);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void restore() {
		if (server.isSealed()) {
			server.unseal();
		}
		server.setStandby(false);
	}

	@Test
	void healthOfAnActiveNode() {
		HealthStatus health = sys.health();
		assertThat(health.isActive()).isTrue();
		assertThat(health.initialized()).isTrue();
		assertThat(health.sealed()).isFalse();
		assertThat(health.standby()).isFalse();
		assertThat(health.version()).isNotBlank();
		assertThat(health.serverTime()).isNotNull();
	}

	@Test
	void healthOfASealedNode() {
		server.seal();
		HealthStatus health = sys.health();
		assertThat(health.sealed()).isTrue();
		assertThat(health.isActive()).isFalse();
		assertThat(sys.sealStatus().sealed()).isTrue();
	}

	@Test
	void healthOfAStandbyNode() {
		server.setStandby(true);
		HealthStatus health = sys.health();
		assertThat(health.standby()).isTrue();
		assertThat(health.sealed()).isFalse();
		assertThat(health.isActive()).isFalse();
	}

	@Test
	void healthOfAnUninitializedNode() {
		server.setInitialized(false);
		try {
			HealthStatus health = sys.health();
			assertThat(health.initialized()).isFalse();
			assertThat(health.isActive()).isFalse();
		}
		finally {
			server.setInitialized(true);
		}
	}

	@Test
	void responseWrappedSecretRead() {
		root.execute(VaultRequest.post("secret/data/wrapped").body(Map.of("data", Map.of("k", "v"))).build());
		VaultResponse wrapped = root.execute(VaultRequest.get("secret/data/wrapped").wrapTtl(Duration.ofMinutes(1)).build());
		assertThat(wrapped.data()).isNull();
		WrapInfo info = wrapped.wrapInfo();
		assertThat(info.ttl()).isEqualTo(60);
		assertThat(sys.lookupWrapping(info.token()).creationPath()).isEqualTo("secret/data/wrapped");
		assertThat(sys.unwrap(info.token()).requireData().get("data").get("k").asString()).isEqualTo("v");
	}

	@Test
	void sealStatus() {
		SealStatus status = sys.sealStatus();
		assertThat(status.sealed()).isFalse();
		assertThat(status.initialized()).isTrue();
		assertThat(status.type()).isNotBlank();
		assertThat(status.threshold()).isPositive();
	}

	@Test
	void sealedServerFailsRequestsAsTransient() {
		server.seal();
		assertThatExceptionOfType(VaultSealedException.class)
			.isThrownBy(() -> root.execute(VaultRequest.get("secret/data/app").build()))
			.satisfies((ex) -> {
				assertThat(ex.isTransient()).isTrue();
				assertThat(ex.getStatus()).isEqualTo(503);
			});
		server.unseal();
		assertThat(sys.getMounts()).containsKey("secret");
	}

	@Test
	void mountsEnableTuneAndDisable() {
		sys.enableMount("team/kv", MountRequest.kv(KvVersion.V2)
			.withDescription("team secrets")
			.withLeaseTtls(Duration.ofHours(1), Duration.ofHours(2)));
		MountInfo mount = sys.getMounts().get("team/kv");
		assertThat(mount).isNotNull();
		assertThat(mount.type()).isEqualTo("kv");
		assertThat(mount.description()).isEqualTo("team secrets");
		assertThat(mount.kvVersion()).isEqualTo(KvVersion.V2);
		assertThat(sys.getMount("team/kv").path()).isEqualTo("team/kv");
		assertThat(sys.getKvVersion("team/kv")).isEqualTo(KvVersion.V2);
		assertThat(sys.readMountTune("team/kv").defaultLeaseTtl()).isEqualTo(Duration.ofHours(1));
		sys.tuneMount("team/kv", MountTune.empty()
			.withLeaseTtls(Duration.ofMinutes(30), Duration.ofHours(3))
			.withDescription("tuned"));
		MountTune tuned = sys.readMountTune("team/kv");
		assertThat(tuned.defaultLeaseTtl()).isEqualTo(Duration.ofMinutes(30));
		assertThat(tuned.maxLeaseTtl()).isEqualTo(Duration.ofHours(3));
		assertThat(tuned.description()).isEqualTo("tuned");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> sys.enableMount("team/kv", MountRequest.kv(KvVersion.V1)));
		sys.disableMount("team/kv");
		assertThat(sys.getMounts()).doesNotContainKey("team/kv");
		assertThat(sys.getMount("team/kv")).isNull();
	}

	@Test
	void upgradingAVersion1MountByTuning() {
		sys.enableMount("upgrade", MountRequest.kv(KvVersion.V1));
		assertThat(sys.getKvVersion("upgrade")).isEqualTo(KvVersion.V1);
		sys.tuneMount("upgrade", MountTune.empty().withOptions(Map.of("version", "2")));
		assertThat(sys.getKvVersion("upgrade")).isEqualTo(KvVersion.V2);
	}

	@Test
	void authMounts() {
		sys.enableAuth("approle-sys", MountRequest.of("approle").withDescription("apps"));
		assertThat(sys.getAuthMounts()).containsKey("approle-sys");
		assertThat(sys.getAuthMounts().get("approle-sys").type()).isEqualTo("approle");
		assertThat(sys.getAuthMounts()).containsKey("token");
		sys.disableAuth("approle-sys");
		assertThat(sys.getAuthMounts()).doesNotContainKey("approle-sys");
	}

	@Test
	void policiesCrud() {
		String hcl = "path \"secret/data/crud/*\" { capabilities = [\"read\", \"list\"] }";
		sys.writePolicy("crud", hcl);
		assertThat(sys.listPolicies()).contains("crud", "default", "root");
		AclPolicy policy = sys.readPolicy("crud");
		assertThat(policy.name()).isEqualTo("crud");
		assertThat(policy.policy()).isEqualTo(hcl);
		sys.writePolicy("crud", "path \"secret/data/crud/*\" { capabilities = [\"read\"] }");
		assertThat(sys.readPolicy("crud").policy()).doesNotContain("list");
		sys.deletePolicy("crud");
		assertThat(sys.readPolicy("crud")).isNull();
		assertThat(sys.listPolicies()).doesNotContain("crud");
		sys.deletePolicy("crud");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> sys.writePolicy("broken", "path {"));
	}

	@Test
	void wrapLookupAndUnwrap() {
		WrapInfo wrapped = sys.wrap(Map.of("api-key", "k-123"), Duration.ofMinutes(5));
		assertThat(wrapped.ttl()).isEqualTo(300);
		WrappingLookup lookup = sys.lookupWrapping(wrapped.token());
		assertThat(lookup.creationPath()).isEqualTo("sys/wrapping/wrap");
		assertThat(lookup.creationTtl()).isEqualTo(Duration.ofMinutes(5));
		VaultResponse unwrapped = sys.unwrap(wrapped.token());
		assertThat(unwrapped.requireData().get("api-key").asString()).isEqualTo("k-123");
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> sys.unwrap(wrapped.token()));

		WrapInfo second = sys.wrap(Map.of("n", 1), Duration.ofMinutes(1));
		assertThat(sys.unwrapWithClientToken(second.token()).requireData().get("n").asInt()).isEqualTo(1);
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> sys.lookupWrapping(second.token()));
	}

	@Test
	void capabilitiesSelf() {
		sys.writePolicy("caps", "path \"secret/data/caps/*\" { capabilities = [\"read\", \"list\"] }");
		String token = root.execute(VaultRequest.post("auth/token/create").body(Map.of("policies", List.of("caps")))
			.build()).requireAuth().clientToken().getToken();
		SysTemplate limited = new SysTemplate(DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(token)))
			.build());
		assertThat(limited.capabilitiesSelf("secret/data/caps/app")).containsExactlyInAnyOrder("read", "list");
		assertThat(limited.capabilitiesSelf("secret/data/other")).containsExactly("deny");
		assertThat(limited.capabilitiesSelf(List.of("secret/data/caps/a", "secret/data/b")))
			.containsEntry("secret/data/b", List.of("deny"))
			.hasSize(2);
		assertThat(sys.capabilitiesSelf("anything/at/all")).containsExactly("root");
	}

	@Test
	void revokedTokenIsAnAuthenticationProblem() {
		VaultToken token = root.execute(VaultRequest.post("auth/token/create").body(Map.of()).build())
			.requireAuth()
			.clientToken();
		root.execute(VaultRequest.post("auth/token/revoke").body(Map.of("token", token.getToken())).build());
		SysTemplate revoked = new SysTemplate(
				DefaultVaultClient.builder(server.getAddress()).tokenProvider(TokenProvider.of(token)).build());
		assertThatExceptionOfType(dev.vaultkv.client.PermissionDeniedException.class)
			.isThrownBy(revoked::listPolicies)
			.satisfies((ex) -> assertThat(ex.isInvalidToken()).isTrue())
			.withMessageNotContaining(token.getToken());
	}

}
