package dev.vaultkv.embedded.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;

import static dev.vaultkv.embedded.kv.KvTestSupport.assertJson;
import static dev.vaultkv.embedded.kv.KvTestSupport.data;
import static dev.vaultkv.embedded.kv.KvTestSupport.json;
import static dev.vaultkv.embedded.kv.KvTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the KV v2 backend through {@link Backend#handle}, without HTTP.
 */
class KvV2BackendTests {

	private static final Instant START = Instant.parse("2026-01-02T03:04:05.120Z");

	private final MutableClock clock = new MutableClock(START);

	private final Backend backend = new KvBackendFactory().create(KvTestSupport.mount(this.clock, Map.of("version", "2")));

	private ApiResponse call(String method, String path, String body) {
		return KvTestSupport.call(this.backend, this.clock, method, path, body);
	}

	private ApiResponse call(String method, String path) {
		return KvTestSupport.call(this.backend, this.clock, method, path);
	}

	@Test
	void writeReturnsVersionMetadata() {
		ApiResponse response = call("POST", "data/app/db", "{\"data\":{\"password\":\"s3cr3t\"}}");
		assertThat(response.getStatus()).isEqualTo(200);
		assertJson(response.getData(), """
				{"created_time":"2026-01-02T03:04:05.12Z","custom_metadata":null,"deletion_time":"",
				"destroyed":false,"version":1}""");
		assertThat(response.getWarnings()).isEmpty();
	}

	@Test
	void readReturnsDataAndMetadata() {
		call("POST", "data/app", "{\"data\":{\"password\":\"s3cr3t\"}}");
		this.clock.advance(Duration.ofNanos(1));
		call("PUT", "data/app", "{\"data\":{\"password\":\"two\"}}");
		ApiResponse latest = call("GET", "data/app");
		assertThat(latest.getStatus()).isEqualTo(200);
		assertJson(latest.getData(), """
				{"data":{"password":"two"},"metadata":{"created_time":"2026-01-02T03:04:05.120000001Z",
				"custom_metadata":null,"deletion_time":"","destroyed":false,"version":2}}""");
		assertThat(call("GET", "data/app", "{\"version\":\"1\"}").getData().at("/data/password").stringValue())
			.isEqualTo("s3cr3t");
		assertThat(call("GET", "data/app", "{\"version\":\"0\"}").getData().at("/metadata/version").asLong())
			.isEqualTo(2);
		assertThat(call("GET", "data/app", "{\"version\":\"-3\"}").getData().at("/metadata/version").asLong())
			.isEqualTo(2);
	}

	@Test
	void readOfMissingKeyOrVersionIsPlain404() {
		call("POST", "data/app", "{\"data\":{}}");
		assertNotFound(call("GET", "data/missing"));
		assertNotFound(call("GET", "data/app", "{\"version\":\"7\"}"));
		call("POST", "metadata/meta-only", "{\"max_versions\":3}");
		assertNotFound(call("GET", "data/meta-only"));
	}

	@Test
	void readOfDeletedVersionIsEnvelope404WithMetadata() {
		call("POST", "data/app", "{\"data\":{\"a\":\"b\"}}");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(call("DELETE", "data/app").getStatus()).isEqualTo(204);
		ApiResponse response = call("GET", "data/app");
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getErrors()).isNull();
		assertJson(response.getFullBody(), """
				{"data":{"data":null,"metadata":{"created_time":"2026-01-02T03:04:05.12Z","custom_metadata":null,
				"deletion_time":"2026-01-02T03:04:06.12Z","destroyed":false,"version":1}}}""");
	}

	@Test
	void readOfDestroyedVersionIsEnvelope404() {
		call("POST", "data/app", "{\"data\":{\"a\":\"b\"}}");
		assertThat(call("POST", "destroy/app", "{\"versions\":[1]}").getStatus()).isEqualTo(204);
		ApiResponse response = call("GET", "data/app");
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(data(response).at("/metadata/destroyed").booleanValue()).isTrue();
		assertThat(data(response).get("data").isNull()).isTrue();
	}

	@Test
	void futureDeletionTimeStillReads() {
		call("POST", "config", "{\"delete_version_after\":\"1h\"}");
		call("POST", "data/app", "{\"data\":{\"a\":\"b\"}}");
		ApiResponse response = call("GET", "data/app");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getData().at("/metadata/deletion_time").stringValue()).isEqualTo("2026-01-02T04:04:05.12Z");
		this.clock.advance(Duration.ofHours(2));
		assertThat(call("GET", "data/app").getStatus()).isEqualTo(404);
	}

	@Test
	void writeWithoutDataIsRejected() {
		assertError(call("POST", "data/app", "{\"options\":{}}"), 400, "no data provided");
		assertThat(call("POST", "data/app", "{\"data\":{}}").getData().get("version").asLong()).isEqualTo(1);
	}

	@Test
	void casErrorsUseVaultWording() {
		call("POST", "data/app", "{\"data\":{}}");
		assertError(call("POST", "data/app", "{\"data\":{},\"options\":{\"cas\":0}}"), 400,
				"check-and-set parameter did not match the current version");
		assertError(call("POST", "data/app", "{\"data\":{},\"options\":{\"cas\":\"x\"}}"), 400,
				"error parsing check-and-set parameter");
		assertThat(call("POST", "data/app", "{\"data\":{},\"options\":{\"cas\":\"1\"}}").getStatus()).isEqualTo(200);
		call("POST", "config", "{\"cas_required\":true}");
		assertError(call("POST", "data/app", "{\"data\":{}}"), 400, "check-and-set parameter required for this call");
		assertError(call("PATCH", "data/app", "{\"data\":{}}"), 400, "check-and-set parameter required for this call");
	}

	@Test
	void patchMergesAndReturnsNewVersion() {
		call("POST", "data/app", "{\"data\":{\"a\":\"1\",\"b\":{\"c\":\"2\",\"d\":\"3\"},\"e\":\"4\"}}");
		ApiResponse patched = call("PATCH", "data/app", "{\"data\":{\"b\":{\"d\":null},\"e\":null,\"f\":[1,2]}}");
		assertThat(patched.getStatus()).isEqualTo(200);
		assertThat(patched.getData().get("version").asLong()).isEqualTo(2);
		assertJson(call("GET", "data/app").getData().get("data"),
				"{\"a\":\"1\",\"b\":{\"c\":\"2\"},\"f\":[1,2]}");
	}

	@Test
	void patchNotFoundForms() {
		assertError(call("PATCH", "data/app", "{}"), 400, "no data provided");
		assertNotFound(call("PATCH", "data/app", "{\"data\":{\"a\":\"b\"}}"));
		call("POST", "data/app", "{\"data\":{\"a\":\"b\"}}");
		call("DELETE", "data/app");
		ApiResponse deleted = call("PATCH", "data/app", "{\"data\":{\"a\":\"c\"}}");
		assertThat(deleted.getStatus()).isEqualTo(404);
		assertJson(deleted.getFullBody(), """
				{"data":{"created_time":"2026-01-02T03:04:05.12Z","custom_metadata":null,
				"deletion_time":"2026-01-02T03:04:05.12Z","destroyed":false,"version":1}}""");
	}

	@Test
	void versionsAcceptArrayOrCommaString() {
		for (int i = 0; i < 3; i++) {
			call("POST", "data/app", "{\"data\":{}}");
		}
		assertThat(call("POST", "delete/app", "{\"versions\":\"1, 2\"}").getStatus()).isEqualTo(204);
		JsonNode versions = call("GET", "metadata/app").getData().get("versions");
		assertThat(versions.at("/1/deletion_time").stringValue()).isNotEmpty();
		assertThat(versions.at("/2/deletion_time").stringValue()).isNotEmpty();
		assertThat(versions.at("/3/deletion_time").stringValue()).isEmpty();
		assertThat(call("PUT", "undelete/app", "{\"versions\":[2]}").getStatus()).isEqualTo(204);
		assertThat(call("GET", "data/app", "{\"version\":\"2\"}").getStatus()).isEqualTo(200);
	}

	@Test
	void missingVersionsUseExactMessages() {
		assertError(call("POST", "delete/app", "{}"), 400, "No version number provided");
		assertError(call("POST", "undelete/app", "{\"versions\":[]}"), 400, "No version number provided");
		assertError(call("POST", "destroy/app", "{}"), 400, "no version number provided");
		assertThat(call("POST", "destroy/missing", "{\"versions\":[1]}").getStatus()).isEqualTo(204);
	}

	@Test
	void metadataReadShowsEveryVersion() {
		for (int i = 0; i < 11; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			call("POST", "data/app", "{\"data\":{}}");
		}
		ApiResponse response = call("GET", "metadata/app");
		JsonNode data = response.getData();
		assertThat(data.get("current_version").asLong()).isEqualTo(11);
		assertThat(data.get("oldest_version").asLong()).isEqualTo(2);
		assertThat(data.get("max_versions").asLong()).isZero();
		assertThat(data.get("cas_required").booleanValue()).isFalse();
		assertThat(data.get("delete_version_after").stringValue()).isEqualTo("0s");
		assertThat(data.get("custom_metadata").isNull()).isTrue();
		assertThat(data.get("created_time").stringValue()).isEqualTo("2026-01-02T03:04:06.12Z");
		assertThat(data.get("updated_time").stringValue()).isEqualTo("2026-01-02T03:04:16.12Z");
		assertThat(data.get("versions").propertyNames()).containsExactly("10", "11", "2", "3", "4", "5", "6", "7",
				"8", "9");
		assertJson(data.at("/versions/11"), """
				{"created_time":"2026-01-02T03:04:16.12Z","deletion_time":"","destroyed":false}""");
	}

	@Test
	void metadataWriteUpdatesGivenFieldsOnly() {
		assertThat(call("POST", "metadata/app", "{}").getStatus()).isEqualTo(204);
		assertNotFound(call("GET", "metadata/app"));
		assertThat(call("POST", "metadata/app",
				"{\"max_versions\":5,\"cas_required\":true,\"delete_version_after\":\"1h30m\",\"custom_metadata\":{\"owner\":\"me\",\"n\":1}}")
			.getStatus()).isEqualTo(204);
		call("POST", "metadata/app", "{\"max_versions\":\"7\"}");
		JsonNode data = call("GET", "metadata/app").getData();
		assertThat(data.get("max_versions").asLong()).isEqualTo(7);
		assertThat(data.get("cas_required").booleanValue()).isTrue();
		assertThat(data.get("delete_version_after").stringValue()).isEqualTo("1h30m0s");
		assertJson(data.get("custom_metadata"), "{\"n\":\"1\",\"owner\":\"me\"}");
		assertThat(data.get("current_version").asLong()).isZero();
		assertJson(data.get("versions"), "{}");
	}

	@Test
	void customMetadataAppearsInDataReads() {
		call("POST", "data/app", "{\"data\":{}}");
		call("POST", "metadata/app", "{\"custom_metadata\":{\"team\":\"x\"}}");
		assertJson(call("GET", "data/app").getData().at("/metadata/custom_metadata"), "{\"team\":\"x\"}");
	}

	@Test
	void casRequiredFalseWarnsWhenMountRequiresIt() {
		call("POST", "config", "{\"cas_required\":true}");
		ApiResponse response = call("POST", "metadata/app", "{\"cas_required\":false}");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getData()).isNull();
		assertThat(response.getWarnings()).containsExactly(
				"\"cas_required\" set to false, but is mandated by backend config. This value will be ignored.");
	}

	@Test
	void customMetadataLimits() {
		StringBuilder many = new StringBuilder("{\"custom_metadata\":{");
		for (int i = 0; i < 65; i++) {
			many.append(i > 0 ? "," : "").append("\"k").append(i).append("\":\"v\"");
		}
		many.append("}}");
		assertError(call("POST", "metadata/app", many.toString()), 400,
				"1 error occurred:\n\t* custom_metadata validation failed: payload must contain at most 64 keys, provided 65\n\n");
		assertError(call("POST", "metadata/app", "{\"custom_metadata\":{\"k\":\"\"}}"), 400,
				"1 error occurred:\n\t* custom_metadata validation failed: length of value for key \"k\" is 0 but must be 0 < len(value) <= 512\n\n");
		String longKey = "k".repeat(129);
		assertError(call("POST", "metadata/app", "{\"custom_metadata\":{\"" + longKey + "\":\"v\\u0001\"}}"), 400,
				"2 errors occurred:\n\t* custom_metadata validation failed: length of key \"" + longKey
						+ "\" is 129 but must be 0 < len(key) <= 128\n\t* custom_metadata validation failed: value for key \""
						+ longKey + "\" contains unprintable characters\n\n");
		assertNotFound(call("GET", "metadata/app"));
	}

	@Test
	void metadataPatchMergesCustomMetadata() {
		assertNotFound(call("PATCH", "metadata/app", "{\"max_versions\":2}"));
		call("POST", "metadata/app", "{\"max_versions\":3,\"custom_metadata\":{\"a\":\"1\",\"b\":\"2\"}}");
		assertThat(call("PATCH", "metadata/app", "{\"cas_required\":true,\"custom_metadata\":{\"a\":null,\"c\":\"3\"}}")
			.getStatus()).isEqualTo(204);
		JsonNode data = call("GET", "metadata/app").getData();
		assertThat(data.get("max_versions").asLong()).isEqualTo(3);
		assertThat(data.get("cas_required").booleanValue()).isTrue();
		assertJson(data.get("custom_metadata"), "{\"b\":\"2\",\"c\":\"3\"}");
	}

	@Test
	void metadataDeleteRemovesKeyAndIsIdempotent() {
		call("POST", "data/app", "{\"data\":{}}");
		assertThat(call("DELETE", "metadata/app").getStatus()).isEqualTo(204);
		assertThat(call("DELETE", "metadata/app").getStatus()).isEqualTo(204);
		assertNotFound(call("GET", "metadata/app"));
		assertNotFound(call("GET", "data/app"));
	}

	@Test
	void listShowsDirectChildren() {
		for (String key : new String[] { "app", "app/db", "app/x/y", "other" }) {
			call("POST", "data/" + key, "{\"data\":{}}");
		}
		assertJson(call("LIST", "metadata/").getData(), "{\"keys\":[\"app\",\"app/\",\"other\"]}");
		assertJson(call("LIST", "metadata/app").getData(), "{\"keys\":[\"db\",\"x/\"]}");
		assertNotFound(call("LIST", "metadata/other/"));
		assertNotFound(call("LIST", "metadata/none/"));
	}

	@Test
	void subkeysStripValues() {
		call("POST", "data/app", "{\"data\":{\"a\":\"1\",\"b\":{\"c\":{\"d\":\"2\"},\"e\":{}},\"f\":[1]}}");
		ApiResponse response = call("GET", "subkeys/app");
		assertJson(response.getData().get("subkeys"),
				"{\"a\":null,\"b\":{\"c\":{\"d\":null},\"e\":null},\"f\":null}");
		assertThat(response.getData().at("/metadata/version").asLong()).isEqualTo(1);
		assertJson(call("GET", "subkeys/app", "{\"depth\":\"1\"}").getData().get("subkeys"),
				"{\"a\":null,\"b\":null,\"f\":null}");
		assertJson(call("GET", "subkeys/app", "{\"depth\":\"2\"}").getData().get("subkeys"),
				"{\"a\":null,\"b\":{\"c\":null,\"e\":null},\"f\":null}");
		call("DELETE", "data/app");
		ApiResponse deleted = call("GET", "subkeys/app");
		assertThat(deleted.getStatus()).isEqualTo(404);
		assertThat(data(deleted).get("subkeys").isNull()).isTrue();
		assertNotFound(call("GET", "subkeys/missing"));
	}

	@Test
	void configReadAndWrite() {
		assertJson(call("GET", "config").getData(),
				"{\"cas_required\":false,\"delete_version_after\":\"0s\",\"max_versions\":0}");
		assertThat(call("POST", "config", "{\"max_versions\":4,\"cas_required\":\"true\",\"delete_version_after\":3600}")
			.getStatus()).isEqualTo(204);
		assertJson(call("GET", "config").getData(),
				"{\"cas_required\":true,\"delete_version_after\":\"1h0m0s\",\"max_versions\":4}");
		call("POST", "config", "{\"delete_version_after\":\"-10s\"}");
		assertThat(call("GET", "config").getData().get("delete_version_after").stringValue()).isEqualTo("-1s");
		call("POST", "config", "{\"delete_version_after\":0}");
		assertThat(call("GET", "config").getData().get("delete_version_after").stringValue()).isEqualTo("0s");
		assertError(call("DELETE", "config"), 405, "1 error occurred:\n\t* unsupported operation\n\n");
	}

	@Test
	void invalidV1StylePathsAnswerEnvelope404WithVerb() {
		assertInvalid(call("GET", "app"), "get");
		assertInvalid(call("POST", "app", "{\"a\":\"b\"}"), "put");
		assertInvalid(call("LIST", ""), "list");
		assertInvalid(call("LIST", "data/"), "list");
		assertInvalid(call("DELETE", "app"), "delete");
		assertInvalid(call("PATCH", "app"), "patch");
		assertInvalid(call("GET", "data/app/"), "get");
	}

	@Test
	void bareRootPathsAnswerNonListingWarning() {
		for (String root : new String[] { "data", "metadata", "delete", "undelete", "destroy" }) {
			ApiResponse response = call("GET", root);
			assertThat(response.getStatus()).isEqualTo(404);
			assertJson(response.getFullBody(), 
					"{\"data\":null,\"warnings\":[\"Non-listing operations on the root of a K/V v2 mount are not supported.\"]}");
		}
	}

	@Test
	void unsupportedOperationsOnKnownPaths() {
		assertInvalid(call("LIST", "data/app"), "list");
		assertError(call("GET", "delete/app"), 405, "1 error occurred:\n\t* unsupported operation\n\n");
		assertError(call("POST", "subkeys/app"), 405, "1 error occurred:\n\t* unsupported operation\n\n");
	}

	@Test
	void fieldValidationFailure() {
		assertThat(call("GET", "data/app", "{\"version\":\"abc\"}").getErrors()).singleElement()
			.asString()
			.startsWith("Field validation failed: error converting input abc for field \"version\"");
		assertThat(call("POST", "data/app", "{\"data\":\"text\"}").getErrors()).singleElement()
			.asString()
			.startsWith("Field validation failed: error converting input text for field \"data\"");
		assertThat(call("POST", "config", "{\"delete_version_after\":\"soon\"}").getErrors()).singleElement()
			.asString()
			.isEqualTo("Field validation failed: error converting input soon for field \"delete_version_after\": "
					+ "time: invalid duration \"soon\"");
	}

	@Test
	void unknownParametersWarnOnSuccessfulReads() {
		call("POST", "data/app", "{\"data\":{}}");
		assertThat(call("GET", "data/app", "{\"token\":\"x\",\"b\":\"1\"}").getWarnings())
			.containsExactly("Endpoint ignored these unrecognized parameters: [b token]");
		assertThat(call("POST", "data/app", "{\"data\":{},\"extra\":1}").getWarnings())
			.containsExactly("Endpoint ignored these unrecognized parameters: [extra]");
	}

	@Test
	void numbersReadBackAsGoFloat64() {
		call("POST", "data/app", "{\"data\":{\"i\":1,\"f\":1.0,\"x\":1.5,\"big\":12345678901234567891,\"s\":\"7\"}}");
		assertThat(call("GET", "data/app").getData().get("data").toString())
			.isEqualTo("{\"i\":1,\"f\":1,\"x\":1.5,\"big\":12345678901234567000,\"s\":\"7\"}");
	}

	@Test
	void existenceCheckCoversDataAndMetadata() {
		assertThat(this.backend.exists(request("POST", "data/app", "{}", this.clock))).isFalse();
		call("POST", "metadata/app", "{\"max_versions\":1}");
		assertThat(this.backend.exists(request("POST", "data/app", "{}", this.clock))).isTrue();
		assertThat(this.backend.exists(request("POST", "metadata/app", "{}", this.clock))).isTrue();
		call("POST", "data/gone", "{\"data\":{}}");
		call("DELETE", "data/gone");
		assertThat(this.backend.exists(request("PUT", "data/gone", "{}", this.clock))).isTrue();
		assertThat(this.backend.exists(request("POST", "delete/app", "{}", this.clock))).isNull();
		assertThat(this.backend.exists(request("POST", "config", "{}", this.clock))).isNull();
	}

	@Test
	void customMetadataValuesAreCoercedToStrings() {
		call("POST", "metadata/app", "{\"custom_metadata\":{\"n\":1.5,\"b\":true,\"s\":\"x\"}}");
		assertJson(call("GET", "metadata/app").getData().get("custom_metadata"), "{\"b\":\"1\",\"n\":\"1.5\",\"s\":\"x\"}");
		assertThat(call("POST", "metadata/app", "{\"custom_metadata\":{\"o\":{\"a\":1}}}").getErrors()).singleElement()
			.asString()
			.startsWith("custom_metadata validation failed: ");
	}

	@Test
	void metadataPatchWithNullsResetsFields() {
		call("POST", "metadata/app", "{\"max_versions\":3,\"delete_version_after\":\"1m\",\"custom_metadata\":{\"a\":\"1\"}}");
		assertThat(call("PATCH", "metadata/app", "{\"max_versions\":null,\"custom_metadata\":null}").getStatus())
			.isEqualTo(204);
		JsonNode data = call("GET", "metadata/app").getData();
		assertThat(data.get("max_versions").asLong()).isZero();
		assertThat(data.get("custom_metadata").isNull()).isTrue();
		assertThat(data.get("delete_version_after").stringValue()).isEqualTo("1m0s");
	}

	@Test
	void noContentResponsesCarryNoIgnoredParameterWarnings() {
		call("POST", "data/app", "{\"data\":{}}");
		ApiResponse response = call("DELETE", "data/app", "{\"bogus\":\"1\"}");
		assertThat(response.getStatus()).isEqualTo(204);
		assertThat(response.getWarnings()).isEmpty();
	}

	@Test
	void pathParameterIsReplacedByTheUrl() {
		ApiResponse response = call("POST", "data/app", "{\"data\":{},\"path\":\"other\"}");
		assertThat(response.getWarnings()).containsExactly("Endpoint replaced the value of these parameters with the "
				+ "values captured from the endpoint's path: [path]");
		assertThat(call("GET", "data/app").getStatus()).isEqualTo(200);
		assertNotFound(call("GET", "data/other"));
	}

	@Test
	void nonIntegralCasOrVersionIsRejected() {
		call("POST", "data/app", "{\"data\":{}}");
		assertError(call("POST", "data/app", "{\"data\":{},\"options\":{\"cas\":1.5}}"), 400,
				"error parsing check-and-set parameter");
		assertThat(call("GET", "data/app", "{\"version\":\"1.0\"}").getErrors()).singleElement()
			.asString()
			.startsWith("Field validation failed: error converting input 1.0 for field \"version\"");
	}

	@Test
	void writeToAMetadataOnlyKeyWithCasRequiredOnTheKey() {
		call("POST", "metadata/app", "{\"cas_required\":true}");
		assertError(call("POST", "data/app", "{\"data\":{}}"), 400, "check-and-set parameter required for this call");
		assertThat(call("POST", "data/app", "{\"data\":{},\"options\":{\"cas\":0}}").getStatus()).isEqualTo(200);
	}

	@Test
	void destroyedVersionStaysDestroyedAndKeepsItsMetadata() {
		call("POST", "data/app", "{\"data\":{\"a\":\"b\"}}");
		call("POST", "data/app", "{\"data\":{\"a\":\"c\"}}");
		call("PUT", "destroy/app", "{\"versions\":\"1\"}");
		JsonNode versions = call("GET", "metadata/app").getData().get("versions");
		assertThat(versions.at("/1/destroyed").booleanValue()).isTrue();
		assertThat(versions.at("/2/destroyed").booleanValue()).isFalse();
		ApiResponse old = call("GET", "data/app", "{\"version\":\"1\"}");
		assertThat(old.getStatus()).isEqualTo(404);
		assertThat(data(old).at("/metadata/destroyed").booleanValue()).isTrue();
		assertThat(call("GET", "data/app").getStatus()).isEqualTo(200);
	}

	private static void assertNotFound(ApiResponse response) {
		assertError(response, 404, null);
	}

	private static void assertError(ApiResponse response, int status, String message) {
		assertThat(response.getStatus()).isEqualTo(status);
		if (message == null) {
			assertThat(response.getErrors()).isEmpty();
		}
		else {
			assertThat(response.getErrors()).containsExactly(message);
		}
	}

	private static void assertInvalid(ApiResponse response, String verb) {
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getErrors()).isNull();
		assertThat(response.getFullBody().get("data").isNull()).isTrue();
		assertThat(response.getFullBody().get("warnings")).isEqualTo(json("{\"w\":[\"Invalid path for a versioned K/V "
				+ "secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, "
				+ "use 'vault kv " + verb + "' for this operation.\"]}").get("w"));
	}

}
