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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingSecretStoreTests {

	private static final SecretLocation DB = new SecretLocation("secret", "myapp/db", 0);

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final Ticker ticker = this.nanos::get;

	private final AtomicInteger reads = new AtomicInteger();

	private final AtomicReference<VaultException> failure = new AtomicReference<>();

	private final AtomicReference<String> value = new AtomicReference<>("one");

	private final SecretLoader loader = (location) -> {
		this.reads.incrementAndGet();
		VaultException ex = this.failure.get();
		if (ex != null) {
			throw ex;
		}
		return new VersionedSecret(SecretData.of(Map.of("value", this.value.get())), null);
	};

	private final SecretCacheSettings settings = new SecretCacheSettings(Duration.ofSeconds(60),
			Duration.ofSeconds(10), 100, Duration.ofSeconds(300));

	private final CachingSecretStore store = new CachingSecretStore(this.loader, this.settings, this.ticker,
			Runnable::run);

	@Test
	void coldReadBy100ThreadsIsOneRead() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		SecretLoader slow = (location) -> {
			this.reads.incrementAndGet();
			try {
				release.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new VersionedSecret(SecretData.of(Map.of("value", "v")), null);
		};
		CachingSecretStore store = new CachingSecretStore(slow, this.settings, this.ticker, Runnable::run);
		ExecutorService executor = Executors.newFixedThreadPool(100);
		try {
			CountDownLatch started = new CountDownLatch(100);
			List<Future<VersionedSecret>> results = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				results.add(executor.submit(() -> {
					started.countDown();
					return store.read(DB);
				}));
			}
			started.await(5, TimeUnit.SECONDS);
			release.countDown();
			for (Future<VersionedSecret> result : results) {
				assertThat(result.get(5, TimeUnit.SECONDS).data().getString("value")).isEqualTo("v");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void servesFromCacheWithinTtl() {
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("one");
		this.value.set("two");
		this.nanos.addAndGet(Duration.ofSeconds(49).toNanos());
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("one");
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void refreshesAheadOfExpiry() {
		this.store.read(DB);
		this.value.set("two");
		this.nanos.addAndGet(Duration.ofSeconds(55).toNanos());
		this.store.read(DB);
		assertThat(this.reads).hasValue(2);
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("two");
	}

	@Test
	void hitsAreCountedInTheCacheStatisticsAndDoNotPostponeTheRefresh() {
		this.store.enableStatistics();
		this.store.read(DB);
		this.value.set("two");
		for (int i = 0; i < 4; i++) {
			this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
			assertThat(this.store.read(DB).data().getString("value")).isEqualTo("one");
		}
		assertThat(this.reads).hasValue(1);
		// 55 s: the refresh is due (the test's executor runs it at once).
		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("two");
		assertThat(this.reads).hasValue(2);
		assertThat(this.store.getNativeCache().stats().hitCount()).isEqualTo(5);
		assertThat(this.store.getNativeCache().stats().missCount()).isEqualTo(1);
	}

	@Test
	void statisticsAreRecordedOnlyOnceEnabled() {
		this.store.read(DB);
		this.store.read(DB);
		assertThat(this.store.getNativeCache().stats().requestCount()).isZero();
		this.store.enableStatistics();
		this.store.read(DB);
		this.store.invalidate(DB);
		this.store.read(DB);
		assertThat(this.store.getNativeCache().stats().hitCount()).isEqualTo(1);
		assertThat(this.store.getNativeCache().stats().missCount()).isEqualTo(1);
		assertThat(this.store.getNativeCache().stats().loadSuccessCount()).isEqualTo(1);
	}

	@Test
	void lookupServesItsEntryAgainUntilReplaced() {
		SecretLookup lookup = this.store.lookup(DB, SecretSource.API);
		VersionedSecret first = lookup.read();
		assertThat(lookup.read()).isSameAs(first);
		this.value.set("two");
		this.store.invalidate(DB);
		assertThat(lookup.read().data().getString("value")).isEqualTo("two");
		this.value.set("three");
		this.nanos.addAndGet(Duration.ofSeconds(55).toNanos());
		// due for a refresh: the lookup reads through the cache, which refreshes (at once, in this test)
		assertThat(lookup.read().data().getString("value")).isEqualTo("three");
		assertThat(this.reads).hasValue(3);
		this.value.set("four");
		this.store.refresh(DB);
		assertThat(lookup.read().data().getString("value")).isEqualTo("four");
	}

	@Test
	void rereadsPastTtl() {
		this.store.read(DB);
		this.value.set("two");
		this.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("two");
		assertThat(this.store.getStaleLocations()).isEmpty();
	}

	@Test
	void servesStaleValueWhileVaultIsUnreachable() {
		this.store.read(DB);
		this.failure.set(new VaultConnectionException("GET", "secret/data/myapp/db", 0, List.of(), null));
		this.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("one");
		assertThat(this.store.getStaleLocations()).containsExactly(DB);
		assertThat(this.store.isStale(DB)).isTrue();
		this.failure.set(null);
		this.value.set("two");
		this.nanos.addAndGet(Duration.ofSeconds(51).toNanos());
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("two");
		assertThat(this.store.getStaleLocations()).isEmpty();
	}

	@Test
	void staleValueExpiresAfterMaxStaleness() {
		this.store.read(DB);
		this.failure.set(new VaultConnectionException("GET", "secret/data/myapp/db", 0, List.of(), null));
		this.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		this.store.read(DB);
		this.nanos.addAndGet(Duration.ofSeconds(300).toNanos());
		assertThatExceptionOfType(VaultConnectionException.class).isThrownBy(() -> this.store.read(DB));
	}

	@Test
	void permanentFailureOnRefreshIsThrown() {
		this.store.read(DB);
		this.failure.set(new PermissionDeniedException("GET", "secret/data/myapp/db", 403, List.of(), null));
		this.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		assertThatExceptionOfType(PermissionDeniedException.class).isThrownBy(() -> this.store.read(DB));
		assertThat(this.store.getStaleLocations()).isEmpty();
	}

	@Test
	void listenersReceiveReadOutcomesLoadsAndFailures() {
		List<String> events = new ArrayList<>();
		this.store.addListener(new SecretStoreListener() {

			@Override
			public void onRead(SecretLocation location, SecretReadOutcome outcome) {
				events.add("read " + location + " " + outcome);
			}

			@Override
			public void onLoad(SecretLocation location, VersionedSecret secret) {
				events.add("load " + location);
			}

			@Override
			public void onLoadFailure(SecretLocation location, VaultException failure, boolean servingStale) {
				events.add("failure " + location + " " + servingStale);
			}

		});
		this.store.read(DB);
		this.store.read(DB);
		this.failure.set(new VaultConnectionException("GET", "secret/data/myapp/db", 0, List.of(), null));
		this.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		this.store.read(DB);
		this.store.invalidateAll();
		assertThatExceptionOfType(VaultConnectionException.class).isThrownBy(() -> this.store.read(DB));
		assertThat(events).containsExactly("load secret//myapp/db", "read secret//myapp/db MISS",
				"read secret//myapp/db HIT", "failure secret//myapp/db true", "read secret//myapp/db STALE",
				"failure secret//myapp/db false", "read secret//myapp/db ERROR");
	}

	@Test
	void cachedSecretsShowKeysVersionAgeAndStalenessButNoValue() {
		this.store.enableStatistics();
		SecretSource.with(SecretSource.PLACEHOLDER, () -> this.store.read(DB));
		this.store.read(DB);
		this.nanos.addAndGet(Duration.ofSeconds(5).toNanos());
		assertThat(this.store.getCachedSecrets()).singleElement().satisfies((cached) -> {
			assertThat(cached.location()).isEqualTo(DB);
			assertThat(cached.present()).isTrue();
			assertThat(cached.version()).isNull();
			assertThat(cached.keys()).containsExactly("value");
			assertThat(cached.age()).isEqualTo(Duration.ofSeconds(5));
			assertThat(cached.stale()).isFalse();
			assertThat(cached.sources()).containsExactlyInAnyOrder(SecretSource.PLACEHOLDER, SecretSource.API);
			assertThat(cached.toString()).doesNotContain("one");
		});
		assertThat(this.store.getNativeCache().stats().missCount()).isEqualTo(1);
	}

	@Test
	void refreshKeepsServingTheCachedValueWhenVaultIsUnreachable() {
		this.store.read(DB);
		this.failure.set(new VaultConnectionException("GET", "secret/data/myapp/db", 0, List.of(), null));
		this.store.refresh(DB);
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("one");
		assertThat(this.store.isStale(DB)).isTrue();
		this.failure.set(null);
		this.value.set("two");
		this.store.refresh(DB);
		assertThat(this.store.read(DB).data().getString("value")).isEqualTo("two");
		assertThat(this.reads).hasValue(3);
	}

	@Test
	void absentSecretIsCached() {
		CachingSecretStore store = new CachingSecretStore((location) -> {
			this.reads.incrementAndGet();
			return null;
		}, this.settings, this.ticker, Runnable::run);
		assertThat(store.read(DB)).isNull();
		assertThat(store.read(DB)).isNull();
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void versionsAreSeparateEntries() {
		this.store.read(DB);
		this.store.read(new SecretLocation("secret", "myapp/db", 2));
		this.store.read(new SecretLocation("other", "myapp/db", 0));
		assertThat(this.reads).hasValue(3);
	}

	@Test
	void prefetchReadsEachLocationOnce() {
		this.store.prefetch(List.of(DB, DB, new SecretLocation("secret", "myapp/api", 0)));
		this.store.read(DB);
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void invalidateForcesRead() {
		this.store.read(DB);
		this.store.invalidate(DB);
		this.store.read(DB);
		assertThat(this.reads).hasValue(2);
	}

}
