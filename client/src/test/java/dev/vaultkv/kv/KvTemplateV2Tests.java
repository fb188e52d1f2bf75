package dev.vaultkv.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.vaultkv.client.InvalidPathException;
import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.MountNotFoundException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KvTemplate} on a KV version 2 mount.
 */
@ExtendWith(OutputCaptureExtension.class)
class KvTemplateV2Tests {

	private static final String SECRET_VALUE = "s3cr3t-Value-4711";

	private static final String READ_V3 = """
			{"request_id":"2b1c7e8e-5a2d-0f6b-9d58-31e3a2b6a1f0","lease_id":"","renewable":false,"lease_duration":0,
			 "data":{"data":{"password":"s3cr3t-Value-4711","port":5432,"enabled":true,"hosts":["a","b"]},
			  "metadata":{"created_time":"2024-05-02T09:14:07.118294512Z","custom_metadata":{"owner":"team-a"},
			   "deletion_time":"","destroyed":false,"version":3}},
			 "wrap_info":null,"warnings":null,"auth":null,"mount_type":"kv"}""";

	private static final String WRITE_RESPONSE = """
			{"request_id":"8a4c","lease_id":"","renewable":false,"lease_duration":0,
			 "data":{"created_time":"2024-05-02T09:20:00.5Z","custom_metadata":null,"deletion_time":"",
			  "destroyed":false,"version":4},"wrap_info":null,"warnings":null,"auth":null}""";

	private static final String METADATA = """
			{"request_id":"1","lease_id":"","renewable":false,"lease_duration":0,
			 "data":{"cas_required":true,"created_time":"2024-05-01T10:00:00.123456789Z","current_version":3,
			  "custom_metadata":{"owner":"team-a"},"delete_version_after":"1h30m","max_versions":5,"oldest_version":1,
			  "updated_time":"2024-05-02T09:14:07.118294512Z",
			  "versions":{"1":{"created_time":"2024-05-01T10:00:00.123456789Z","deletion_time":"2024-05-01T11:00:00Z","destroyed":false},
			   "2":{"created_time":"2024-05-01T12:00:00Z","deletion_time":"","destroyed":true},
			   "3":{"created_time":"2024-05-02T09:14:07.118294512Z","deletion_time":"","destroyed":false}}},
			 "wrap_info":null,"warnings":null,"auth":null}""";

	private final ScriptedVaultClient client = new ScriptedVaultClient();

	private final KvTemplate template = new KvTemplate(this.client, "secret", KvVersion.V2);

	@AfterEach
	void verifyScript() {
		this.client.verify();
	}

	@Test
	void readParsesDataAndMetadata(CapturedOutput output) {
		this.client.expect("GET", "secret/data/myapp/db").ok(READ_V3);
		VersionedSecret secret = withDebugLogging(() -> this.template.read("myapp/db"));
		assertThat(secret).isNotNull();
		assertThat(secret.version()).isEqualTo(3);
		assertThat(secret.data().getString("password")).isEqualTo(SECRET_VALUE);
		assertThat(secret.data().getString("port")).isEqualTo("5432");
		assertThat(secret.data().get("enabled")).isEqualTo(true);
		assertThat(secret.data().get("hosts")).isEqualTo(List.of("a", "b"));
		VersionMetadata metadata = secret.metadata();
		assertThat(metadata).isNotNull();
		assertThat(metadata.createdTime()).isEqualTo(Instant.parse("2024-05-02T09:14:07.118294512Z"));
		assertThat(metadata.deletionTime()).isNull();
		assertThat(metadata.destroyed()).isFalse();
		assertThat(metadata.customMetadata()).containsEntry("owner", "team-a");
		assertThat(output).contains("Reading secret 'secret/data/myapp/db'").doesNotContain(SECRET_VALUE);
	}

	private static <T> T withDebugLogging(Supplier<T> action) {
		Logger logger = (Logger) LoggerFactory.getLogger(KvTemplate.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			return action.get();
		}
		finally {
			logger.setLevel(level);
		}
	}

	@Test
	void readVersionSendsVersionQuery() {
		this.client.expect("GET", "secret/data/myapp/db").query("version", "3").ok(READ_V3);
		assertThat(this.template.read("myapp/db", 3)).isNotNull().extracting(VersionedSecret::version).isEqualTo(3L);
	}

	@Test
	void readVersionRejectsZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.read("myapp/db", 0));
		assertThat(this.client.requests()).isEmpty();
	}

	@Test
	void readAbsentReturnsNull() {
		this.client.expect("GET", "secret/data/missing").respond(404, "{\"errors\":[]}");
		assertThat(this.template.read("missing")).isNull();
	}

	@Test
	void readDeletedVersionReturnsNull() {
		this.client.expect("GET", "secret/data/myapp/db").respond(404, """
				{"request_id":"3","lease_id":"","renewable":false,"lease_duration":0,
				 "data":{"data":null,"metadata":{"created_time":"2024-05-02T09:14:07.118294512Z","custom_metadata":null,
				  "deletion_time":"2024-05-02T10:00:00.000000001Z","destroyed":false,"version":3}},
				 "wrap_info":null,"warnings":null,"auth":null}""");
		assertThat(this.template.read("myapp/db")).isNull();
	}

	@Test
	void readDestroyedVersionReturnsNull() {
		this.client.expect("GET", "secret/data/myapp/db").query("version", "2").respond(404, """
				{"request_id":"3","lease_id":"","renewable":false,"lease_duration":0,
				 "data":{"data":null,"metadata":{"created_time":"2024-05-01T12:00:00Z","custom_metadata":null,
				  "deletion_time":"","destroyed":true,"version":2}},"wrap_info":null,"warnings":null,"auth":null}""");
		assertThat(this.template.read("myapp/db", 2)).isNull();
	}

	@Test
	void readOnMissingMountFailsWithMountNotFound() {
		this.client.expect("GET", "secret/data/myapp/db")
			.respond(404, "{\"errors\":[\"no handler for route \\\"secret/data/myapp/db\\\". route entry not found.\"]}");
		assertThatExceptionOfType(MountNotFoundException.class).isThrownBy(() -> this.template.read("myapp/db"));
	}

	@Test
	void readTypedRecord() {
		this.client.expect("GET", "secret/data/myapp/db").ok(READ_V3);
		DbRecord db = this.template.read("myapp/db", DbRecord.class);
		assertThat(db).isEqualTo(new DbRecord(SECRET_VALUE, 5432, true));
	}

	@Test
	void readTypedJavaBean() {
		this.client.expect("GET", "secret/data/myapp/db").ok(READ_V3);
		DbBean db = this.template.read("myapp/db", DbBean.class);
		assertThat(db).isNotNull();
		assertThat(db.getPassword()).isEqualTo(SECRET_VALUE);
		assertThat(db.getPort()).isEqualTo(5432);
	}

	@Test
	void readTypedAbsentReturnsNull() {
		this.client.expect("GET", "secret/data/missing").respond(404, "{\"errors\":[]}");
		assertThat(this.template.read("missing", DbRecord.class)).isNull();
	}

	@Test
	void readTypedFailureNamesPathAndTypeButNoValue(CapturedOutput output) {
		this.client.expect("GET", "secret/data/myapp/db").ok(READ_V3);
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> this.template.read("myapp/db", Wrong.class))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("secret/myapp/db")
					.contains(Wrong.class.getName())
					.contains("password")
					.doesNotContain(SECRET_VALUE);
				assertThat(ex.getCause()).isNull();
			});
		assertThat(output).doesNotContain(SECRET_VALUE);
	}

	@Test
	void writeSendsDataAndParsesVersion() {
		this.client.expect("POST", "secret/data/myapp/db")
			.body("{\"data\":{\"password\":\"pw\",\"port\":5432,\"note\":null}}")
			.ok(WRITE_RESPONSE);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("password", "pw");
		data.put("port", 5432);
		data.put("note", null);
		VersionMetadata written = this.template.write("myapp/db", data);
		assertThat(written).isNotNull();
		assertThat(written.version()).isEqualTo(4);
		assertThat(written.createdTime()).isEqualTo(Instant.parse("2024-05-02T09:20:00.500Z"));
		assertThat(written.customMetadata()).isEmpty();
	}

	@Test
	void writeWithCasSendsOptions() {
		this.client.expect("POST", "secret/data/myapp/db")
			.body("{\"data\":{\"password\":\"pw\"},\"options\":{\"cas\":3}}")
			.ok(WRITE_RESPONSE);
		assertThat(this.template.write("myapp/db", Map.of("password", "pw"), 3).version()).isEqualTo(4);
	}

	@Test
	void writeWithCasConflictReportsCurrentVersion() {
		this.client.expect("POST", "secret/data/myapp/db")
			.respond(400, "{\"errors\":[\"check-and-set parameter did not match the current version\"]}");
		this.client.expect("GET", "secret/metadata/myapp/db").ok(METADATA);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.write("myapp/db", Map.of("password", SECRET_VALUE), 1))
			.satisfies((ex) -> {
				assertThat(ex.getExpectedVersion()).isEqualTo(1);
				assertThat(ex.getCurrentVersion()).isEqualTo(3);
				assertThat(ex.getStatus()).isEqualTo(400);
				assertThat(ex.getMessage()).contains("1").contains("3").doesNotContain(SECRET_VALUE);
			});
	}

	@Test
	void writeWithCasConflictWhenMetadataIsDeniedReportsMinusOne() {
		this.client.expect("POST", "secret/data/myapp/db")
			.respond(400, "{\"errors\":[\"check-and-set parameter did not match the current version\"]}");
		this.client.expect("GET", "secret/metadata/myapp/db")
			.respond(403, "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}");
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.write("myapp/db", Map.of("password", "pw"), 1))
			.satisfies((ex) -> assertThat(ex.getCurrentVersion()).isEqualTo(-1));
	}

	@Test
	void writeWithoutCasWhenRequiredExplainsHowToFix() {
		this.client.expect("POST", "secret/data/myapp/db")
			.respond(400, "{\"errors\":[\"check-and-set parameter required for this call\"]}");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.template.write("myapp/db", Map.of("password", SECRET_VALUE)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("myapp/db")
				.contains("secret")
				.contains("write(path, data, cas)")
				.doesNotContain(SECRET_VALUE))
			.isNotInstanceOf(VersionConflictException.class);
	}

	@Test
	void writeOtherFailurePropagates() {
		this.client.expect("POST", "secret/data/myapp/db")
			.respond(400, "{\"errors\":[\"Upgrading from non-versioned to versioned data. This backend will be unavailable for a brief period and will resume service shortly.\"]}");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.template.write("myapp/db", Map.of("password", "pw")))
			.withMessageContaining("Upgrading");
	}

	@Test
	void patchSendsMergePatchKeepingNulls() {
		Map<String, Object> patch = new LinkedHashMap<>();
		patch.put("password", "new");
		patch.put("old", null);
		patch.put("nested", Map.of("a", 1));
		this.client.expect("PATCH", "secret/data/myapp/db")
			.body("{\"data\":{\"password\":\"new\",\"old\":null,\"nested\":{\"a\":1}}}")
			.ok(WRITE_RESPONSE);
		assertThat(this.template.patch("myapp/db", patch).version()).isEqualTo(4);
	}

	@Test
	void patchWithCasConflict() {
		this.client.expect("PATCH", "secret/data/myapp/db")
			.body("{\"data\":{\"password\":\"new\"},\"options\":{\"cas\":2}}")
			.respond(400, "{\"errors\":[\"check-and-set parameter did not match the current version\"]}");
		this.client.expect("GET", "secret/metadata/myapp/db").ok(METADATA);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.patch("myapp/db", Map.of("password", "new"), 2))
			.satisfies((ex) -> assertThat(ex.getCurrentVersion()).isEqualTo(3));
	}

	@Test
	void patchOfAbsentKeyThrowsNotFound() {
		this.client.expect("PATCH", "secret/data/missing").respond(404, "");
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> this.template.patch("missing", Map.of("a", "b")));
	}

	@Test
	void deleteSoftDeletesCurrentVersion() {
		this.client.expect("DELETE", "secret/data/myapp/db").noContent();
		this.template.delete("myapp/db");
	}

	@Test
	void deleteVersionsUndeleteAndDestroy() {
		this.client.expect("POST", "secret/delete/myapp/db").body("{\"versions\":[1,2]}").noContent();
		this.client.expect("GET", "secret/metadata/myapp/db").ok(METADATA);
		this.client.expect("POST", "secret/undelete/myapp/db").body("{\"versions\":[2]}").noContent();
		this.client.expect("GET", "secret/metadata/myapp/db").ok(METADATA);
		this.client.expect("POST", "secret/destroy/myapp/db").body("{\"versions\":[1]}").noContent();
		this.template.delete("myapp/db", 1, 2);
		this.template.undelete("myapp/db", 2);
		this.template.destroy("myapp/db", 1);
	}

	@Test
	void versionOperationsNeedVersions() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.destroy("myapp/db"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.undelete("myapp/db", 0));
		assertThat(this.client.requests()).isEmpty();
	}

	@Test
	void listFolder() {
		this.client.expect("LIST", "secret/metadata/myapp/")
			.ok("{\"request_id\":\"1\",\"data\":{\"keys\":[\"db\",\"api/\",\"api\"]},\"warnings\":null}");
		assertThat(this.template.list("myapp")).containsExactly("api", "api/", "db");
	}

	@Test
	void listRoot() {
		this.client.expect("LIST", "secret/metadata/").ok("{\"data\":{\"keys\":[\"myapp/\"]}}");
		assertThat(this.template.list("")).containsExactly("myapp/");
	}

	@Test
	void listFolderWithTrailingSlash() {
		this.client.expect("LIST", "secret/metadata/myapp/").ok("{\"data\":{\"keys\":[\"db\"]}}");
		assertThat(this.template.list("myapp/")).containsExactly("db");
	}

	@Test
	void listAbsentFolderIsEmpty() {
		this.client.expect("LIST", "secret/metadata/nothing/").respond(404, "{\"errors\":[]}");
		assertThat(this.template.list("nothing")).isEmpty();
	}

	@Test
	void readMetadataParsesEverything() {
		this.client.expect("GET", "secret/metadata/myapp/db").ok(METADATA);
		KeyMetadata metadata = this.template.readMetadata("myapp/db");
		assertThat(metadata).isNotNull();
		assertThat(metadata.currentVersion()).isEqualTo(3);
		assertThat(metadata.oldestVersion()).isEqualTo(1);
		assertThat(metadata.maxVersions()).isEqualTo(5);
		assertThat(metadata.casRequired()).isTrue();
		assertThat(metadata.deleteVersionAfter()).isEqualTo(Duration.ofMinutes(90));
		assertThat(metadata.createdTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
		assertThat(metadata.customMetadata()).containsExactly(Map.entry("owner", "team-a"));
		assertThat(metadata.versions()).containsOnlyKeys(1L, 2L, 3L);
		assertThat(metadata.versions().get(1L).deletionTime()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
		assertThat(metadata.versions().get(1L).isDeletedAt(Instant.parse("2024-06-01T00:00:00Z"))).isTrue();
		assertThat(metadata.versions().get(2L).destroyed()).isTrue();
		assertThat(metadata.versions().get(3L).version()).isEqualTo(3);
		assertThat(metadata.versions().get(3L).deletionTime()).isNull();
	}

	@Test
	void readMetadataOfAbsentKeyIsNull() {
		this.client.expect("GET", "secret/metadata/missing").respond(404, "{\"errors\":[]}");
		assertThat(this.template.readMetadata("missing")).isNull();
	}

	@Test
	void writeMetadataSendsOnlySetFields() {
		this.client.expect("POST", "secret/metadata/myapp/db")
			.body("{\"max_versions\":5,\"cas_required\":true,\"delete_version_after\":\"5400s\","
					+ "\"custom_metadata\":{\"owner\":\"team-a\"}}")
			.noContent();
		this.client.expect("POST", "secret/metadata/myapp/db").body("{\"cas_required\":false}").noContent();
		this.template.writeMetadata("myapp/db", MetadataUpdate.empty()
			.withMaxVersions(5)
			.withCasRequired(true)
			.withDeleteVersionAfter(Duration.ofMinutes(90))
			.withCustomMetadata(Map.of("owner", "team-a")));
		this.template.writeMetadata("myapp/db", MetadataUpdate.empty().withCasRequired(false));
	}

	@Test
	void writeMetadataRejectsNullCustomValue() {
		Map<String, String> custom = new LinkedHashMap<>();
		custom.put("owner", null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.writeMetadata("myapp/db", MetadataUpdate.empty().withCustomMetadata(custom)))
			.withMessageContaining("patchMetadata");
		assertThat(this.client.requests()).isEmpty();
	}

	@Test
	void patchMetadataSendsNullsToRemoveKeys() {
		Map<String, String> custom = new LinkedHashMap<>();
		custom.put("owner", null);
		custom.put("team", "b");
		this.client.expect("PATCH", "secret/metadata/myapp/db")
			.body("{\"delete_version_after\":\"0s\",\"custom_metadata\":{\"owner\":null,\"team\":\"b\"}}")
			.noContent();
		this.template.patchMetadata("myapp/db",
				MetadataUpdate.empty().withDeleteVersionAfter(Duration.ZERO).withCustomMetadata(custom));
	}

	@Test
	void deleteMetadata() {
		this.client.expect("DELETE", "secret/metadata/myapp/db").noContent();
		this.template.deleteMetadata("myapp/db");
	}

	@Test
	void readConfigParsesGoDurations() {
		this.client.expect("GET", "secret/config")
			.ok("{\"data\":{\"cas_required\":false,\"delete_version_after\":\"-1s\",\"max_versions\":0}}");
		assertThat(this.template.readConfig()).isEqualTo(new KvEngineConfig(0, false, Duration.ofSeconds(-1)));
	}

	@Test
	void writeConfig() {
		this.client.expect("POST", "secret/config")
			.body("{\"max_versions\":7,\"cas_required\":true,\"delete_version_after\":\"3600s\"}")
			.noContent();
		this.template.writeConfig(new KvEngineConfig(7, true, Duration.ofHours(1)));
	}

	@Test
	void invalidPathsFailBeforeAnyRequest() {
		assertThatExceptionOfType(InvalidPathException.class).isThrownBy(() -> this.template.read(""))
			.withMessageContaining("empty")
			.withMessageContaining("secret");
		assertThatExceptionOfType(InvalidPathException.class).isThrownBy(() -> this.template.read("/myapp"))
			.withMessageContaining("leading '/'");
		assertThatExceptionOfType(InvalidPathException.class).isThrownBy(() -> this.template.read("myapp/"))
			.withMessageContaining("folder");
		assertThatExceptionOfType(InvalidPathException.class).isThrownBy(() -> this.template.read("a//b"));
		assertThatExceptionOfType(InvalidPathException.class).isThrownBy(() -> this.template.read("a/../b"));
		assertThatExceptionOfType(InvalidPathException.class)
			.isThrownBy(() -> this.template.write("a?b", Map.of("k", "v")));
		assertThatExceptionOfType(InvalidPathException.class).isThrownBy(() -> this.template.list("/x"));
		assertThat(this.client.requests()).isEmpty();
	}

	@Test
	void mountNameIsNormalized() {
		KvTemplate template = new KvTemplate(this.client, "/team/secret/", KvVersion.V2);
		assertThat(template.getMount()).isEqualTo("team/secret");
		assertThatExceptionOfType(InvalidPathException.class)
			.isThrownBy(() -> new KvTemplate(this.client, " ", KvVersion.V2));
		assertThatExceptionOfType(InvalidPathException.class)
			.isThrownBy(() -> new KvTemplate(this.client, "secret//", KvVersion.V2));
	}

	@Test
	void toStringShowsMountAndVersion() {
		assertThat(this.template).hasToString("KvTemplate[mount=secret, version=V2]");
	}

	record DbRecord(String password, int port, boolean enabled) {
	}

	record Wrong(int password) {
	}

	static class DbBean {

		private String password;

		private int port;

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

}
