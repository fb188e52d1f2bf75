package dev.vaultkv.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Embedded-only behaviour: controllable clock, seal and health states, faults, request log, reset, limits,
 * seeding, robustness.
 */
class EmbeddedVaultServerTests {

	private EmbeddedVaultServer server;

	private VaultHttp http;

	@BeforeEach
	void start() {
		this.server = EmbeddedVaultServer.builder()
			.secretEngine("broken", (context) -> (Backend) (request) -> {
				throw new IllegalStateException("boom");
			})
			.maxRequestSize(64 * 1024)
			.secret("secret/app/db", Map.of("password", "s3cr3t"))
			.start();
		this.http = new VaultHttp(this.server.getAddress());
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private String token(String json) {
		return this.http.post("auth/token/create", "root", json).json().path("auth").path("client_token").asString();
	}

	@Test
	void addressPortAndRootToken() {
		assertThat(this.server.getAddress().toString()).isEqualTo("http://127.0.0.1:" + this.server.getPort());
		assertThat(this.server.getRootToken()).isEqualTo("root");
		assertThat(this.server.isTls()).isFalse();
	}

	@Test
	void tokensExpireWithTheServerClock() {
		String token = token("{\"policies\":[\"default\"],\"ttl\":\"1h\"}");
		this.server.clock().advance(Duration.ofMinutes(59));
		assertThat(this.http.get("auth/token/lookup-self", token).status()).isEqualTo(200);
		this.server.clock().advance(Duration.ofMinutes(2));
		VaultHttp.Reply expired = this.http.get("auth/token/lookup-self", token);
		assertThat(expired.status()).isEqualTo(403);
		assertThat(expired.firstError()).isEqualTo("2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n");
	}

	@Test
	void renewalIsCappedByMountMaxFromIssueTimeAndFailsPastIt() {
		try (EmbeddedVaultServer small = EmbeddedVaultServer.builder()
			.defaultLeaseTtl(Duration.ofMinutes(10))
			.maxLeaseTtl(Duration.ofMinutes(30))
			.start()) {
			small.clock().freeze();
			VaultHttp client = new VaultHttp(small.getAddress());
			String token = client.post("auth/token/create", "root", "{\"policies\":[\"default\"]}")
				.json()
				.path("auth")
				.path("client_token")
				.asString();
			assertThat(client.get("auth/token/lookup-self", token).data().path("ttl").asInt()).isEqualTo(600);
			for (int i = 0; i < 2; i++) {
				small.clock().advance(Duration.ofMinutes(9));
				VaultHttp.Reply renewed = client.post("auth/token/renew-self", token, "");
				assertThat(renewed.json().path("auth").path("lease_duration").asInt()).isEqualTo(600);
				assertThat(renewed.json().get("warnings").isNull()).isTrue();
			}
			small.clock().advance(Duration.ofMinutes(9));
			VaultHttp.Reply capped = client.post("auth/token/renew-self", token, "");
			assertThat(capped.json().path("auth").path("lease_duration").asInt()).isEqualTo(180);
			assertThat(capped.json().path("warnings").path(0).asString())
				.isEqualTo("TTL of \"10m\" exceeded the effective max_ttl of \"3m\"; TTL value is capped accordingly");
			small.clock().advance(Duration.ofSeconds(179));
			VaultHttp.Reply last = client.post("auth/token/renew-self", token, "{\"increment\":\"1h\"}");
			assertThat(last.json().path("auth").path("lease_duration").asInt()).isEqualTo(1);
			assertThat(client.get("auth/token/lookup-self", token).data().path("last_renewal_time").asLong())
				.isEqualTo(small.clock().instant().getEpochSecond());
			small.clock().advance(Duration.ofSeconds(1));
			assertThat(client.get("auth/token/lookup-self", token).status()).isEqualTo(403);
		}
	}

	@Test
	void periodicTokensRenewToTheirPeriod() {
		String token = token("{\"policies\":[\"default\"],\"period\":\"20m\"}");
		this.server.clock().advance(Duration.ofMinutes(15));
		VaultHttp.Reply renewed = this.http.post("auth/token/renew-self", token, "{\"increment\":\"1h\"}");
		assertThat(renewed.json().path("auth").path("lease_duration").asInt()).isEqualTo(1200);
		assertThat(this.http.get("auth/token/lookup-self", token).data().path("period").asInt()).isEqualTo(1200);
	}

	@Test
	void sealAndUnsealOverHttp() {
		assertThat(this.http.post("sys/seal", "root", "").status()).isEqualTo(204);
		assertThat(this.server.isSealed()).isTrue();
		VaultHttp.Reply sealed = this.http.get("auth/token/lookup-self", "root");
		assertThat(sealed.status()).isEqualTo(503);
		assertThat(sealed.firstError()).isEqualTo("Vault is sealed");
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(503);
		assertThat(this.http.get("sys/health?sealedcode=299", null).status()).isEqualTo(299);
		assertThat(this.http.get("sys/seal-status", null).json().path("sealed").asBoolean()).isTrue();
		VaultHttp.Reply unsealed = this.http.post("sys/unseal", null, "{\"key\":\"" + this.server.getUnsealKey() + "\"}");
		assertThat(unsealed.status()).isEqualTo(200);
		assertThat(unsealed.json().path("sealed").asBoolean()).isFalse();
		assertThat(this.http.get("auth/token/lookup-self", "root").status()).isEqualTo(200);
	}

	@Test
	void sealNeedsSudo() {
		String token = token("{\"policies\":[\"default\"]}");
		assertThat(this.http.post("sys/seal", token, "").status()).isEqualTo(403);
		assertThat(this.server.isSealed()).isFalse();
	}

	@Test
	void standbyAndUninitializedHealth() {
		this.server.setStandby(true);
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(429);
		assertThat(this.http.get("sys/health?standbyok=true", null).status()).isEqualTo(200);
		assertThat(this.http.get("sys/health?standbycode=200", null).status()).isEqualTo(200);
		assertThat(this.http.get("sys/health?standbyok=maybe", null).status()).isEqualTo(400);
		assertThat(this.http.get("sys/health", null).json().path("standby").asBoolean()).isTrue();
		this.server.setInitialized(false);
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(501);
		assertThat(this.http.get("sys/health?uninitcode=200", null).status()).isEqualTo(200);
	}

	@Test
	void failNextAndFailMatching() {
		this.server.faults().failNext(2, 500, "injected");
		VaultHttp.Reply first = this.http.get("sys/health", null);
		assertThat(first.status()).isEqualTo(500);
		assertThat(first.firstError()).isEqualTo("injected");
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(500);
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(200);

		FaultRule rule = this.server.faults().failMatching("secret/data/.*", 503, "Vault is sealed");
		assertThat(this.http.get("secret/data/app/db", "root").status()).isEqualTo(503);
		assertThat(this.http.get("secret/data/other", "root").status()).isEqualTo(503);
		assertThat(this.http.get("auth/token/lookup-self", "root").status()).isEqualTo(200);
		assertThat(rule.hits()).isEqualTo(2);
		rule.remove();
		assertThat(this.http.get("secret/data/app/db", "root").status()).isEqualTo(200);
	}

	@Test
	void rateLimitSendsRetryAfter() {
		this.server.faults().rateLimitNext(1, Duration.ofSeconds(3));
		VaultHttp.Reply limited = this.http.get("secret/data/app/db", "root");
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).isEqualTo("3");
		assertThat(limited.firstError()).isEqualTo("request path \"secret/data/app/db\": rate limit quota exceeded");
		assertThat(this.http.get("secret/data/app/db", "root").status()).isEqualTo(200);
	}

	@Test
	void delayedResponseDoesNotHoldOtherRequests() throws Exception {
		try (EmbeddedVaultServer single = EmbeddedVaultServer.builder().threads(1).start()) {
			single.faults().delayMatching("sys/seal-status", 1, Duration.ofSeconds(2));
			HttpClient client = HttpClient.newHttpClient();
			CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
					HttpRequest.newBuilder(single.getAddress().resolve("/v1/sys/seal-status")).build(),
					HttpResponse.BodyHandlers.ofString());
			// one request thread only: the fast request can only be answered if the delay holds no thread
			HttpResponse<String> fast = client.send(
					HttpRequest.newBuilder(single.getAddress().resolve("/v1/sys/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(fast.statusCode()).isEqualTo(200);
			assertThat(slow.isDone()).isFalse();
			assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void droppedConnectionGivesTheClientAnIoError() {
		this.server.requestLog().clear();
		this.server.faults().dropNext(1);
		// a POST, because the JDK client silently retries an idempotent GET on a closed connection
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.http.post("sys/capabilities-self", "root", "{\"paths\":[\"x\"]}"));
		assertThat(this.server.requestLog().entries()).extracting(RequestLogEntry::status).containsExactly(-1);
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(200);
	}

	@Test
	void truncatedResponseGivesTheClientAnIoError() {
		this.server.faults().truncateNext(1);
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.http.post("sys/capabilities-self", "root", "{\"paths\":[\"x\"]}"));
		assertThat(this.http.get("auth/token/lookup-self", "root").status()).isEqualTo(200);
	}

	@Test
	void revokeAllTokensKeepsRoot() {
		String token = token("{\"policies\":[\"default\"]}");
		this.server.faults().revokeAllTokens();
		assertThat(this.http.get("auth/token/lookup-self", token).status()).isEqualTo(403);
		assertThat(this.http.get("auth/token/lookup-self", "root").status()).isEqualTo(200);
	}

	@Test
	void requestLogRecordsMethodPathNamespaceStatusAndCallerButNoToken() {
		this.server.requestLog().clear();
		this.http.get("secret/data/app/db?version=1", "root");
		this.http.call("GET", "secret/data/missing").token("root").header("X-Vault-Namespace", "team").send();
		this.http.list("secret/metadata/", "root");
		List<RequestLogEntry> entries = this.server.requestLog().entries();
		assertThat(entries).extracting(RequestLogEntry::method).containsExactly("GET", "GET", "LIST");
		assertThat(entries).extracting(RequestLogEntry::path)
			.containsExactly("secret/data/app/db", "secret/data/missing", "secret/metadata/");
		assertThat(entries.get(0).status()).isEqualTo(200);
		assertThat(entries.get(1).namespace()).isEqualTo("team");
		assertThat(entries.get(1).status()).isEqualTo(404);
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(1);
		assertThat(this.server.requestLog().countPathPrefix("secret/")).isEqualTo(3);
		// the caller is named by its token's display name and policies, never by the token
		assertThat(entries.get(0).caller()).isEqualTo("root");
		assertThat(entries.get(0).policies()).containsExactly("root");
		String token = token("{\"policies\":[\"default\"],\"display_name\":\"orders\"}");
		this.http.call("GET", "secret/data/app/db").token(token).header("User-Agent", "orders/1.0").send();
		RequestLogEntry read = this.server.requestLog().entries().get(this.server.requestLog().count() - 1);
		assertThat(read.caller()).isEqualTo("token-orders");
		assertThat(read.policies()).containsExactly("default");
		assertThat(read.userAgent()).isEqualTo("orders/1.0");
		assertThat(this.server.requestLog().entries().toString()).doesNotContain(token);
		this.server.requestLog().clear();
		assertThat(this.server.requestLog().count()).isZero();
	}

	@Test
	void resetRestoresDevDefaults() {
		int port = this.server.getPort();
		this.http.post("sys/policies/acl/extra", "root", "{\"policy\":\"path \\\"x\\\" { capabilities = [\\\"read\\\"] }\"}");
		this.http.post("sys/mounts/other", "root", "{\"type\":\"kv\"}");
		String token = token("{}");
		this.server.seal();
		this.server.clock().advance(Duration.ofHours(1));
		this.server.reset();
		assertThat(this.server.getPort()).isEqualTo(port);
		assertThat(this.server.isSealed()).isFalse();
		assertThat(this.http.get("sys/policies/acl/extra", "root").status()).isEqualTo(404);
		assertThat(this.http.get("sys/mounts/other", "root").status()).isEqualTo(400);
		assertThat(this.http.get("auth/token/lookup-self", token).status()).isEqualTo(403);
		assertThat(this.http.get("secret/data/app/db", "root").data().path("data").path("password").asString())
			.isEqualTo("s3cr3t");
	}

	@Test
	void oversizedBodyIs413() {
		String big = "{\"data\":\"" + "x".repeat(70 * 1024) + "\"}";
		VaultHttp.Reply reply = this.http.post("cubbyhole/big", "root", big);
		assertThat(reply.status()).isEqualTo(413);
		assertThat(reply.firstError()).contains("http: request body too large");
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(200);
	}

	@Test
	void backendFailureIsInternalErrorAndServerStaysUp() {
		assertThat(this.http.post("sys/mounts/broken", "root", "{\"type\":\"broken\"}").status()).isEqualTo(204);
		VaultHttp.Reply reply = this.http.get("broken/anything", "root");
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.text()).isEqualTo("{\"errors\":[\"internal error\"]}\n").doesNotContain("boom");
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(200);
	}

	@Test
	void unknownEngineTypeIsRejected() {
		VaultHttp.Reply reply = this.http.post("sys/mounts/nope", "root", "{\"type\":\"nope\"}");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.firstError()).isEqualTo("plugin not found in the catalog: nope");
	}

	@Test
	void authMethodDisableRevokesItsTokens() {
		EmbeddedVaultServer withAuth = EmbeddedVaultServer.builder()
			.authMethod("fake", (context) -> new Backend() {
				@Override
				public ApiResponse handle(dev.vaultkv.embedded.spi.ApiRequest request) {
					return ApiResponse.auth(context.tokens()
						.issue(dev.vaultkv.embedded.spi.TokenSpec.login(context.namespace(), List.of("default"),
								Map.of("user", "alice"), request.path(), "fake-alice")));
				}

				@Override
				public boolean isUnauthenticated(dev.vaultkv.embedded.spi.ApiRequest request) {
					return request.subPath().equals("login");
				}
			})
			.start();
		try (withAuth) {
			VaultHttp client = new VaultHttp(withAuth.getAddress());
			assertThat(client.post("sys/auth/fake", "root", "{\"type\":\"fake\",\"config\":{\"default_lease_ttl\":\"20m\"}}")
				.status()).isEqualTo(204);
			VaultHttp.Reply login = client.post("auth/fake/login", null, "{}");
			assertThat(login.status()).isEqualTo(200);
			String token = login.json().path("auth").path("client_token").asString();
			assertThat(login.json().path("auth").path("lease_duration").asInt()).isEqualTo(1200);
			assertThat(login.json().path("auth").path("orphan").asBoolean()).isTrue();
			assertThat(login.json().path("auth").path("entity_id").asString()).isNotEmpty();
			assertThat(client.get("auth/token/lookup-self", token).data().path("path").asString())
				.isEqualTo("auth/fake/login");
			VaultHttp.Reply conflict = client.post("sys/auth/fake", "root", "{\"type\":\"fake\"}");
			assertThat(conflict.firstError()).isEqualTo("path is already in use at fake/");
			assertThat(client.delete("sys/auth/fake", "root").status()).isEqualTo(204);
			assertThat(client.get("auth/token/lookup-self", token).status()).isEqualTo(403);
		}
	}

	@Test
	void seedFileAndPutSecret(@TempDir Path directory) throws IOException {
		Path seed = directory.resolve("seed.json");
		Files.writeString(seed, "{\"secret/team/api\": {\"key\": \"abc\", \"port\": 8080}}");
		try (EmbeddedVaultServer seeded = EmbeddedVaultServer.builder()
			.seed(seed)
			.start()) {
			VaultHttp client = new VaultHttp(seeded.getAddress());
			VaultHttp.Reply read = client.get("secret/data/team/api", "root");
			assertThat(read.data().path("data").path("key").asString()).isEqualTo("abc");
			assertThat(read.data().path("data").path("port").asInt()).isEqualTo(8080);
			seeded.putSecret("secret/team/other", Map.of("a", "b"));
			assertThat(client.get("secret/data/team/other", "root").data().path("data").path("a").asString())
				.isEqualTo("b");
		}
	}

	@Test
	void invalidSeedFileIsRejectedClearly(@TempDir Path directory) throws IOException {
		Path seed = directory.resolve("seed.json");
		Files.writeString(seed, "{\"secret/x\": \"not an object\"}");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVaultServer.builder().seed(seed))
			.withMessageContaining("secret/x")
			.withMessageContaining("must be a JSON object");
	}

	@Test
	void closeIsIdempotentAndFreesThePort() throws IOException {
		int port = this.server.getPort();
		this.server.close();
		this.server.close();
		assertThat(this.server.isClosed()).isTrue();
		try (EmbeddedVaultServer again = EmbeddedVaultServer.builder().port(port).start()) {
			assertThat(again.getPort()).isEqualTo(port);
		}
	}

	@Test
	void manyConcurrentClients() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		List<CompletableFuture<Integer>> replies = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			String path = (i % 2 == 0) ? "/v1/secret/data/app/db" : "/v1/auth/token/lookup-self";
			replies.add(client
				.sendAsync(HttpRequest.newBuilder(this.server.getAddress().resolve(path)).header("X-Vault-Token", "root").build(),
						HttpResponse.BodyHandlers.ofString())
				.thenApply(HttpResponse::statusCode));
		}
		CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		assertThat(replies).allSatisfy((reply) -> assertThat(reply.join()).isEqualTo(200));
		assertThat(this.http.get("sys/health", null).status()).isEqualTo(200);
	}

}
