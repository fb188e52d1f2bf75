package dev.vaultkv.secret;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the pool of {@link CachingSecretStore}'s own that runs its background refreshes.
 */
class CachingSecretStoreRefreshExecutorTests {

	private static final SecretLocation DB = new SecretLocation("secret", "myapp/db", 0);

	private static final SecretLocation API = new SecretLocation("secret", "myapp/api", 0);

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final Ticker ticker = this.nanos::get;

	private final SecretCacheSettings settings = new SecretCacheSettings(Duration.ofSeconds(60),
			Duration.ofSeconds(10), 100, Duration.ofSeconds(300));

	private final AtomicReference<String> value = new AtomicReference<>("one");

	/**
	 * The thread of every load after the first of a location.
	 */
	private final Map<SecretLocation, Thread> refreshedOn = new ConcurrentHashMap<>();

	private final Set<SecretLocation> loaded = ConcurrentHashMap.newKeySet();

	private volatile CountDownLatch refreshed = new CountDownLatch(1);

	private volatile RefreshStep onRefresh = () -> {
	};

	private final CachingSecretStore store = new CachingSecretStore(this::load, this.settings, this.ticker);

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	private VersionedSecret load(SecretLocation location) {
		if (!this.loaded.add(location)) {
			this.refreshedOn.put(location, Thread.currentThread());
			try {
				this.onRefresh.run();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.refreshed.countDown();
		}
		return new VersionedSecret(SecretData.of(Map.of("value", this.value.get())), null);
	}

	@Test
	void refreshRunsOnAThreadOfTheStoreNotOnTheCommonPool() throws Exception {
		this.store.read(DB);
		this.value.set("two");
		this.nanos.addAndGet(Duration.ofSeconds(55).toNanos());
		this.store.read(DB);
		assertThat(this.refreshed.await(5, TimeUnit.SECONDS)).isTrue();
		Thread thread = this.refreshedOn.get(DB);
		assertThat(thread.getName()).startsWith("vaultkv-secret-refresh-");
		assertThat(thread).isNotInstanceOf(ForkJoinWorkerThread.class);
		assertThat(thread.isDaemon()).isTrue();
	}

	@Test
	void refreshesOfDifferentSecretsRunAtTheSameTime() throws Exception {
		CountDownLatch started = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		this.refreshed = new CountDownLatch(2);
		this.onRefresh = () -> {
			started.countDown();
			release.await(5, TimeUnit.SECONDS);
		};
		this.store.read(DB);
		this.store.read(API);
		this.value.set("two");
		this.nanos.addAndGet(Duration.ofSeconds(55).toNanos());
		try {
			// each read serves the cached value while its refresh waits for the other one to start
			assertThat(this.store.read(DB).data().getString("value")).isEqualTo("one");
			assertThat(this.store.read(API).data().getString("value")).isEqualTo("one");
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			release.countDown();
		}
		assertThat(this.refreshed.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.refreshedOn.get(DB)).isNotSameAs(this.refreshedOn.get(API));
	}

	@Test
	void closeEndsTheRefreshThreads() throws Exception {
		this.store.read(DB);
		this.nanos.addAndGet(Duration.ofSeconds(55).toNanos());
		this.store.read(DB);
		assertThat(this.refreshed.await(5, TimeUnit.SECONDS)).isTrue();
		Thread thread = this.refreshedOn.get(DB);
		this.store.close();
		thread.join(TimeUnit.SECONDS.toMillis(5));
		assertThat(thread.isAlive()).isFalse();
	}

	@Test
	void afterCloseARefreshRunsOnTheReadingThread() throws Exception {
		this.store.read(DB);
		this.store.close();
		this.value.set("two");
		this.nanos.addAndGet(Duration.ofSeconds(55).toNanos());
		this.store.read(DB);
		assertThat(this.refreshed.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.refreshedOn.get(DB)).isSameAs(Thread.currentThread());
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("two");
	}

	@Test
	void closeLeavesAGivenExecutorRunning() {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			new CachingSecretStore(this::load, this.settings, this.ticker, executor).close();
			assertThat(executor.isShutdown()).isFalse();
		}
		finally {
			executor.shutdownNow();
		}
	}

	private interface RefreshStep {

		void run() throws InterruptedException;

	}

}
