package dev.vaultkv.kv;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KvTemplate} on a KV version 1 mount.
 */
class KvTemplateV1Tests {

	private static final String INVALID_PATH_WARNING = """
			{"request_id":"9","lease_id":"","renewable":false,"lease_duration":0,"data":null,"wrap_info":null,
			 "warnings":["Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation."],
			 "auth":null}""";

	private final ScriptedVaultClient client = new ScriptedVaultClient();

	private final KvTemplate template = new KvTemplate(this.client, "kv", KvVersion.V1);

	@AfterEach
	void verifyScript() {
		this.client.verify();
	}

	@Test
	void readReturnsDataWithoutMetadata() {
		this.client.expect("GET", "kv/myapp/db").ok("""
				{"request_id":"1","lease_id":"","renewable":false,"lease_duration":2764800,
				 "data":{"password":"pw","port":"5432"},"wrap_info":null,"warnings":null,"auth":null}""");
		VersionedSecret secret = this.template.read("myapp/db");
		assertThat(secret).isNotNull();
		assertThat(secret.metadata()).isNull();
		assertThat(secret.version()).isZero();
		assertThat(secret.data().asMap()).containsExactly(Map.entry("password", "pw"), Map.entry("port", "5432"));
	}

	@Test
	void readAbsentReturnsNull() {
		this.client.expect("GET", "kv/missing").respond(404, "{\"errors\":[]}");
		assertThat(this.template.read("missing")).isNull();
	}

	@Test
	void readOfVersion2MountWithVersion1PathSaysSo() {
		this.client.expect("GET", "kv/myapp/db").respond(404, INVALID_PATH_WARNING);
		assertThatExceptionOfType(KvVersionMismatchException.class).isThrownBy(() -> this.template.read("myapp/db"))
			.withMessageContaining("'kv' is a KV version 2 engine")
			.withMessageContaining("version 1 style path");
	}

	@Test
	void listOfVersion2MountWithVersion1PathSaysSo() {
		this.client.expect("LIST", "kv/").respond(404, INVALID_PATH_WARNING);
		assertThatExceptionOfType(KvVersionMismatchException.class).isThrownBy(() -> this.template.list(""));
	}

	@Test
	void writeReplacesWholeSecret() {
		this.client.expect("POST", "kv/myapp/db").body("{\"password\":\"pw\"}").noContent();
		assertThat(this.template.write("myapp/db", Map.of("password", "pw"))).isNull();
	}

	@Test
	void writeWithoutFieldsFailsBeforeSending() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.write("myapp/db", Map.of()))
			.withMessageContaining("delete");
		assertThat(this.client.requests()).isEmpty();
	}

	@Test
	void delete() {
		this.client.expect("DELETE", "kv/myapp/db").noContent();
		this.template.delete("myapp/db");
	}

	@Test
	void listRootAndFolder() {
		this.client.expect("LIST", "kv/").ok("{\"data\":{\"keys\":[\"myapp/\",\"top\"]}}");
		this.client.expect("LIST", "kv/myapp/").ok("{\"data\":{\"keys\":[\"db\"]}}");
		this.client.expect("LIST", "kv/none/").respond(404, "{\"errors\":[]}");
		assertThat(this.template.list("")).containsExactly("myapp/", "top");
		assertThat(this.template.list("myapp")).containsExactly("db");
		assertThat(this.template.list("none")).isEmpty();
	}

	@Test
	void version2OperationsFailBeforeAnyRequest() {
		List<Consumer<KvTemplate>> operations = List.of((kv) -> kv.read("a", 1),
				(kv) -> kv.write("a", Map.of("k", "v"), 0), (kv) -> kv.patch("a", Map.of("k", "v")),
				(kv) -> kv.patch("a", Map.of("k", "v"), 1), (kv) -> kv.delete("a", 1), (kv) -> kv.undelete("a", 1),
				(kv) -> kv.destroy("a", 1), (kv) -> kv.readMetadata("a"),
				(kv) -> kv.writeMetadata("a", MetadataUpdate.empty().withMaxVersions(1)),
				(kv) -> kv.patchMetadata("a", MetadataUpdate.empty().withMaxVersions(1)),
				(kv) -> kv.deleteMetadata("a"), KvTemplate::readConfig,
				(kv) -> kv.writeConfig(new KvEngineConfig(1, false, Duration.ZERO)));
		for (Consumer<KvTemplate> operation : operations) {
			assertThatExceptionOfType(UnsupportedKvOperationException.class)
				.isThrownBy(() -> operation.accept(this.template))
				.withMessageContaining("'kv' is a KV version 1 engine");
		}
		assertThat(this.client.requests()).isEmpty();
	}

}
