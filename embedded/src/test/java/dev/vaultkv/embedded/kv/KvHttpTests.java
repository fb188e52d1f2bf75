package dev.vaultkv.embedded.kv;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vaultkv.embedded.EmbeddedVaultServer;

import static dev.vaultkv.embedded.kv.KvTestSupport.JSON;
import static dev.vaultkv.embedded.kv.KvTestSupport.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP-level tests of the KV engines through the real embedded server.
 */
class KvHttpTests {

	private static EmbeddedVaultServer server;

	private static HttpClient client;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.start();
		client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void reset() {
		server.reset();
	}

	@Test
	void writeReadDeleteOverHttp() throws Exception {
		Reply written = send("POST", "secret/data/app/db", "{\"data\":{\"password\":\"s3cr3t\"}}");
		assertThat(written.status()).isEqualTo(200);
		assertThat(written.body().at("/data/version").asLong()).isEqualTo(1);
		Reply read = send("GET", "secret/data/app/db", null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body().at("/data/data/password").stringValue()).isEqualTo("s3cr3t");
		assertThat(read.body().at("/data/metadata/deletion_time").stringValue()).isEmpty();
		assertThat(read.body().get("lease_duration").asLong()).isZero();
		assertThat(send("DELETE", "secret/data/app/db", null).status()).isEqualTo(204);
		Reply deleted = send("GET", "secret/data/app/db", null);
		assertThat(deleted.status()).isEqualTo(404);
		assertThat(deleted.body().has("errors")).isFalse();
		assertThat(deleted.body().at("/data/data").isNull()).isTrue();
		assertThat(deleted.body().at("/data/metadata/version").asLong()).isEqualTo(1);
		assertThat(deleted.body().at("/data/metadata/deletion_time").stringValue()).isNotEmpty();
	}

	@Test
	void versionQueryAndCasOverHttp() throws Exception {
		send("POST", "secret/data/app", "{\"data\":{\"v\":\"1\"}}");
		send("POST", "secret/data/app", "{\"data\":{\"v\":\"2\"}}");
		assertThat(send("GET", "secret/data/app?version=1", null).body().at("/data/data/v").stringValue())
			.isEqualTo("1");
		Reply conflict = send("POST", "secret/data/app", "{\"data\":{},\"options\":{\"cas\":1}}");
		assertThat(conflict.status()).isEqualTo(400);
		assertJson(conflict.body(), "{\"errors\":[\"check-and-set parameter did not match the current version\"]}");
	}

	@Test
	void patchNeedsMergePatchContentType() throws Exception {
		send("POST", "secret/data/app", "{\"data\":{\"a\":\"1\",\"b\":\"2\"}}");
		HttpRequest request = request("PATCH", "secret/data/app", "{\"data\":{\"b\":null,\"c\":\"3\"}}")
			.header("Content-Type", "application/merge-patch+json")
			.build();
		HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertJson(send("GET", "secret/data/app", null).body().at("/data/data"), "{\"a\":\"1\",\"c\":\"3\"}");
	}

	@Test
	void listAndMetadataOverHttp() throws Exception {
		send("POST", "secret/data/app/one", "{\"data\":{}}");
		send("POST", "secret/data/app/two/deep", "{\"data\":{}}");
		Reply list = send("LIST", "secret/metadata/app", null);
		assertThat(list.status()).isEqualTo(200);
		assertJson(list.body().at("/data/keys"), "[\"one\",\"two/\"]");
		Reply listQuery = send("GET", "secret/metadata/app/?list=true", null);
		assertJson(listQuery.body().at("/data/keys"), "[\"one\",\"two/\"]");
		assertThat(send("LIST", "secret/metadata/none", null).status()).isEqualTo(404);
		Reply metadata = send("GET", "secret/metadata/app/one", null);
		assertThat(metadata.body().at("/data/current_version").asLong()).isEqualTo(1);
		assertThat(metadata.body().at("/data/versions/1/destroyed").booleanValue()).isFalse();
	}

	@Test
	void invalidPathOnV2MountOverHttp() throws Exception {
		Reply reply = send("GET", "secret/app", null);
		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.body().get("data").isNull()).isTrue();
		assertThat(reply.body().has("errors")).isFalse();
		assertThat(reply.body().at("/warnings/0").stringValue()).contains("use 'vault kv get' for this operation");
	}

	@Test
	void deleteVersionAfterFollowsTheServerClock() throws Exception {
		server.clock().freezeAt(Instant.parse("2026-03-01T10:00:00Z"));
		send("POST", "secret/metadata/app", "{\"delete_version_after\":\"10m\"}");
		send("POST", "secret/data/app", "{\"data\":{\"a\":\"b\"}}");
		Reply read = send("GET", "secret/data/app", null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body().at("/data/metadata/deletion_time").stringValue()).isEqualTo("2026-03-01T10:10:00Z");
		server.clock().advance(Duration.ofMinutes(11));
		assertThat(send("GET", "secret/data/app", null).status()).isEqualTo(404);
	}

	@Test
	void kvV1MountAndUpgradeOverHttp() throws Exception {
		assertThat(send("POST", "sys/mounts/legacy", "{\"type\":\"kv\",\"options\":{\"version\":\"1\"}}").status())
			.isIn(200, 204);
		assertThat(send("POST", "legacy/app", "{\"password\":\"s3cr3t\",\"ttl\":\"1h\"}").status()).isEqualTo(204);
		Reply v1 = send("GET", "legacy/app", null);
		assertThat(v1.status()).isEqualTo(200);
		assertThat(v1.body().at("/data/password").stringValue()).isEqualTo("s3cr3t");
		assertThat(v1.body().get("lease_duration").asLong()).isEqualTo(3600);
		assertThat(send("POST", "legacy/empty", "{}").status()).isEqualTo(400);
		assertThat(send("POST", "sys/mounts/legacy/tune", "{\"options\":{\"version\":\"2\"}}").status()).isIn(200, 204);
		Reply v2 = send("GET", "legacy/data/app", null);
		assertThat(v2.status()).isEqualTo(200);
		assertThat(v2.body().at("/data/data/password").stringValue()).isEqualTo("s3cr3t");
		assertThat(v2.body().at("/data/metadata/version").asLong()).isEqualTo(1);
	}

	@Test
	void createOnlyPolicyCanCreateButNotUpdate() throws Exception {
		String policy = "path \\\"secret/data/*\\\" { capabilities = [\\\"create\\\"] }";
		assertThat(send("POST", "sys/policies/acl/create-only", "{\"policy\":\"" + policy + "\"}").status())
			.isIn(200, 204);
		Reply created = send("POST", "auth/token/create", "{\"policies\":[\"create-only\"]}");
		String token = created.body().at("/auth/client_token").stringValue();
		assertThat(sendAs(token, "POST", "secret/data/fresh", "{\"data\":{\"a\":\"b\"}}").status()).isEqualTo(200);
		assertThat(sendAs(token, "POST", "secret/data/fresh", "{\"data\":{\"a\":\"c\"}}").status()).isEqualTo(403);
		send("POST", "secret/metadata/meta-only", "{\"max_versions\":2}");
		assertThat(sendAs(token, "POST", "secret/data/meta-only", "{\"data\":{}}").status()).isEqualTo(403);
	}

	@Test
	void concurrentCasWritersOverHttp() throws Exception {
		send("POST", "secret/data/counter", "{\"data\":{\"n\":0}}");
		int threads = 4;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			AtomicInteger successes = new AtomicInteger();
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 25; i++) {
						long current = send("GET", "secret/metadata/counter", null).body().at("/data/current_version")
							.asLong();
						Reply reply = send("POST", "secret/data/counter",
								"{\"data\":{\"n\":" + current + "},\"options\":{\"cas\":" + current + "}}");
						if (reply.status() == 200) {
							successes.incrementAndGet();
						}
						else {
							assertThat(reply.status()).isEqualTo(400);
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
			long version = send("GET", "secret/metadata/counter", null).body().at("/data/current_version").asLong();
			assertThat(version).isEqualTo(1 + successes.get());
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static Reply send(String method, String path, String body) throws Exception {
		return sendAs(server.getRootToken(), method, path, body);
	}

	private static Reply sendAs(String token, String method, String path, String body) throws Exception {
		HttpRequest request = request(method, path, body).setHeader("X-Vault-Token", token).build();
		HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
		JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
		return new Reply(response.statusCode(), json);
	}

	private static HttpRequest.Builder request(String method, String path, String body) {
		return HttpRequest.newBuilder(URI.create(server.getAddress() + "/v1/" + path))
			.timeout(Duration.ofSeconds(10))
			.header("X-Vault-Token", server.getRootToken())
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
	}

	private record Reply(int status, JsonNode body) {
	}

}
