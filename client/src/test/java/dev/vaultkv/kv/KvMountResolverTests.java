package dev.vaultkv.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.client.VaultResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KvMountResolver} and the version detection of {@link KvTemplate}.
 */
@ExtendWith(OutputCaptureExtension.class)
class KvMountResolverTests {

	private static final String V2_MOUNT = """
			{"request_id":"1","lease_id":"","renewable":false,"lease_duration":0,
			 "data":{"accessor":"kv_6a1e","config":{"default_lease_ttl":0,"force_no_cache":false,"max_lease_ttl":0},
			  "description":"key/value secret storage","external_entropy_access":false,"local":false,
			  "options":{"version":"2"},"path":"secret/","plugin_version":"","running_plugin_version":"v0.20.0+builtin",
			  "running_sha256":"","seal_wrap":false,"type":"kv","uuid":"5d2a"},
			 "wrap_info":null,"warnings":null,"auth":null}""";

	private static final String V1_MOUNT = """
			{"data":{"accessor":"kv_1","config":{},"description":"","local":false,"options":null,"path":"kv/",
			 "seal_wrap":false,"type":"kv","uuid":"1"}}""";

	private static final String DENIED = """
			{"errors":["preflight capability check returned 403, please ensure client's policies grant access to path \\"secret/\\""]}""";

	private static final String READ = """
			{"data":{"data":{"k":"v"},"metadata":{"created_time":"2024-05-02T09:14:07Z","custom_metadata":null,
			 "deletion_time":"","destroyed":false,"version":1}}}""";

	private final ScriptedVaultClient client = new ScriptedVaultClient();

	@AfterEach
	void verifyScript() {
		this.client.verify();
	}

	@Test
	void detectsVersion2OncePerMountAcrossPathsAndTemplates() {
		KvMountResolver resolver = new KvMountResolver(this.client);
		KvTemplate first = new KvTemplate(this.client, "secret", resolver);
		KvTemplate second = new KvTemplate(this.client, "secret/", resolver);
		this.client.expect("GET", "sys/internal/ui/mounts/secret").ok(V2_MOUNT);
		this.client.expect("GET", "secret/data/app/db").ok(READ);
		this.client.expect("GET", "secret/data/app/api").ok(READ);
		this.client.expect("GET", "secret/data/other").ok(READ);
		assertThat(first.read("app/db")).isNotNull();
		assertThat(first.read("app/api")).isNotNull();
		assertThat(second.read("other")).isNotNull();
		assertThat(first.getVersion()).isEqualTo(KvVersion.V2);
		assertThat(this.client.count("sys/internal/ui/mounts/secret")).isEqualTo(1);
	}

	@Test
	void detectsVersion1FromNullOptions() {
		this.client.expect("GET", "sys/internal/ui/mounts/kv").ok(V1_MOUNT);
		this.client.expect("GET", "kv/app").ok("{\"data\":{\"k\":\"v\"}}");
		KvTemplate template = KvTemplate.create(this.client, "kv");
		assertThat(template.read("app")).isNotNull();
		assertThat(template.getVersion()).isEqualTo(KvVersion.V1);
	}

	@Test
	void detectsVersion1FromGenericType() {
		this.client.expect("GET", "sys/internal/ui/mounts/old")
			.ok("{\"data\":{\"type\":\"generic\",\"options\":{},\"path\":\"old/\"}}");
		assertThat(new KvMountResolver(this.client).resolve("old")).isEqualTo(KvVersion.V1);
	}

	@Test
	void detectionIsLazy() {
		KvTemplate template = new KvTemplate(this.client, "secret", new KvMountResolver(this.client));
		assertThat(this.client.requests()).isEmpty();
		assertThat(template).hasToString("KvTemplate[mount=secret, version=undetected]");
	}

	@Test
	void explicitVersionSkipsDetection() {
		this.client.expect("GET", "secret/data/app").ok(READ);
		KvTemplate template = KvTemplate.create(this.client, "secret", KvVersion.V2);
		assertThat(template.read("app")).isNotNull();
		assertThat(this.client.count("sys/internal/ui/mounts/secret")).isZero();
	}

	@Test
	void registeredVersionSkipsDetection() {
		KvMountResolver resolver = new KvMountResolver(this.client);
		resolver.register("secret", KvVersion.V2);
		assertThat(resolver.resolve("secret")).isEqualTo(KvVersion.V2);
		assertThat(this.client.requests()).isEmpty();
	}

	@Test
	void deniedDetectionUsesFallbackAndWarnsOnce(CapturedOutput output) {
		KvMountResolver resolver = new KvMountResolver(this.client, KvVersion.V2, "vault.kv.default-version");
		this.client.expect("GET", "sys/internal/ui/mounts/secret").respond(403, DENIED);
		assertThat(resolver.resolve("secret")).isEqualTo(KvVersion.V2);
		assertThat(resolver.resolve("secret")).isEqualTo(KvVersion.V2);
		assertThat(this.client.count("sys/internal/ui/mounts/secret")).isEqualTo(1);
		assertThat(output).contains("Could not detect the KV version of mount 'secret'")
			.contains("403")
			.contains("using KV version 2 from vault.kv.default-version");
	}

	@Test
	void invalidTokenIsNotHiddenByFallback() {
		KvMountResolver resolver = new KvMountResolver(this.client, KvVersion.V2, "vault.kv.default-version");
		this.client.expect("GET", "sys/internal/ui/mounts/secret")
			.respond(403, "{\"errors\":[\"2 errors occurred:\\n\\t* permission denied\\n\\t* invalid token\\n\\n\"]}");
		assertThatExceptionOfType(PermissionDeniedException.class).isThrownBy(() -> resolver.resolve("secret"))
			.satisfies((ex) -> assertThat(ex.isInvalidToken()).isTrue());
	}

	@Test
	void unavailableEndpointUsesFallback(CapturedOutput output) {
		KvMountResolver resolver = new KvMountResolver(this.client, KvVersion.V1, "vault.kv.default-version");
		this.client.expect("GET", "sys/internal/ui/mounts/kv").respond(404, "{\"errors\":[]}");
		assertThat(resolver.resolve("kv")).isEqualTo(KvVersion.V1);
		assertThat(output).contains("does not offer sys/internal/ui/mounts").contains("version 1");
	}

	@Test
	void deniedDetectionWithoutFallbackFailsClearlyAndIsRetried() {
		KvMountResolver resolver = new KvMountResolver(this.client);
		KvTemplate template = new KvTemplate(this.client, "secret", resolver);
		this.client.expect("GET", "sys/internal/ui/mounts/secret").respond(403, DENIED);
		assertThatExceptionOfType(KvVersionDetectionException.class).isThrownBy(() -> template.read("app"))
			.satisfies((ex) -> {
				assertThat(ex.getMount()).isEqualTo("secret");
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getMessage()).contains("mount 'secret'").contains("fallback").contains("explicitly");
			});
		assertThat(this.client.count("secret/app")).isZero();
		this.client.expect("GET", "sys/internal/ui/mounts/secret").ok(V2_MOUNT);
		assertThat(template.getVersion()).isEqualTo(KvVersion.V2);
	}

	@Test
	void transientFailureIsThrownAndNotRemembered() {
		KvMountResolver resolver = new KvMountResolver(this.client, KvVersion.V1, "setting");
		this.client.expect("GET", "sys/internal/ui/mounts/secret")
			.fail(new VaultConnectionException("GET", "sys/internal/ui/mounts/secret", 0, List.of(), null));
		assertThatExceptionOfType(VaultConnectionException.class).isThrownBy(() -> resolver.resolve("secret"));
		this.client.expect("GET", "sys/internal/ui/mounts/secret").respond(503, "{\"errors\":[\"Vault is sealed\"]}");
		assertThatExceptionOfType(dev.vaultkv.client.VaultSealedException.class)
			.isThrownBy(() -> resolver.resolve("secret"));
		this.client.expect("GET", "sys/internal/ui/mounts/secret").ok(V2_MOUNT);
		assertThat(resolver.resolve("secret")).isEqualTo(KvVersion.V2);
	}

	@Test
	void otherEngineTypeFails() {
		this.client.expect("GET", "sys/internal/ui/mounts/transit")
			.ok("{\"data\":{\"type\":\"transit\",\"options\":null,\"path\":\"transit/\"}}");
		assertThatExceptionOfType(KvVersionDetectionException.class)
			.isThrownBy(() -> new KvMountResolver(this.client).resolve("transit"))
			.withMessageContaining("'transit' secrets engine, not a key-value");
	}

	@Test
	void mountNameInsideAnotherMountFails() {
		this.client.expect("GET", "sys/internal/ui/mounts/secret/app").ok(V2_MOUNT);
		assertThatExceptionOfType(KvVersionDetectionException.class)
			.isThrownBy(() -> new KvMountResolver(this.client).resolve("secret/app"))
			.withMessageContaining("not a mount but a path inside mount 'secret'");
	}

	@Test
	void concurrentFirstUseDetectsOnce() throws Exception {
		AtomicInteger detections = new AtomicInteger();
		VaultClient counting = (request) -> {
			detections.incrementAndGet();
			return new VaultResponse(200, "1", "", false, 0,
					JsonMapper.shared().readTree("{\"type\":\"kv\",\"options\":{\"version\":\"2\"},\"path\":\"secret/\"}"),
					null, null, List.of(), null);
		};
		KvMountResolver resolver = new KvMountResolver(counting);
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<KvVersion>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return resolver.resolve("secret");
				}));
			}
			start.countDown();
			for (Future<KvVersion> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(KvVersion.V2);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(detections).hasValue(1);
	}

	@Test
	void eachMountIsDetectedSeparately() {
		KvMountResolver resolver = new KvMountResolver(this.client);
		this.client.expect("GET", "sys/internal/ui/mounts/secret").ok(V2_MOUNT);
		this.client.expect("GET", "sys/internal/ui/mounts/kv").ok(V1_MOUNT);
		Map<String, KvVersion> versions = Map.of("secret", resolver.resolve("secret"), "kv", resolver.resolve("kv"));
		assertThat(versions).containsEntry("secret", KvVersion.V2).containsEntry("kv", KvVersion.V1);
		assertThat(resolver.resolve("kv")).isEqualTo(KvVersion.V1);
		assertThat(this.client.requests()).hasSize(2);
	}

}
