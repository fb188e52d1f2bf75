package dev.vaultkv.reliability;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.VersionConflictException;
import dev.vaultkv.kv.VersionMetadata;
import dev.vaultkv.kv.VersionedSecret;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent check-and-set increments of one secret through {@link KvTemplate}: every increment that
 * Vault accepted is in the final value, none is lost. 8 threads x 100 increments rather than 8 x 500 to
 * keep the build fast on 2 cores; the conflict rate, which is what the test exercises, is the same.
 */
@Timeout(120)
class LostUpdateTests {

	private static final int THREADS = 8;

	private static final int INCREMENTS = 100;

	private static final String PATH = "reliability/counter";

	private EmbeddedVaultServer server;

	private KvOperations kv;

	@BeforeEach
	void start() {
		this.server = EmbeddedVaultServer.start();
		this.kv = new KvTemplate(DefaultVaultClient.builder(this.server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.server.getRootToken())))
			.build(), "secret", KvVersion.V2);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void everyAcceptedCasWriteIsKept() throws Exception {
		VersionMetadata first = this.kv.write(PATH, Map.of("counter", 0), 0);
		assertThat(first.version()).isEqualTo(1);
		AtomicInteger conflicts = new AtomicInteger();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<List<Long>>> results = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				results.add(executor.submit(() -> {
					go.await();
					List<Long> versions = new ArrayList<>();
					for (int n = 0; n < INCREMENTS; n++) {
						versions.add(increment(conflicts));
					}
					return versions;
				}));
			}
			go.countDown();
			List<Long> written = new ArrayList<>();
			for (Future<List<Long>> result : results) {
				written.addAll(result.get(100, TimeUnit.SECONDS));
			}
			int successes = THREADS * INCREMENTS;
			assertThat(written).hasSize(successes).doesNotHaveDuplicates();
			VersionedSecret last = this.kv.read(PATH);
			assertThat(last).isNotNull();
			assertThat(last.metadata().version()).isEqualTo(1L + successes);
			assertThat(last.data().getString("counter")).isEqualTo(Integer.toString(successes));
			// Without contention the test proves nothing about lost updates.
			assertThat(conflicts.get()).isPositive();
		}
		finally {
			executor.shutdownNow();
		}
	}

	private long increment(AtomicInteger conflicts) {
		while (true) {
			VersionedSecret current = this.kv.read(PATH);
			long version = current.metadata().version();
			int counter = Integer.parseInt(current.data().getString("counter"));
			try {
				return this.kv.write(PATH, Map.of("counter", counter + 1), version).version();
			}
			catch (VersionConflictException ex) {
				conflicts.incrementAndGet();
			}
		}
	}

}
