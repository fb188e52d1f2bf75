package dev.vaultkv.embedded.kv;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.vaultkv.embedded.spi.ApiResponse;

import static dev.vaultkv.embedded.kv.KvTestSupport.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KvBackend} and {@link KvBackendFactory}.
 */
class KvBackendTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));

	private final KvBackendFactory factory = new KvBackendFactory();

	private KvBackend create(Map<String, String> options) {
		return (KvBackend) this.factory.create(KvTestSupport.mount(this.clock, options));
	}

	@Test
	void versionOptionSelectsEngine() {
		assertThat(create(Map.of()).version()).isEqualTo(1);
		assertThat(create(Map.of("version", "1")).version()).isEqualTo(1);
		assertThat(create(Map.of("version", "")).version()).isEqualTo(1);
		assertThat(create(Map.of("version", "2")).version()).isEqualTo(2);
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("version", "3")))
			.withMessageContaining("\"3\"");
	}

	@Test
	void putAndGetSeedWithoutHttp() {
		KvBackend v2 = create(Map.of("version", "2"));
		v2.put("app/db", Map.of("password", "s3cr3t", "port", 5432));
		v2.put("app/db", Map.of("password", "rotated"));
		assertThat(v2.get("app/db")).containsExactly(Map.entry("password", "rotated"));
		ApiResponse read = KvTestSupport.call(v2, this.clock, "GET", "data/app/db", "{\"version\":\"1\"}");
		assertJson(read.getData().get("data"), "{\"password\":\"s3cr3t\",\"port\":5432}");
		KvBackend v1 = create(Map.of());
		v1.put("app/db", Map.of("password", "s3cr3t"));
		assertThat(v1.get("app/db")).containsEntry("password", "s3cr3t");
		assertThat(v1.get("missing")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> v1.put("folder/", Map.of("a", "b")));
	}

	@Test
	void getHidesDeletedVersions() {
		KvBackend v2 = create(Map.of("version", "2"));
		v2.put("a", Map.of("k", "v"));
		KvTestSupport.call(v2, this.clock, "DELETE", "data/a");
		assertThat(v2.get("a")).isNull();
	}

	@Test
	void upgradesWhenTheLiveVersionOptionTurnsToTwo() {
		Map<String, String> options = new ConcurrentHashMap<>(Map.of("version", "1"));
		KvBackend backend = create(options);
		backend.put("app", Map.of("k", "v"));
		options.put("version", "2");
		ApiResponse read = KvTestSupport.call(backend, this.clock, "GET", "data/app");
		assertThat(read.getStatus()).isEqualTo(200);
		assertJson(read.getData().get("data"), "{\"k\":\"v\"}");
		assertThat(backend.version()).isEqualTo(2);
	}

	@Test
	void upgradeTurnsEverySecretIntoVersionOne() {
		KvBackend backend = create(Map.of());
		KvTestSupport.call(backend, this.clock, "POST", "app/db", "{\"password\":\"s3cr3t\"}");
		KvTestSupport.call(backend, this.clock, "POST", "other", "{\"k\":\"v\"}");
		backend.upgradeToV2();
		assertThat(backend.version()).isEqualTo(2);
		ApiResponse read = KvTestSupport.call(backend, this.clock, "GET", "data/app/db");
		assertThat(read.getStatus()).isEqualTo(200);
		assertJson(read.getData(), """
				{"data":{"password":"s3cr3t"},"metadata":{"created_time":"2026-01-02T03:04:05Z",
				"custom_metadata":null,"deletion_time":"","destroyed":false,"version":1}}""");
		ApiResponse list = KvTestSupport.call(backend, this.clock, "LIST", "metadata/");
		assertThat(list.getData().get("keys").values()).extracting((node) -> node.stringValue())
			.isEqualTo(List.of("app/", "other"));
		ApiResponse v1Style = KvTestSupport.call(backend, this.clock, "GET", "other");
		assertThat(v1Style.getStatus()).isEqualTo(404);
		assertThat(v1Style.getFullBody().get("warnings").get(0).stringValue()).contains("vault kv get");
		backend.upgradeToV2();
		assertThat(KvTestSupport.call(backend, this.clock, "GET", "metadata/other").getData().get("current_version")
			.asLong()).isEqualTo(1);
	}

}
