package dev.vaultkv.resilience;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.RateLimitedException;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultNotInitializedException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultServerException;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetryingVaultClientTests {

	private static final String PATH = "secret/data/myapp/db";

	private static EmbeddedVaultServer server;

	private VaultClient client;

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void setUp() {
		server.reset();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
		server.requestLog().clear();
		DefaultVaultClient delegate = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		this.client = new RetryingVaultClient(delegate, settings(3, Duration.ofSeconds(5)));
	}

	private static VaultRetrySettings settings(int maxAttempts, Duration totalTimeout) {
		return new VaultRetrySettings(maxAttempts, totalTimeout, Duration.ofMillis(1), 2.0, Duration.ofMillis(5),
				Duration.ZERO);
	}

	@Test
	void retriesTransientFailuresUntilSuccess() {
		server.faults().failNext(2, 503, "Vault is unavailable");
		assertThat(this.client.execute(VaultRequest.get(PATH).build()).status()).isEqualTo(200);
		assertRequests("GET", PATH, 3);
	}

	@Test
	void stopsAfterMaxAttemptsWithTheLastFailure() {
		server.faults().failNext(10, 500, "internal error");
		assertThatExceptionOfType(VaultServerException.class)
			.isThrownBy(() -> this.client.execute(VaultRequest.get(PATH).build()))
			.satisfies((ex) -> {
				assertThat(ex.getSuppressed()).isEmpty();
				assertThat(ex.getAttempts()).isEqualTo(3);
				assertThat(ex.getMessage()).endsWith("ms]").contains("gave up after 3 attempts in ");
			});
		assertRequests("GET", PATH, 3);
	}

	@Test
	void doesNotRetryAFailureWhoseRetriesAnInnerClientExhausted() {
		VaultClient outer = new RetryingVaultClient(this.client, settings(3, Duration.ofSeconds(5)));
		server.faults().failNext(10, 500, "internal error");
		assertThatExceptionOfType(VaultServerException.class)
			.isThrownBy(() -> outer.execute(VaultRequest.get(PATH).build()))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(3));
		assertRequests("GET", PATH, 3);
	}

	@Test
	void neverRetriesPermissionDenied() {
		server.faults().failNext(1, 403, "permission denied");
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> this.client.execute(VaultRequest.get(PATH).build()));
		assertRequests("GET", PATH, 1);
	}

	@Test
	void neverRetriesNotInitialized() {
		server.faults().failNext(10, 501, "Vault is not initialized");
		assertThatExceptionOfType(VaultNotInitializedException.class)
			.isThrownBy(() -> this.client.execute(VaultRequest.get(PATH).build()))
			.withMessageStartingWith("Vault is not initialized: run vault operator init");
		assertRequests("GET", PATH, 1);
	}

	@Test
	void doesNotRetryWritesOnAmbiguousFailures() {
		server.faults().failNext(1, 500, "internal error");
		assertThatExceptionOfType(VaultServerException.class).isThrownBy(() -> this.client
			.execute(VaultRequest.post(PATH).body(Map.of("data", Map.of("password", "x"))).build()));
		assertRequests("POST", PATH, 1);
	}

	@Test
	void takesAServerErrorAsTheAnswerOfARequestRefusedThatWay() {
		// Vault's GitHub and Azure auth methods answer a refused login with 500
		String login = "auth/github/login";
		server.faults().failNext(10, 500, "user is not part of required org");
		assertThatExceptionOfType(VaultServerException.class).isThrownBy(() -> this.client.execute(
				VaultRequest.post(login).unauthenticated().body(Map.of("token", "t")).refusedWithServerError().build()));
		assertRequests("POST", login, 1);
		server.faults().clear();
		server.faults().failNext(10, 503, "Vault is unavailable");
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> this.client.execute(
				VaultRequest.post(login).unauthenticated().body(Map.of("token", "t")).refusedWithServerError().build()));
		assertRequests("POST", login, 1 + 3);
	}

	@Test
	void retryAfterBeyondTheTotalTimeoutFailsAtOnce() {
		server.faults().rateLimitNext(1, Duration.ofSeconds(60));
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.client.execute(VaultRequest.get(PATH).build()));
		assertRequests("GET", PATH, 1);
	}

	@Test
	void honoursRetryAfter() {
		this.client = new RetryingVaultClient(DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build(), settings(3, Duration.ofSeconds(10)));
		server.faults().rateLimitNext(1, Duration.ofSeconds(1));
		long start = System.nanoTime();
		assertThat(this.client.execute(VaultRequest.get(PATH).build()).status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertRequests("GET", PATH, 2);
	}

	@Test
	void rateLimitWithoutRetryAfterIsRetried() {
		server.faults().rateLimitNext(1, null);
		assertThat(this.client.execute(VaultRequest.get(PATH).build()).status()).isEqualTo(200);
		assertRequests("GET", PATH, 2);
	}

	private static void assertRequests(String method, String path, int expected) {
		await().atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(server.requestLog().count(method, path)).isEqualTo(expected));
	}

}
