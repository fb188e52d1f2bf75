package dev.vaultkv.embedded.kv;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;

import static dev.vaultkv.embedded.kv.KvTestSupport.assertJson;
import static dev.vaultkv.embedded.kv.KvTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the KV v1 backend through {@link Backend#handle}, without HTTP.
 */
class KvV1BackendTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));

	private final Backend backend = new KvBackendFactory().create(KvTestSupport.mount(this.clock, Map.of()));

	private ApiResponse call(String method, String path, String body) {
		return KvTestSupport.call(this.backend, this.clock, method, path, body);
	}

	@Test
	void readReturnsStoredMapWithMountDefaultLease() {
		assertThat(call("POST", "app/db", "{\"password\":\"s3cr3t\",\"n\":12345678901234567891}").getStatus())
			.isEqualTo(204);
		ApiResponse response = call("GET", "app/db", "{}");
		assertThat(response.getStatus()).isEqualTo(200);
		assertJson(response.getData(), "{\"password\":\"s3cr3t\",\"n\":12345678901234567891}");
		assertThat(response.getLeaseDurationSeconds()).isEqualTo(2764800);
		assertThat(response.isRenewable()).isFalse();
	}

	@Test
	void storedTtlBecomesLeaseDuration() {
		call("POST", "a", "{\"value\":\"x\",\"ttl\":\"1h\"}");
		assertThat(call("GET", "a", "{}").getLeaseDurationSeconds()).isEqualTo(3600);
		call("POST", "b", "{\"value\":\"x\",\"ttl\":90}");
		assertThat(call("GET", "b", "{}").getLeaseDurationSeconds()).isEqualTo(90);
		call("POST", "c", "{\"value\":\"x\",\"lease\":\"30s\"}");
		assertThat(call("GET", "c", "{}").getLeaseDurationSeconds()).isEqualTo(30);
		call("POST", "d", "{\"value\":\"x\",\"ttl\":\"whenever\"}");
		assertThat(call("GET", "d", "{}").getLeaseDurationSeconds()).isEqualTo(2764800);
	}

	@Test
	void writeReplacesWholeBody() {
		call("POST", "a", "{\"one\":\"1\",\"two\":\"2\"}");
		call("PUT", "a", "{\"data\":{\"three\":\"3\"}}");
		assertJson(call("GET", "a", "{}").getData(), "{\"data\":{\"three\":\"3\"}}");
	}

	@Test
	void emptyWriteIsRejected() {
		ApiResponse response = call("POST", "a", "{}");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getErrors()).containsExactly("missing data fields");
	}

	@Test
	void readOfAbsentPathIs404() {
		ApiResponse response = call("GET", "missing", "{}");
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getErrors()).isEmpty();
	}

	@Test
	void deleteIs204AlsoWhenAbsent() {
		call("POST", "a", "{\"k\":\"v\"}");
		assertThat(call("DELETE", "a", "{}").getStatus()).isEqualTo(204);
		assertThat(call("DELETE", "a", "{}").getStatus()).isEqualTo(204);
		assertThat(call("GET", "a", "{}").getStatus()).isEqualTo(404);
	}

	@Test
	void listShowsDirectChildrenOr404() {
		call("POST", "app", "{\"k\":\"v\"}");
		call("POST", "app/db", "{\"k\":\"v\"}");
		call("POST", "app/x/y", "{\"k\":\"v\"}");
		assertJson(call("LIST", "", "{}").getData(), "{\"keys\":[\"app\",\"app/\"]}");
		assertJson(call("LIST", "app", "{}").getData(), "{\"keys\":[\"db\",\"x/\"]}");
		assertThat(call("LIST", "none/", "{}").getStatus()).isEqualTo(404);
	}

	@Test
	void patchIsUnsupported() {
		call("POST", "a", "{\"k\":\"v\"}");
		ApiResponse response = call("PATCH", "a", "{\"k\":\"w\"}");
		assertThat(response.getStatus()).isEqualTo(405);
		assertThat(response.getErrors()).containsExactly("1 error occurred:\n\t* unsupported operation\n\n");
	}

	@Test
	void existenceCheck() {
		assertThat(this.backend.exists(request("POST", "a", "{}", this.clock))).isFalse();
		call("POST", "a", "{\"k\":\"v\"}");
		assertThat(this.backend.exists(request("POST", "a", "{}", this.clock))).isTrue();
	}

}
