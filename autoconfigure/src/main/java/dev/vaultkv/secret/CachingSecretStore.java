package dev.vaultkv.secret;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.VersionedSecret;

/**
 * {@link SecretStore} on a Caffeine cache keyed by {@link SecretLocation}.
 * <ul>
 * <li>A cold key is read once however many threads ask for it.</li>
 * <li>A secret in use is refreshed in the background {@code refreshAhead} before its time to live
 * ends; one that is past its time to live without a refresh attempt is re-read before it is
 * served.</li>
 * <li>When a re-read fails for a transient reason (Vault unreachable, sealed, 5xx, rate limited), the
 * last value is served for up to {@code maxStaleness} past its time to live and reported by
 * {@link #getStaleLocations()}. Other failures (permission denied, for example) evict the value and are
 * thrown.</li>
 * <li>Absent secrets are cached like present ones.</li>
 * </ul>
 * Time comes from a coarse ticker (a field refreshed every millisecond), so that a hit costs about as
 * much as a map lookup.
 *
 * @since 0.1.0
 */
public final class CachingSecretStore implements SecretStore {

	private static final Logger logger = LoggerFactory.getLogger(CachingSecretStore.class);

	private static final int MAX_PREFETCH_THREADS = 8;

	private final SecretLoader loader;

	private final Ticker ticker;

	private final long ttlNanos;

	private final long maxAgeNanos;

	private final Executor executor;

	private final LoadingCache<SecretLocation, Entry> cache;

	/**
	 * Create a new instance on the coarse ticker and the common pool.
	 * @param loader reads secrets from Vault
	 * @param settings the cache settings
	 */
	public CachingSecretStore(SecretLoader loader, SecretCacheSettings settings) {
		this(loader, settings, CoarseTicker.INSTANCE, ForkJoinPool.commonPool());
	}

	/**
	 * Create a new instance.
	 * @param loader reads secrets from Vault
	 * @param settings the cache settings
	 * @param ticker the time source, in nanoseconds
	 * @param executor runs background refreshes
	 */
	public CachingSecretStore(SecretLoader loader, SecretCacheSettings settings, Ticker ticker, Executor executor) {
		Assert.notNull(loader, "'loader' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(ticker, "'ticker' must not be null");
		Assert.notNull(executor, "'executor' must not be null");
		this.loader = loader;
		this.ticker = ticker;
		this.executor = executor;
		this.ttlNanos = settings.ttl().toNanos();
		this.maxAgeNanos = saturatedAdd(this.ttlNanos, settings.maxStaleness().toNanos());
		this.cache = Caffeine.newBuilder()
			.ticker(ticker)
			.executor(executor)
			.maximumSize(settings.maxSize())
			.refreshAfterWrite(settings.ttl().minus(settings.refreshAhead()))
			.expireAfter(new EntryExpiry())
			.build(new Loader());
	}

	@Override
	public @Nullable VersionedSecret read(SecretLocation location) {
		Assert.notNull(location, "'location' must not be null");
		Entry entry = this.cache.get(location);
		if (!entry.stale() && this.ticker.read() - entry.loadedAt() > this.ttlNanos) {
			entry = refreshNow(location);
		}
		return entry.secret();
	}

	private Entry refreshNow(SecretLocation location) {
		try {
			Entry entry = this.cache.refresh(location).join();
			return (entry != null) ? entry : this.cache.get(location);
		}
		catch (CompletionException ex) {
			this.cache.invalidate(location);
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	@Override
	public void prefetch(Collection<SecretLocation> locations) {
		Assert.notNull(locations, "'locations' must not be null");
		List<SecretLocation> missing = new LinkedHashSet<>(locations).stream()
			.filter((location) -> this.cache.getIfPresent(location) == null)
			.toList();
		if (missing.isEmpty()) {
			return;
		}
		if (missing.size() == 1) {
			readQuietly(missing.get(0));
			return;
		}
		ExecutorService executor = Executors.newFixedThreadPool(Math.min(missing.size(), MAX_PREFETCH_THREADS),
				(runnable) -> {
					Thread thread = new Thread(runnable, "vaultkv-prefetch");
					thread.setDaemon(true);
					return thread;
				});
		try {
			List<CompletableFuture<?>> reads = new ArrayList<>();
			for (SecretLocation location : missing) {
				reads.add(CompletableFuture.runAsync(() -> readQuietly(location), executor));
			}
			CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
		}
		finally {
			executor.shutdown();
		}
	}

	private void readQuietly(SecretLocation location) {
		try {
			this.cache.get(location);
		}
		catch (RuntimeException ex) {
			logger.debug("Prefetching secret {} failed; the failure is reported when it is read", location, ex);
		}
	}

	@Override
	public void invalidate(SecretLocation location) {
		this.cache.invalidate(location);
	}

	@Override
	public void invalidateAll() {
		this.cache.invalidateAll();
	}

	@Override
	public Set<SecretLocation> getStaleLocations() {
		Set<SecretLocation> stale = new LinkedHashSet<>();
		this.cache.asMap().forEach((location, entry) -> {
			if (entry.stale()) {
				stale.add(location);
			}
		});
		return Set.copyOf(stale);
	}

	/**
	 * Return whether the cached value of a location is served past its time to live because Vault could
	 * not be read.
	 * @param location the location
	 * @return whether it is stale
	 */
	public boolean isStale(SecretLocation location) {
		Entry entry = this.cache.asMap().get(location);
		return entry != null && entry.stale();
	}

	private Entry load(SecretLocation location) {
		logger.debug("Reading secret {}", location);
		return new Entry(this.loader.load(location), this.ticker.read(), false);
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

	private record Entry(@Nullable VersionedSecret secret, long loadedAt, boolean stale) {

	}

	private final class Loader implements CacheLoader<SecretLocation, Entry> {

		@Override
		public Entry load(SecretLocation location) {
			return CachingSecretStore.this.load(location);
		}

		@Override
		public Entry reload(SecretLocation location, Entry previous) {
			try {
				return CachingSecretStore.this.load(location);
			}
			catch (VaultException ex) {
				if (!ex.isTransient()) {
					throw ex;
				}
				logger.warn("Could not refresh secret {} ({}); serving the cached value", location,
						ex.getClass().getSimpleName());
				logger.debug("Refresh failure for secret {}", location, ex);
				return new Entry(previous.secret(), previous.loadedAt(), true);
			}
		}

	}

	private final class EntryExpiry implements Expiry<SecretLocation, Entry> {

		@Override
		public long expireAfterCreate(SecretLocation location, Entry entry, long currentTime) {
			return remaining(entry, currentTime);
		}

		@Override
		public long expireAfterUpdate(SecretLocation location, Entry entry, long currentTime,
				long currentDuration) {
			return remaining(entry, currentTime);
		}

		@Override
		public long expireAfterRead(SecretLocation location, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

		private long remaining(Entry entry, long currentTime) {
			long age = currentTime - entry.loadedAt();
			return Math.max(0, CachingSecretStore.this.maxAgeNanos - age);
		}

	}

}
