package dev.vaultkv.kv;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;
import dev.vaultkv.testsupport.EmbeddedClients;
import dev.vaultkv.testsupport.ServerFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Updates, typed writes, deletes that tell, checked undelete and destroy, patch fallback, paged lists
 * and described secrets of {@link KvTemplate} against the embedded Vault server.
 */
class KvTemplateEditingEmbeddedTests {

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static KvTemplate v2;

	private static KvTemplate v1;

	@BeforeAll
	static void start(TestInfo testInfo) {
		server = EmbeddedVaultServer.builder().flavour(ServerFlavour.Of.test(testInfo)).start();
		root = client(server.getRootToken());
		v2 = KvTemplate.create(root, "secret");
		new SysTemplate(root).enableMount("kv1", MountRequest.kv(KvVersion.V1));
		v1 = KvTemplate.create(root, "kv1");
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
	void updateReplacesAnExistingSecretWithCheckAndSet() {
		v2.write("update/app", Map.of("a", "1"));
		VersionMetadata updated = v2.update("update/app", Map.of("b", "2"));
		assertThat(updated.version()).isEqualTo(2);
		assertThat(v2.read("update/app").data().asMap()).containsOnly(Map.entry("b", "2"));
		assertThat(server.requestLog().entries((entry) -> entry.path().equals("secret/data/update/app")
				&& entry.method().equals("POST"))).hasSize(2);
	}

	@Test
	void updateOfAnAbsentOrDeletedSecretWritesNothing() {
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> v2.update("update/absent", Map.of("a", "1")))
			.withMessageContaining("No secret to update at 'update/absent' on mount 'secret'");
		assertThat(v2.readMetadata("update/absent")).isNull();
		v2.write("update/deleted", Map.of("a", "1"));
		v2.delete("update/deleted");
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> v2.update("update/deleted", Map.of("a", "2")));
		assertThat(v2.readMetadata("update/deleted").currentVersion()).isEqualTo(1);
	}

	@Test
	void updateOnKvVersion1ReadsThenWrites() {
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> v1.update("update/absent", Map.of("a", "1")));
		assertThat(v1.read("update/absent")).isNull();
		v1.write("update/app", Map.of("a", "1"));
		assertThat(v1.update("update/app", Map.of("a", "2"))).isNull();
		assertThat(v1.read("update/app").data().getString("a")).isEqualTo("2");
	}

	@Test
	void writesRecordsAndJavaBeans() {
		assertThat(v2.write("typed/record", (Object) new Credentials("app", "pw")).version()).isEqualTo(1);
		assertThat(v2.read("typed/record", Credentials.class)).isEqualTo(new Credentials("app", "pw"));
		Bean bean = new Bean();
		bean.setUrl("jdbc:h2:mem:x");
		v1.write("typed/bean", bean);
		assertThat(v1.read("typed/bean").data().getString("url")).isEqualTo("jdbc:h2:mem:x");
	}

	@Test
	void writeOfAValueThatIsNotAnObjectFailsAndWritesNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> v2.write("typed/text", "s3cr3t"))
			.withMessageContaining("java.lang.String converts to a JSON string, not an object")
			.withMessageNotContaining("s3cr3t");
		assertThatIllegalArgumentException().isThrownBy(() -> v2.write("typed/list", List.of("a")))
			.withMessageContaining("JSON array");
		assertThat(v2.readMetadata("typed/text")).isNull();
		assertThat(v2.readMetadata("typed/list")).isNull();
	}

	@Test
	void deleteIfExistsTellsWhetherItDeleted() {
		v2.write("del/app", Map.of("a", "1"));
		assertThat(v2.deleteIfExists("del/app")).isTrue();
		assertThat(v2.read("del/app")).isNull();
		assertThat(v2.deleteIfExists("del/app")).isFalse();
		assertThat(v2.deleteIfExists("del/absent")).isFalse();
		v1.write("del/app", Map.of("a", "1"));
		assertThat(v1.deleteIfExists("del/app")).isTrue();
		assertThat(v1.deleteIfExists("del/app")).isFalse();
	}

	@Test
	void deleteVersionsIfExistTellsWhetherAnyWasLive() {
		v2.write("delv/app", Map.of("a", "1"));
		v2.write("delv/app", Map.of("a", "2"));
		assertThat(v2.deleteIfExists("delv/app", 1, 7)).isTrue();
		assertThat(v2.read("delv/app", 1)).isNull();
		assertThat(v2.read("delv/app", 2)).isNotNull();
		int before = server.requestLog().count("POST", "secret/delete/delv/app");
		assertThat(v2.deleteIfExists("delv/app", 1, 7)).isFalse();
		assertThat(server.requestLog().count("POST", "secret/delete/delv/app")).isEqualTo(before);
		assertThat(v2.deleteIfExists("delv/absent", 1)).isFalse();
	}

	@Test
	void deleteMetadataIfExistsTellsWhetherTheKeyExisted() {
		v2.write("delm/app", Map.of("a", "1"));
		assertThat(v2.deleteMetadataIfExists("delm/app")).isTrue();
		assertThat(v2.readMetadata("delm/app")).isNull();
		assertThat(v2.deleteMetadataIfExists("delm/app")).isFalse();
	}

	@Test
	void undeleteAndDestroyOfVersionsThatDoNotExistFailWithoutARequest() {
		v2.write("versions/app", Map.of("a", "1"));
		v2.write("versions/app", Map.of("a", "2"));
		v2.write("versions/app", Map.of("a", "3"));
		assertThatIllegalArgumentException().isThrownBy(() -> v2.undelete("versions/app", 2, 9))
			.withMessage("Secret 'versions/app' on mount 'secret' has no version 9; its versions are [1, 2, 3]; "
					+ "nothing was undeleted");
		assertThatIllegalArgumentException().isThrownBy(() -> v2.destroy("versions/app", 9))
			.withMessageContaining("nothing was destroyed");
		assertThat(server.requestLog().count("POST", "secret/undelete/versions/app")).isZero();
		assertThat(server.requestLog().count("POST", "secret/destroy/versions/app")).isZero();
		assertThatExceptionOfType(SecretNotFoundException.class).isThrownBy(() -> v2.destroy("versions/absent", 1));
		v2.delete("versions/app", 2);
		v2.undelete("versions/app", 2);
		assertThat(v2.read("versions/app", 2).data().getString("a")).isEqualTo("2");
		v2.destroy("versions/app", 1);
		assertThat(v2.readMetadata("versions/app").versions().get(1L).destroyed()).isTrue();
	}

	@Test
	void undeleteWithoutMetadataAccessIsSentUnchecked() {
		v2.write("versions/blind", Map.of("a", "1"));
		v2.delete("versions/blind");
		String token = tokenWithPolicy("undelete-only",
				"path \"secret/undelete/versions/blind\" { capabilities = [\"update\"] }");
		KvTemplate.create(client(token), "secret", KvVersion.V2).undelete("versions/blind", 1);
		assertThat(v2.read("versions/blind")).isNotNull();
	}

	@Test
	void patchWithoutThePatchCapabilityFallsBackToCheckAndSetWrite() {
		v2.write("fallback/app", Map.of("a", "1", "b", "2"));
		String token = tokenWithPolicy("no-patch",
				"path \"secret/data/fallback/*\" { capabilities = [\"create\", \"read\", \"update\"] }");
		KvTemplate noPatch = KvTemplate.create(client(token), "secret", KvVersion.V2);
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> noPatch.patch("fallback/app", Map.of("c", "3")));
		Map<String, Object> patch = new HashMap<>();
		patch.put("b", null);
		patch.put("c", "3");
		VersionMetadata patched = noPatch.withPatchFallback(true).patch("fallback/app", patch);
		assertThat(patched.version()).isEqualTo(2);
		assertThat(v2.read("fallback/app").data().asMap()).containsOnly(Map.entry("a", "1"), Map.entry("c", "3"));
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> noPatch.withPatchFallback(true).patch("fallback/app", Map.of("a", "x"), 1))
			.satisfies((ex) -> assertThat(ex.getCurrentVersion()).isEqualTo(2));
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> noPatch.withPatchFallback(true).patch("fallback/absent", Map.of("a", "x")));
	}

	@Test
	void patchFallbackDoesNotMaskADeniedReadOrWrite() {
		v2.write("denied/app", Map.of("a", "1"));
		String readOnly = tokenWithPolicy("read-only",
				"path \"secret/data/denied/*\" { capabilities = [\"read\"] }");
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> KvTemplate.create(client(readOnly), "secret", KvVersion.V2)
				.withPatchFallback(true)
				.patch("denied/app", Map.of("a", "2")))
			.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo("POST"));
		String writeOnly = tokenWithPolicy("write-only",
				"path \"secret/data/denied/*\" { capabilities = [\"update\"] }");
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> KvTemplate.create(client(writeOnly), "secret", KvVersion.V2)
				.withPatchFallback(true)
				.patch("denied/app", Map.of("a", "2")))
			.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo("GET"));
		assertThat(v2.read("denied/app").version()).isEqualTo(1);
	}

	@Test
	void patchOnKvVersion1NeedsTheFallback() {
		v1.write("patch/app", Map.of("a", "1", "b", "2"));
		assertThatExceptionOfType(UnsupportedKvOperationException.class)
			.isThrownBy(() -> v1.patch("patch/app", Map.of("a", "2")));
		Map<String, Object> patch = new HashMap<>();
		patch.put("b", null);
		patch.put("c", Map.of("d", "4"));
		KvTemplate fallback = v1.withPatchFallback(true);
		assertThat(fallback.patch("patch/app", patch).version()).isZero();
		assertThat(v1.read("patch/app").data().asMap()).containsOnly(Map.entry("a", "1"),
				Map.entry("c", Map.of("d", "4")));
		assertThatExceptionOfType(UnsupportedKvOperationException.class)
			.isThrownBy(() -> fallback.patch("patch/app", Map.of("a", "2"), 1))
			.withMessageContaining("check-and-set");
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> fallback.patch("patch/absent", Map.of("a", "2")));
	}

	@Test
	void listsPages() {
		for (String name : List.of("d", "a", "c", "b", "e")) {
			v2.write("paged/" + name, Map.of("k", "v"));
			v1.write("paged/" + name, Map.of("k", "v"));
		}
		v2.write("paged/sub/x", Map.of("k", "v"));
		for (KvTemplate kv : List.of(v2, v1)) {
			assertThat(kv.list("paged", null, 2)).containsExactly("a", "b");
			assertThat(kv.list("paged", "b", 2)).containsExactly("c", "d");
			assertThat(kv.list("paged", "d", 0)).startsWith("e");
			assertThat(kv.list("paged", "zzz", 2)).isEmpty();
			assertThat(kv.list("paged/absent", null, 2)).isEmpty();
		}
		assertThat(v2.list("paged", "d", 0)).containsExactly("e", "sub/");
	}

	@Test
	void writesAndReadsADescribedSecret() {
		v2.write("described/app", Map.of("old", "x"));
		v2.patchMetadata("described/app", MetadataUpdate.empty().withCustomMetadata(Map.of("owner", "team-a")));
		VersionMetadata written = v2.write(DescribedSecret.of("described/app", Map.of("password", "pw"),
				"Database login"));
		assertThat(written.version()).isEqualTo(2);
		DescribedSecret read = v2.readDescribed("described/app");
		assertThat(read.description()).isEqualTo("Database login");
		assertThat(read.data().getString("password")).isEqualTo("pw");
		assertThat(read.version()).isEqualTo(2);
		assertThat(read.toString()).contains("password", "Database login").doesNotContain("pw]", "=pw");
		assertThat(v2.readMetadata("described/app").customMetadata()).containsEntry("owner", "team-a");
		v2.write(DescribedSecret.of("described/new", Map.of("k", "v"), "Fresh"));
		assertThat(v2.readDescribed("described/new").description()).isEqualTo("Fresh");
		assertThat(v2.readDescribed("described/absent")).isNull();
	}

	@Test
	void aFailedDescribedWriteChangesNothing() {
		v2.write("described/cas", Map.of("a", "1"));
		v2.patchMetadata("described/cas",
				MetadataUpdate.empty().withCustomMetadata(Map.of(DescribedSecret.DESCRIPTION_KEY, "Before")));
		v2.writeMetadata("described/cas", MetadataUpdate.empty().withCasRequired(true));
		assertThatExceptionOfType(dev.vaultkv.client.InvalidRequestException.class)
			.isThrownBy(() -> v2.write(DescribedSecret.of("described/cas", Map.of("a", "2"), "After")));
		assertThat(v2.readMetadata("described/cas").customMetadata()).containsEntry("description", "Before");
		assertThat(v2.read("described/cas").data().getString("a")).isEqualTo("1");
	}

	@Test
	void describedSecretsNeedKvVersion2() {
		assertThatExceptionOfType(UnsupportedKvOperationException.class)
			.isThrownBy(() -> v1.write(DescribedSecret.of("described/app", Map.of("k", "v"), "d")))
			.withMessageContaining("descriptions");
	}

	@Test
	void kvVersion1SecretsTellTheirOwnTtl() {
		v1.write("ttl/own", Map.of("k", "v", "ttl", "30s"));
		v1.write("ttl/none", Map.of("k", "v"));
		v2.write("ttl/own", Map.of("k", "v", "ttl", "30s"));
		assertThat(v1.read("ttl/own").ttl()).isEqualTo(Duration.ofSeconds(30));
		assertThat(v1.read("ttl/none").ttl()).isNull();
		assertThat(v2.read("ttl/own").ttl()).isNull();
	}

	record Credentials(String username, String password) {
	}

	static class Bean {

		private String url;

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

	}

}
