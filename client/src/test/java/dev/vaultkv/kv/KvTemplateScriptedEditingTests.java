package dev.vaultkv.kv;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link KvTemplate} sends for paged lists and the patch fallback, where the embedded server
 * answers as current Vault does: OpenBao's server-side paging and a pre-1.9 Vault's 405 to a PATCH.
 */
class KvTemplateScriptedEditingTests {

	private static final String READ_V3 = """
			{"request_id":"1","lease_id":"","renewable":false,"lease_duration":0,
			 "data":{"data":{"a":"1","nested":{"x":"1","y":"2"}},
			  "metadata":{"created_time":"2024-05-02T09:14:07Z","custom_metadata":null,
			   "deletion_time":"","destroyed":false,"version":3}},
			 "wrap_info":null,"warnings":null,"auth":null}""";

	private static final String WRITE_V4 = """
			{"request_id":"2","lease_id":"","renewable":false,"lease_duration":0,
			 "data":{"created_time":"2024-05-02T09:20:00Z","custom_metadata":null,"deletion_time":"",
			  "destroyed":false,"version":4},"wrap_info":null,"warnings":null,"auth":null}""";

	private final ScriptedVaultClient client = new ScriptedVaultClient();

	private final KvTemplate template = new KvTemplate(this.client, "secret", KvVersion.V2);

	@Test
	void pagedListSendsAfterAndLimitAndKeepsAServerPage() {
		this.client.expect("LIST", "secret/metadata/app/")
			.query("after", "b")
			.query("limit", "2")
			.ok("{\"data\":{\"keys\":[\"c\",\"d\"]}}");
		assertThat(this.template.list("app", "b", 2)).containsExactly("c", "d");
		this.client.verify();
	}

	@Test
	void pagedListCutsAServerThatIgnoresThePage() {
		this.client.expect("LIST", "secret/metadata/app/")
			.query("after", "b")
			.query("limit", "2")
			.ok("{\"data\":{\"keys\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}}");
		assertThat(this.template.list("app", "b", 2)).containsExactly("c", "d");
	}

	@Test
	void patchAnsweredWith405FallsBackToAMergeAndACheckAndSetWrite() {
		this.client.expect("PATCH", "secret/data/app").respond(405, "{\"errors\":[\"unsupported operation\"]}");
		this.client.expect("GET", "secret/data/app").ok(READ_V3);
		this.client.expect("POST", "secret/data/app")
			.body("{\"data\":{\"a\":\"1\",\"nested\":{\"x\":\"9\"}},\"options\":{\"cas\":3}}")
			.ok(WRITE_V4);
		Map<String, Object> nested = new HashMap<>();
		nested.put("x", "9");
		nested.put("y", null);
		VersionMetadata written = this.template.withPatchFallback(true)
			.patch("app", Map.of("nested", nested));
		assertThat(written.version()).isEqualTo(4);
		this.client.verify();
	}

	@Test
	void patchAnsweredWith400DoesNotFallBack() {
		this.client.expect("PATCH", "secret/data/app").respond(400, "{\"errors\":[\"bad\"]}");
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(dev.vaultkv.client.InvalidRequestException.class)
			.isThrownBy(() -> this.template.withPatchFallback(true).patch("app", Map.of("a", "2")));
		assertThat(this.client.requests()).hasSize(1);
	}

}
