package dev.vaultkv.kv;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;
import dev.vaultkv.testsupport.EmbeddedClients;
import dev.vaultkv.testsupport.ServerFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KvTemplate} end to end over HTTP against the embedded Vault server.
 */
class KvTemplateEmbeddedTests {

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static KvTemplate v2;

	@BeforeAll
	static void start(TestInfo testInfo) {
		server = EmbeddedVaultServer.builder().flavour(ServerFlavour.Of.test(testInfo)).start();
		root = client(server.getRootToken());
		v2 = KvTemplate.create(root, "secret");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static VaultClient client(String token) {
		return EmbeddedClients.client(server, token);
	}

	private static String tokenWithPolicy(String name, String hcl) {
		return EmbeddedClients.tokenWithPolicy(root, name, hcl);
	}

	@Test
	void readsLatestAndPinnedVersions() {
		v2.write("versions/app", Map.of("password", "one"));
		VersionMetadata second = v2.write("versions/app", Map.of("password", "two", "port", 5432));
		assertThat(second.version()).isEqualTo(2);
		VersionedSecret latest = v2.read("versions/app");
		assertThat(latest.version()).isEqualTo(2);
		assertThat(latest.data().getString("password")).isEqualTo("two");
		assertThat(latest.data().get("port")).isEqualTo(5432);
		assertThat(v2.read("versions/app", 1).data().getString("password")).isEqualTo("one");
		assertThat(v2.read("versions/app", 7)).isNull();
		assertThat(v2.read("versions/absent")).isNull();
	}

	@Test
	void readsIntoAType() {
		v2.write("typed/db", Map.of("username", "app", "password", "pw"));
		Credentials credentials = v2.read("typed/db", Credentials.class);
		assertThat(credentials).isEqualTo(new Credentials("app", "pw"));
	}

	@Test
	void checkAndSetWritesOnlyOnTheExpectedVersion() {
		assertThat(v2.write("cas/app", Map.of("v", "1"), 0).version()).isEqualTo(1);
		assertThat(v2.write("cas/app", Map.of("v", "2"), 1).version()).isEqualTo(2);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> v2.write("cas/app", Map.of("v", "stale"), 1))
			.satisfies((ex) -> {
				assertThat(ex.getExpectedVersion()).isEqualTo(1);
				assertThat(ex.getCurrentVersion()).isEqualTo(2);
				assertThat(ex.getMessage()).doesNotContain("stale");
			});
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> v2.write("cas/app", Map.of("v", "stale"), 0));
		VersionedSecret current = v2.read("cas/app");
		assertThat(current.version()).isEqualTo(2);
		assertThat(current.data().getString("v")).isEqualTo("2");
	}

	@Test
	void patchesWithAndWithoutCheckAndSet() {
		v2.write("patch/app", Map.of("a", "1", "b", "2"));
		Map<String, Object> patch = new HashMap<>();
		patch.put("b", null);
		patch.put("c", "3");
		assertThat(v2.patch("patch/app", patch).version()).isEqualTo(2);
		assertThat(v2.read("patch/app").data().asMap()).containsOnly(Map.entry("a", "1"), Map.entry("c", "3"));
		assertThat(v2.patch("patch/app", Map.of("a", "x"), 2).version()).isEqualTo(3);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> v2.patch("patch/app", Map.of("a", "y"), 2))
			.satisfies((ex) -> assertThat(ex.getCurrentVersion()).isEqualTo(3));
		assertThat(v2.read("patch/app").data().getString("a")).isEqualTo("x");
	}

	@Test
	void patchOfAnAbsentSecretIsNotFound() {
		assertThatExceptionOfType(dev.vaultkv.client.SecretNotFoundException.class)
			.isThrownBy(() -> v2.patch("patch/absent", Map.of("a", "1")));
	}

	@Test
	void softDeleteUndeleteAndDestroy() {
		v2.write("lifecycle/app", Map.of("v", "1"));
		v2.write("lifecycle/app", Map.of("v", "2"));
		v2.write("lifecycle/app", Map.of("v", "3"));
		v2.delete("lifecycle/app");
		assertThat(v2.read("lifecycle/app")).isNull();
		assertThat(v2.readMetadata("lifecycle/app").versions().get(3L).deletionTime()).isNotNull();
		v2.undelete("lifecycle/app", 3);
		assertThat(v2.read("lifecycle/app").data().getString("v")).isEqualTo("3");
		v2.delete("lifecycle/app", 1, 99);
		assertThat(v2.read("lifecycle/app", 1)).isNull();
		v2.destroy("lifecycle/app", 2);
		assertThat(v2.read("lifecycle/app", 2)).isNull();
		v2.undelete("lifecycle/app", 1, 2);
		assertThat(v2.read("lifecycle/app", 1).data().getString("v")).isEqualTo("1");
		assertThat(v2.read("lifecycle/app", 2)).isNull();
		KeyMetadata metadata = v2.readMetadata("lifecycle/app");
		assertThat(metadata.versions().get(2L).destroyed()).isTrue();
		assertThat(metadata.versions().get(1L).destroyed()).isFalse();
		v2.delete("lifecycle/absent");
	}

	@Test
	void listsKeysFoldersAndEmptyFolders() {
		v2.write("listing/a", Map.of("k", "v"));
		v2.write("listing/b/c", Map.of("k", "v"));
		assertThat(v2.list("listing")).containsExactly("a", "b/");
		assertThat(v2.list("listing/b/")).containsExactly("c");
		assertThat(v2.list("listing/none")).isEmpty();
		assertThat(v2.list("")).contains("listing/");
	}

	@Test
	void metadataWritePatchAndDelete() {
		v2.write("meta/app", Map.of("k", "v"));
		v2.writeMetadata("meta/app", MetadataUpdate.empty()
			.withMaxVersions(5)
			.withCasRequired(true)
			.withDeleteVersionAfter(Duration.ofHours(1))
			.withCustomMetadata(Map.of("description", "database credentials", "owner", "team-a")));
		KeyMetadata metadata = v2.readMetadata("meta/app");
		assertThat(metadata.maxVersions()).isEqualTo(5);
		assertThat(metadata.casRequired()).isTrue();
		assertThat(metadata.deleteVersionAfter()).isEqualTo(Duration.ofHours(1));
		assertThat(metadata.customMetadata()).containsEntry("description", "database credentials");
		assertThat(metadata.currentVersion()).isEqualTo(1);
		assertThat(v2.read("meta/app").metadata().customMetadata()).containsEntry("description",
				"database credentials");
		Map<String, String> patch = new HashMap<>();
		patch.put("owner", null);
		patch.put("tier", "gold");
		v2.patchMetadata("meta/app", MetadataUpdate.empty().withCustomMetadata(patch));
		KeyMetadata patched = v2.readMetadata("meta/app");
		assertThat(patched.customMetadata()).containsOnly(Map.entry("description", "database credentials"),
				Map.entry("tier", "gold"));
		assertThat(patched.maxVersions()).isEqualTo(5);
		assertThatExceptionOfType(dev.vaultkv.client.InvalidRequestException.class)
			.isThrownBy(() -> v2.write("meta/app", Map.of("k", "no cas")));
		v2.deleteMetadata("meta/app");
		assertThat(v2.readMetadata("meta/app")).isNull();
		assertThat(v2.read("meta/app", 1)).isNull();
		v2.deleteMetadata("meta/app");
	}

	@Test
	void maxVersionsTrimsTheOldest() {
		v2.writeMetadata("trim/app", MetadataUpdate.empty().withMaxVersions(2));
		for (int i = 1; i <= 4; i++) {
			v2.write("trim/app", Map.of("v", String.valueOf(i)));
		}
		KeyMetadata metadata = v2.readMetadata("trim/app");
		assertThat(metadata.currentVersion()).isEqualTo(4);
		assertThat(metadata.oldestVersion()).isEqualTo(3);
		assertThat(metadata.versions()).containsOnlyKeys(3L, 4L);
		assertThat(v2.read("trim/app", 2)).isNull();
		assertThat(v2.read("trim/app", 3).data().getString("v")).isEqualTo("3");
	}

	@Test
	void engineConfig() {
		SysTemplate sys = new SysTemplate(root);
		sys.enableMount("kv-config", MountRequest.kv(KvVersion.V2));
		KvTemplate kv = KvTemplate.create(root, "kv-config");
		kv.writeConfig(new KvEngineConfig(3, false, Duration.ofMinutes(90)));
		KvEngineConfig config = kv.readConfig();
		assertThat(config.maxVersions()).isEqualTo(3);
		assertThat(config.casRequired()).isFalse();
		assertThat(config.deleteVersionAfter()).isEqualTo(Duration.ofMinutes(90));
		for (int i = 1; i <= 5; i++) {
			kv.write("app", Map.of("v", String.valueOf(i)));
		}
		assertThat(kv.readMetadata("app").versions()).containsOnlyKeys(3L, 4L, 5L);
	}

	@Test
	void subkeysDescribeASecretWithoutItsValues() {
		v2.write("subkeys/app", Map.of("password", "one"));
		v2.write("subkeys/app", Map.of("password", "two", "pool", Map.of("max", 10, "tls", Map.of("mode", "full"))));
		SecretSubkeys all = v2.subkeys("subkeys/app");
		assertThat(all.keys()).containsExactlyInAnyOrder("password", "pool");
		assertThat(all.metadata().version()).isEqualTo(2);
		assertThat(all.tree().get("password").isNull()).isTrue();
		assertThat(all.tree().get("pool").get("tls").get("mode").isNull()).isTrue();
		assertThat(all.tree().toString()).doesNotContain("two").doesNotContain("full");
		assertThat(v2.subkeys("subkeys/app", 0, 1).tree().get("pool").isNull()).isTrue();
		SecretSubkeys first = v2.subkeys("subkeys/app", 1, 0);
		assertThat(first.keys()).containsExactly("password");
		assertThat(first.metadata().version()).isEqualTo(1);
		v2.delete("subkeys/app");
		assertThat(v2.subkeys("subkeys/app")).isNull();
		assertThat(v2.subkeys("subkeys/absent")).isNull();
	}

	@Test
	void kvVersion1Mount() {
		new SysTemplate(root).enableMount("kv1", MountRequest.kv(KvVersion.V1));
		KvTemplate v1 = KvTemplate.create(root, "kv1");
		assertThat(v1.getVersion()).isEqualTo(KvVersion.V1);
		assertThat(v1.write("app/db", Map.of("password", "pw"))).isNull();
		v1.write("app/other", Map.of("k", "v"));
		VersionedSecret secret = v1.read("app/db");
		assertThat(secret.data().getString("password")).isEqualTo("pw");
		assertThat(secret.metadata()).isNull();
		assertThat(v1.list("app")).containsExactly("db", "other");
		assertThat(v1.list("")).containsExactly("app/");
		assertThat(v1.list("none")).isEmpty();
		v1.delete("app/db");
		assertThat(v1.read("app/db")).isNull();
		v1.delete("app/db");
		assertThatExceptionOfType(UnsupportedKvOperationException.class)
			.isThrownBy(() -> v1.write("app/db", Map.of("k", "v"), 0));
		assertThatExceptionOfType(UnsupportedKvOperationException.class)
			.isThrownBy(() -> v1.patch("app/other", Map.of("k", "w")));
		assertThatExceptionOfType(UnsupportedKvOperationException.class).isThrownBy(() -> v1.read("app/other", 1));
		assertThatExceptionOfType(UnsupportedKvOperationException.class).isThrownBy(() -> v1.readMetadata("app/other"));
		assertThatExceptionOfType(UnsupportedKvOperationException.class).isThrownBy(() -> v1.subkeys("app/other"));
		assertThatExceptionOfType(UnsupportedKvOperationException.class).isThrownBy(() -> v1.destroy("app/other", 1));
		assertThatExceptionOfType(UnsupportedKvOperationException.class).isThrownBy(v1::readConfig);
	}

	@Test
	void versionIsDetectedOncePerMount() {
		new SysTemplate(root).enableMount("detect-v1", MountRequest.kv(KvVersion.V1));
		KvMountResolver resolver = new KvMountResolver(root);
		KvTemplate kv2 = new KvTemplate(root, "secret", resolver);
		KvTemplate kv1 = new KvTemplate(root, "detect-v1", resolver);
		KvTemplate kv1Again = new KvTemplate(root, "detect-v1", resolver);
		server.requestLog().clear();
		kv2.write("detect/app", Map.of("k", "v"));
		kv2.read("detect/app");
		kv1.write("app", Map.of("k", "v"));
		kv1Again.read("app");
		kv1.list("");
		assertThat(server.requestLog().count("GET", "sys/internal/ui/mounts/secret")).isOne();
		assertThat(server.requestLog().count("GET", "sys/internal/ui/mounts/detect-v1")).isOne();
		assertThat(server.requestLog().countPathPrefix("sys/internal/ui/mounts")).isEqualTo(2);
	}

	@Test
	void detectionWithoutAnyCapabilityInTheMountFallsBackOnlyWhenConfigured() {
		v2.write("fallback/app", Map.of("k", "v"));
		String token = tokenWithPolicy("other-mount-only", "path \"cubbyhole/*\" { capabilities = [\"read\"] }");
		VaultClient limited = client(token);
		assertThatExceptionOfType(KvVersionDetectionException.class)
			.isThrownBy(() -> KvTemplate.create(limited, "secret").read("fallback/app"))
			.withMessageContaining("secret");
		KvTemplate withFallback = new KvTemplate(limited, "secret",
				new KvMountResolver(limited, KvVersion.V2, "vault.kv.fallback-version"));
		assertThat(withFallback.getVersion()).isEqualTo(KvVersion.V2);
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> withFallback.read("fallback/app"))
			.satisfies((ex) -> assertThat(ex.isInvalidToken()).isFalse());
	}

	@Test
	void tokenWithAPolicyOnOneSecretDetectsTheVersion() {
		v2.write("scoped/app", Map.of("k", "v"));
		v2.write("scoped/other", Map.of("k", "w"));
		String token = tokenWithPolicy("scoped-app", "path \"secret/data/scoped/app\" { capabilities = [\"read\"] }");
		KvTemplate kv = KvTemplate.create(client(token), "secret");
		assertThat(kv.read("scoped/app").data().getString("k")).isEqualTo("v");
		assertThat(kv.getVersion()).isEqualTo(KvVersion.V2);
		assertThatExceptionOfType(PermissionDeniedException.class).isThrownBy(() -> kv.read("scoped/other"));
	}

	@Test
	void unknownMountFails() {
		KvTemplate kv = KvTemplate.create(root, "no-such-mount");
		assertThatExceptionOfType(dev.vaultkv.client.VaultException.class).isThrownBy(() -> kv.read("app"))
			.withMessageContaining("no-such-mount");
	}

	@Test
	void patchOfADeletedSecretIsNotFound() {
		v2.write("patch/deleted", Map.of("a", "1"));
		v2.delete("patch/deleted");
		assertThatExceptionOfType(dev.vaultkv.client.SecretNotFoundException.class)
			.isThrownBy(() -> v2.patch("patch/deleted", Map.of("a", "2")));
		assertThat(v2.readMetadata("patch/deleted").currentVersion()).isEqualTo(1);
	}

	@Test
	void metadataWithoutVersions() {
		v2.writeMetadata("meta/only", MetadataUpdate.empty().withCustomMetadata(Map.of("description", "reserved")));
		KeyMetadata metadata = v2.readMetadata("meta/only");
		assertThat(metadata.currentVersion()).isZero();
		assertThat(metadata.versions()).isEmpty();
		assertThat(metadata.customMetadata()).containsEntry("description", "reserved");
		assertThat(v2.read("meta/only")).isNull();
		assertThat(v2.list("meta")).contains("only");
		assertThat(v2.readMetadata("meta/never")).isNull();
		assertThatExceptionOfType(dev.vaultkv.client.SecretNotFoundException.class)
			.isThrownBy(() -> v2.patchMetadata("meta/never", MetadataUpdate.empty().withMaxVersions(3)));
	}

	@Test
	void deleteVersionAfterSoftDeletesOnTheServerClock() {
		v2.writeMetadata("expiring/app", MetadataUpdate.empty().withDeleteVersionAfter(Duration.ofHours(1)));
		v2.write("expiring/app", Map.of("k", "v"));
		assertThat(v2.read("expiring/app")).isNotNull();
		assertThat(v2.readMetadata("expiring/app").versions().get(1L).deletionTime()).isNotNull();
		server.clock().advance(Duration.ofHours(2));
		try {
			assertThat(v2.read("expiring/app")).isNull();
			assertThat(v2.read("expiring/app", 1)).isNull();
		}
		finally {
			server.clock().reset();
		}
	}

	@Test
	void aPathInsideAMountIsNotTakenForTheMount() {
		assertThatExceptionOfType(KvVersionDetectionException.class)
			.isThrownBy(() -> KvTemplate.create(root, "secret/team").read("app"))
			.withMessageContaining("'secret'");
	}

	@Test
	void aMountOfAnotherTypeIsNotAKvMount() {
		assertThatExceptionOfType(KvVersionDetectionException.class)
			.isThrownBy(() -> KvTemplate.create(root, "cubbyhole").read("app"))
			.withMessageContaining("cubbyhole");
	}

	@Test
	void version1ConfiguredForAVersion2MountFailsClearlyForEveryOperation() {
		v2.write("mismatch/app", Map.of("k", "v"));
		KvTemplate wrong = KvTemplate.create(root, "secret", KvVersion.V1);
		assertThatExceptionOfType(KvVersionMismatchException.class).isThrownBy(() -> wrong.read("mismatch/app"));
		assertThatExceptionOfType(KvVersionMismatchException.class)
			.isThrownBy(() -> wrong.write("mismatch/app", Map.of("k", "w")));
		assertThatExceptionOfType(KvVersionMismatchException.class).isThrownBy(() -> wrong.list("mismatch"));
		assertThatExceptionOfType(KvVersionMismatchException.class).isThrownBy(() -> wrong.delete("mismatch/app"));
		assertThat(v2.read("mismatch/app").data().getString("k")).isEqualTo("v");
	}

	record Credentials(String username, String password) {
	}

}
