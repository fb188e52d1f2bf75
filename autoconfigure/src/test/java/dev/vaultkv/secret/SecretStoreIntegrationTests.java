package dev.vaultkv.secret;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultSealedException;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.resilience.RetryingVaultClient;
import dev.vaultkv.resilience.VaultRetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretStoreIntegrationTests {

	private static final SecretLocation DB = new SecretLocation("secret", "myapp/db", 0);

	private static final String READ_PATH = "secret/data/myapp/db";

	private static EmbeddedVaultServer server;

	private final AtomicLong nanos = new AtomicLong(1_000);

	private CachingSecretStore store;

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
		server.putSecret("secret/myapp/db", Map.of("password", "one"));
		server.requestLog().clear();
		VaultClient client = new RetryingVaultClient(DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build(), new VaultRetrySettings(2, Duration.ofSeconds(5), Duration.ofMillis(1), 1, Duration.ofMillis(1),
					Duration.ZERO));
		KvTemplate kv = new KvTemplate(client, "secret", KvVersion.V2);
		this.store = new CachingSecretStore(SecretLoader.of((mount) -> kv),
				new SecretCacheSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), 100, Duration.ofHours(1)),
				this.nanos::get, Runnable::run);
	}

	@Test
	void hundredThreadsOnAColdKeyCauseOneRead() throws Exception {
		server.faults().delayNext(1, Duration.ofMillis(300));
		ExecutorService executor = Executors.newFixedThreadPool(100);
		try {
			CountDownLatch gate = new CountDownLatch(1);
			List<Future<VersionedSecret>> reads = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				reads.add(executor.submit(() -> {
					gate.await();
					return this.store.read(DB);
				}));
			}
			gate.countDown();
			for (Future<VersionedSecret> read : reads) {
				assertThat(read.get(10, TimeUnit.SECONDS).data().getString("password")).isEqualTo("one");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertRequests("GET", READ_PATH, 1);
	}

	@Test
	void servesStaleWhileSealedAndRecovers() {
		assertThat(this.store.read(DB).data().getString("password")).isEqualTo("one");
		server.seal();
		this.nanos.addAndGet(Duration.ofMinutes(6).toNanos());
		assertThat(this.store.read(DB).data().getString("password")).isEqualTo("one");
		assertThat(this.store.getStaleLocations()).containsExactly(DB);
		server.unseal();
		server.putSecret("secret/myapp/db", Map.of("password", "two"));
		this.nanos.addAndGet(Duration.ofMinutes(5).toNanos());
		assertThat(this.store.read(DB).data().getString("password")).isEqualTo("two");
		assertThat(this.store.getStaleLocations()).isEmpty();
	}

	@Test
	void coldReadWhileSealedFails() {
		server.seal();
		assertThatExceptionOfType(VaultSealedException.class).isThrownBy(() -> this.store.read(DB));
		server.unseal();
	}

	private static void assertRequests(String method, String path, int expected) {
		await().atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(server.requestLog().count(method, path)).isEqualTo(expected));
	}

}
