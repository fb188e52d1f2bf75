package dev.vaultkv.secret;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
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
 * <li>A KV version 1 secret that sets its own, shorter time to live with a {@code ttl} key (Vault
 * reports it as the read's {@code lease_duration}) is refreshed on that schedule instead; a longer one
 * does not keep it cached longer than the cache's time to live.</li>
 * </ul>
 * Reads, loads and load failures are published to {@link #addListener(SecretStoreListener) listeners};
 * the Caffeine cache records statistics once {@linkplain #enableStatistics() enabled}, so that it can
 * be bound to Micrometer.
 * <p>
 * Time comes from a coarse ticker (a field refreshed every 20 ms), so that a hit costs about as much
 * as a map lookup; a hit allocates nothing and touches no thread-local state when its
 * {@link SecretSource} is given ({@link #read(SecretLocation, SecretSource)}), and a
 * {@linkplain #lookup(SecretLocation, SecretSource) lookup} serves a hit without even a map lookup.
 * <p>
 * Background refreshes are blocking reads from Vault. Unless an executor is given, they run on a small
 * pool of the store's own (at most four daemon threads named {@code vaultkv-secret-refresh-N}, which
 * end when idle), not on the common {@code ForkJoinPool}, whose few workers they would take from the
 * application's parallel streams and {@code CompletableFuture}s. {@link #close()} shuts that pool
 * down.
 *
 * @since 0.1.0
 */
public final class CachingSecretStore implements SecretStore, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CachingSecretStore.class);

	private static final int MAX_PREFETCH_THREADS = 8;

	/**
	 * How many secrets the store's own pool refreshes at the same time.
	 */
	private static final int REFRESH_THREADS = 4;

	/**
	 * How many refreshes wait for a thread of the store's own pool before the readers that trigger
	 * more run them themselves. Caffeine refreshes a key once at a time, so that the queue holds at
	 * most one refresh per cached secret besides Caffeine's short maintenance tasks.
	 */
	private static final int REFRESH_QUEUE_CAPACITY = 64;

	private static final long REFRESH_THREAD_KEEP_ALIVE_SECONDS = 60;

	/**
	 * How long {@link #close()} waits for the refreshes under way to finish.
	 */
	private static final long CLOSE_TIMEOUT_SECONDS = 5;

	private final SecretLoader loader;

	private final Ticker ticker;

	private final long ttlNanos;

	private final long maxAgeNanos;

	private final long refreshAfterNanos;

	private final @Nullable ExecutorService ownExecutor;

	private final OptInStatsCounter stats = new OptInStatsCounter();

	private final LoadingCache<SecretLocation, Entry> cache;

	private final Policy<SecretLocation, Entry> policy;

	private final List<SecretStoreListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Create a new instance on the coarse ticker, refreshing secrets on a pool of its own that
	 * {@link #close()} shuts down.
	 * @param loader reads secrets from Vault
	 * @param settings the cache settings
	 */
	public CachingSecretStore(SecretLoader loader, SecretCacheSettings settings) {
		this(loader, settings, CoarseTicker.INSTANCE);
	}

	/**
	 * Create a new instance refreshing secrets on a pool of its own that {@link #close()} shuts down.
	 * @param loader reads secrets from Vault
	 * @param settings the cache settings
	 * @param ticker the time source, in nanoseconds
	 */
	CachingSecretStore(SecretLoader loader, SecretCacheSettings settings, Ticker ticker) {
		this(loader, settings, ticker, createRefreshExecutor(), true);
	}

	/**
	 * Create a new instance.
	 * @param loader reads secrets from Vault
	 * @param settings the cache settings
	 * @param ticker the time source, in nanoseconds
	 * @param executor runs background refreshes; the caller shuts it down, not {@link #close()}
	 */
	public CachingSecretStore(SecretLoader loader, SecretCacheSettings settings, Ticker ticker, Executor executor) {
		this(loader, settings, ticker, executor, false);
	}

	private CachingSecretStore(SecretLoader loader, SecretCacheSettings settings, Ticker ticker, Executor executor,
			boolean ownExecutor) {
		Assert.notNull(loader, "'loader' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(ticker, "'ticker' must not be null");
		Assert.notNull(executor, "'executor' must not be null");
		this.loader = loader;
		this.ticker = ticker;
		this.ownExecutor = (ownExecutor) ? (ExecutorService) executor : null;
		this.ttlNanos = settings.ttl().toNanos();
		this.maxAgeNanos = saturatedAdd(this.ttlNanos, settings.maxStaleness().toNanos());
		this.refreshAfterNanos = settings.ttl().minus(settings.refreshAhead()).toNanos();
		this.cache = Caffeine.newBuilder()
			.ticker(ticker)
			.executor(executor)
			.maximumSize(settings.maxSize())
			.refreshAfterWrite(Duration.ofNanos(this.refreshAfterNanos))
			// a fixed expiry (a value is written when it is read from Vault) keeps a hit cheap; a stale
			// value keeps the time it was read from Vault and is dropped once older than ttl + maxStaleness
			.expireAfterWrite(Duration.ofNanos(this.maxAgeNanos))
			.recordStats(() -> this.stats)
			.evictionListener((SecretLocation location, Entry entry, RemovalCause cause) -> {
				if (entry != null) {
					entry.retire();
				}
			})
			// runs once the cache holds the replacing value, so listeners read the new one
			.removalListener((SecretLocation location, Entry entry, RemovalCause cause) -> {
				if (cause == RemovalCause.REPLACED && location != null && !this.listeners.isEmpty()) {
					publishReplaced(location);
				}
			})
			.build(new Loader());
		this.policy = this.cache.policy();
	}

	/**
	 * Create the pool of the store's background refreshes: at most {@link #REFRESH_THREADS} at a time,
	 * on daemon threads that end when idle, so that an idle application holds none.
	 */
	private static ThreadPoolExecutor createRefreshExecutor() {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("vaultkv-secret-refresh-");
		threadFactory.setDaemon(true);
		// Core threads that time out rather than a core of 0: a pool grows past its core only once its
		// queue is full, so that it would refresh one secret at a time.
		// A task the pool cannot take (its threads busy and its queue full, or the store closed) runs on
		// the thread that submits it. Caffeine skips a rejected refresh ahead with a logged warning until a
		// later read tries again, but throws the RejectedExecutionException out of LoadingCache.refresh,
		// which a read past the time to live goes through, failing that read. Running it on the caller
		// keeps every read working and slows down only the readers that overload the pool. Unlike
		// CallerRunsPolicy, it also runs once the pool is shut down: a discarded task would leave its
		// refresh incomplete, so that the secret would never be refreshed again and a caller waiting for
		// it would wait forever.
		ThreadPoolExecutor executor = new ThreadPoolExecutor(REFRESH_THREADS, REFRESH_THREADS,
				REFRESH_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(REFRESH_QUEUE_CAPACITY),
				threadFactory, (task, pool) -> task.run());
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Add a listener to the store's events.
	 * @param listener the listener
	 */
	public void addListener(SecretStoreListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		if (!this.listeners.contains(listener)) {
			this.listeners.add(listener);
		}
	}

	@Override
	public @Nullable VersionedSecret read(SecretLocation location) {
		return read(location, SecretSource.current());
	}

	@Override
	public @Nullable VersionedSecret read(SecretLocation location, SecretSource source) {
		return readEntry(location, source).secret();
	}

	/**
	 * Return a lookup that keeps the entry it read last and serves it again, without a cache
	 * lookup, while it is still the cached one, was read from Vault (not stale) and is not yet due
	 * for a refresh; such reads are counted as hits in the cache statistics and to listeners.
	 */
	@Override
	public SecretLookup lookup(SecretLocation location, SecretSource source) {
		Assert.notNull(location, "'location' must not be null");
		Assert.notNull(source, "'source' must not be null");
		return new EntryLookup(location, source);
	}

	private Entry readEntry(SecretLocation location, SecretSource source) {
		Assert.notNull(location, "'location' must not be null");
		Assert.notNull(source, "'source' must not be null");
		Entry entry = this.policy.getIfPresentQuietly(location);
		return (entry != null && serveAgain(entry, source)) ? entry : readThroughCache(location, source);
	}

	private Entry readThroughCache(SecretLocation location, SecretSource source) {
		Entry entry;
		boolean loaded;
		try {
			entry = this.cache.get(location);
			if (entry.stale() && isOverAge(entry, this.ticker.read())) {
				if (this.cache.asMap().remove(location, entry)) {
					entry.retire();
				}
				entry = this.cache.get(location);
			}
			loaded = entry.claimLoad();
			long age = this.ticker.read() - entry.loadedAt();
			long refreshAfter = refreshAfterNanos(entry);
			if (!entry.stale() && age > ttlNanos(entry)) {
				entry = refreshNow(location);
				entry.claimLoad();
				loaded = true;
			}
			else if (!entry.stale() && age >= refreshAfter && refreshAfter < this.refreshAfterNanos) {
				// a secret with a shorter time to live of its own is refreshed ahead by hand: Caffeine's
				// refresh-after-write interval is the same for every entry
				this.cache.refresh(location);
			}
		}
		catch (RuntimeException ex) {
			publishRead(location, SecretReadOutcome.ERROR);
			throw ex;
		}
		entry.recordSource(source);
		if (!this.listeners.isEmpty()) {
			publishRead(location, entry.stale() ? SecretReadOutcome.STALE
					: (loaded ? SecretReadOutcome.MISS : SecretReadOutcome.HIT));
		}
		return entry;
	}

	/**
	 * The fast path of a hit: serve an entry again, without looking it up, when it is still the
	 * cached one, was read from Vault (not stale), was already served once and is not yet due for a
	 * refresh; counted as a hit in the cache statistics and to listeners. Any other case takes
	 * {@link LoadingCache#get}, which refreshes, loads or expires. Such hits do not inform the
	 * size-based eviction, which matters only when more secret versions are in use than the cache
	 * holds.
	 */
	private boolean serveAgain(Entry entry, SecretSource source) {
		if (!entry.isSettled() || entry.stale() || this.ticker.read() - entry.loadedAt() >= refreshAfterNanos(entry)) {
			return false;
		}
		this.stats.recordHits(1);
		entry.recordSource(source);
		if (!this.listeners.isEmpty()) {
			publishRead(entry.location(), SecretReadOutcome.HIT);
		}
		return true;
	}

	/**
	 * Read a cached secret from Vault again now. When that fails for a transient reason, the cached value
	 * stays in use (stale) as it would after a background refresh; a location that is not cached is read
	 * as by {@link #read(SecretLocation)}.
	 * @param location the location
	 * @throws dev.vaultkv.client.VaultException when it cannot be read and no usable cached value exists
	 */
	@Override
	public void refresh(SecretLocation location) {
		Assert.notNull(location, "'location' must not be null");
		Entry refreshed = refreshNow(location);
		refreshed.claimLoad();
		// Caffeine may store a refreshed value just after the refresh future completes.
		this.cache.asMap().merge(location, refreshed, (current, fresh) -> {
			if (current.loadedAt() - fresh.loadedAt() > 0) {
				return current;
			}
			if (current != fresh) {
				current.retire();
			}
			return fresh;
		});
	}

	/**
	 * Return the time to live of an entry: the cache's, or the shorter one a KV version 1 secret sets
	 * itself with its {@code ttl} key. A longer one does not keep a secret longer than the cache's.
	 */
	private long ttlNanos(Entry entry) {
		long own = entry.ownTtlNanos();
		return (own > 0 && own < this.ttlNanos) ? own : this.ttlNanos;
	}

	/**
	 * Return when an entry is due for a refresh ahead of its time to live: the cache's refresh-ahead
	 * before it, but at least half of it.
	 */
	private long refreshAfterNanos(Entry entry) {
		long ttl = ttlNanos(entry);
		if (ttl == this.ttlNanos) {
			return this.refreshAfterNanos;
		}
		long ahead = Math.min(this.ttlNanos - this.refreshAfterNanos, ttl / 2);
		return ttl - ahead;
	}

	private boolean isOverAge(Entry entry, long now) {
		return now - entry.loadedAt() > this.maxAgeNanos;
	}

	private @Nullable Entry usableEntry(SecretLocation location) {
		Entry entry = this.cache.asMap().get(location);
		return (entry != null && !(entry.stale() && isOverAge(entry, this.ticker.read()))) ? entry : null;
	}

	private void publishRead(SecretLocation location, SecretReadOutcome outcome) {
		for (SecretStoreListener listener : this.listeners) {
			try {
				listener.onRead(location, outcome);
			}
			catch (RuntimeException ex) {
				logger.debug("Secret store listener failed", ex);
			}
		}
	}

	private Entry refreshNow(SecretLocation location) {
		try {
			Entry entry = this.cache.refresh(location).join();
			return (entry != null) ? entry : this.cache.get(location);
		}
		catch (CompletionException ex) {
			invalidate(location);
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
			.filter((location) -> usableEntry(location) == null)
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
			// a prefetch is not a read: the first read of a prefetched secret is a hit
			this.cache.get(location).claimLoad();
		}
		catch (RuntimeException ex) {
			logger.debug("Prefetching secret {} failed; the failure is reported when it is read", location, ex);
		}
	}

	@Override
	public void invalidate(SecretLocation location) {
		Entry removed = this.cache.asMap().remove(location);
		if (removed != null) {
			removed.retire();
			for (SecretStoreListener listener : this.listeners) {
				try {
					listener.onInvalidated(location);
				}
				catch (RuntimeException ex) {
					logger.debug("Secret store listener failed", ex);
				}
			}
		}
	}

	@Override
	public void invalidateAll() {
		for (SecretLocation location : List.copyOf(this.cache.asMap().keySet())) {
			invalidate(location);
		}
	}

	@Override
	public Set<SecretLocation> getStaleLocations() {
		long now = this.ticker.read();
		Set<SecretLocation> stale = new LinkedHashSet<>();
		this.cache.asMap().forEach((location, entry) -> {
			if (entry.stale() && !isOverAge(entry, now)) {
				stale.add(location);
			}
		});
		return Set.copyOf(stale);
	}

	@Override
	public Set<SecretLocation> getCachedLocations() {
		long now = this.ticker.read();
		Set<SecretLocation> cached = new LinkedHashSet<>();
		this.cache.asMap().forEach((location, entry) -> {
			if (!(entry.stale() && isOverAge(entry, now))) {
				cached.add(location);
			}
		});
		return Set.copyOf(cached);
	}

	@Override
	public @Nullable VersionedSecret getIfCached(SecretLocation location) {
		Entry entry = usableEntry(location);
		return (entry != null) ? entry.secret() : null;
	}

	@Override
	public Set<SecretSource> getSources(SecretLocation location) {
		Entry entry = usableEntry(location);
		return (entry != null) ? entry.sources() : Set.of();
	}

	/**
	 * Return what the store holds, without any value.
	 * @return the cached secrets
	 */
	public List<CachedSecret> getCachedSecrets() {
		long now = this.ticker.read();
		List<CachedSecret> secrets = new ArrayList<>();
		this.cache.asMap().forEach((location, entry) -> {
			if (entry.stale() && isOverAge(entry, now)) {
				return;
			}
			VersionedSecret secret = entry.secret();
			Long version = (secret != null && secret.metadata() != null) ? secret.version() : null;
			secrets.add(new CachedSecret(location, secret != null, version,
					(secret != null) ? Set.copyOf(secret.data().keys()) : Set.of(),
					Duration.ofNanos(Math.max(0, now - entry.loadedAt())), entry.stale(), entry.sources()));
		});
		return List.copyOf(secrets);
	}

	/**
	 * Start recording the cache's statistics (hits, misses, loads, evictions), as for cache metrics;
	 * off by default, since counting every hit costs about as much as the hit itself.
	 */
	public void enableStatistics() {
		this.stats.enabled = true;
	}

	/**
	 * Return the underlying Caffeine cache, for binding cache metrics; its statistics are recorded
	 * once {@link #enableStatistics()} was called. Its values are internal; do not modify the cache
	 * through it.
	 * @return the cache
	 */
	public Cache<SecretLocation, ?> getNativeCache() {
		return this.cache;
	}

	/**
	 * Shut down the pool of background refreshes this store created, if any, waiting a few seconds for
	 * the refreshes under way; later ones run on the thread that reads, so that the cache stays usable.
	 * An executor given to the constructor is left to its owner.
	 */
	@Override
	public void close() {
		ExecutorService executor = this.ownExecutor;
		if (executor == null || executor.isShutdown()) {
			return;
		}
		// not shutdownNow(): it would drop queued refreshes, whose futures would then never complete; a
		// read under way ends by its HTTP read timeout at the latest
		executor.shutdown();
		try {
			if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				logger.debug("Secret refreshes still under way after {} seconds; not waiting for them",
						CLOSE_TIMEOUT_SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return whether the cached value of a location is served past its time to live because Vault could
	 * not be read.
	 * @param location the location
	 * @return whether it is stale
	 */
	public boolean isStale(SecretLocation location) {
		Entry entry = usableEntry(location);
		return entry != null && entry.stale();
	}

	private @Nullable VersionedSecret load(SecretLocation location, boolean refresh) {
		logger.debug("Reading secret {}", location);
		VersionedSecret secret;
		try {
			secret = this.loader.load(location);
		}
		catch (VaultException ex) {
			if (!refresh || !ex.isTransient()) {
				publishLoadFailure(location, ex, false);
			}
			throw ex;
		}
		for (SecretStoreListener listener : this.listeners) {
			try {
				listener.onLoad(location, secret);
			}
			catch (RuntimeException ex) {
				logger.debug("Secret store listener failed", ex);
			}
		}
		return secret;
	}

	private void publishReplaced(SecretLocation location) {
		for (SecretStoreListener listener : this.listeners) {
			try {
				listener.onReplaced(location);
			}
			catch (RuntimeException ex) {
				logger.debug("Secret store listener failed", ex);
			}
		}
	}

	private void publishLoadFailure(SecretLocation location, VaultException failure, boolean servingStale) {
		for (SecretStoreListener listener : this.listeners) {
			try {
				listener.onLoadFailure(location, failure, servingStale);
			}
			catch (RuntimeException ex) {
				logger.debug("Secret store listener failed", ex);
			}
		}
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

	/**
	 * Caffeine's statistics, recorded only once enabled.
	 */
	private static final class OptInStatsCounter implements StatsCounter {

		private final StatsCounter delegate = new ConcurrentStatsCounter();

		private volatile boolean enabled;

		@Override
		public void recordHits(int count) {
			if (this.enabled) {
				this.delegate.recordHits(count);
			}
		}

		@Override
		public void recordMisses(int count) {
			if (this.enabled) {
				this.delegate.recordMisses(count);
			}
		}

		@Override
		public void recordLoadSuccess(long loadTime) {
			if (this.enabled) {
				this.delegate.recordLoadSuccess(loadTime);
			}
		}

		@Override
		public void recordLoadFailure(long loadTime) {
			if (this.enabled) {
				this.delegate.recordLoadFailure(loadTime);
			}
		}

		@Override
		public void recordEviction(int weight, RemovalCause cause) {
			if (this.enabled) {
				this.delegate.recordEviction(weight, cause);
			}
		}

		@Override
		public CacheStats snapshot() {
			return this.delegate.snapshot();
		}

	}

	private final class EntryLookup implements SecretLookup {

		private final SecretLocation location;

		private final SecretSource source;

		private volatile @Nullable Entry last;

		EntryLookup(SecretLocation location, SecretSource source) {
			this.location = location;
			this.source = source;
		}

		@Override
		public @Nullable VersionedSecret read() {
			Entry entry = this.last;
			if (entry == null || !serveAgain(entry, this.source)) {
				entry = readEntry(this.location, this.source);
				this.last = entry;
			}
			return entry.secret();
		}

	}

	/**
	 * A cached value. The {@link SecretSource sources} of its location's reads are shared by the
	 * entries that replace it on refresh; a value loaded for a cold key is counted as a miss by the
	 * first read that {@link #claimLoad() claims} it, so that a hit needs no thread-local state.
	 */
	private static final class Entry {

		private static final AtomicIntegerFieldUpdater<Entry> STATE = AtomicIntegerFieldUpdater
			.newUpdater(Entry.class, "state");

		/**
		 * In {@link #state}: loaded for a cold key and not yet counted as a miss by a read.
		 */
		private static final int UNCLAIMED = 1;

		/**
		 * In {@link #state}: no longer the cached entry (replaced, invalidated or evicted).
		 */
		private static final int RETIRED = 2;

		private final SecretLocation location;

		private final @Nullable VersionedSecret secret;

		private final long loadedAt;

		private final long ownTtlNanos;

		private final boolean stale;

		private final AtomicInteger sourceBits;

		/**
		 * {@link #UNCLAIMED} and {@link #RETIRED} bits; 0 for a cached entry already served.
		 */
		private volatile int state;

		Entry(SecretLocation location, @Nullable VersionedSecret secret, long loadedAt, boolean stale,
				AtomicInteger sourceBits, boolean unclaimed) {
			this.location = location;
			this.secret = secret;
			this.loadedAt = loadedAt;
			this.ownTtlNanos = (secret != null && secret.ttl() != null) ? secret.ttl().toNanos() : 0;
			this.stale = stale;
			this.sourceBits = sourceBits;
			this.state = unclaimed ? UNCLAIMED : 0;
		}

		SecretLocation location() {
			return this.location;
		}

		@Nullable VersionedSecret secret() {
			return this.secret;
		}

		/**
		 * Mark this entry as no longer the cached one (replaced, invalidated or evicted).
		 */
		void retire() {
			STATE.getAndUpdate(this, (state) -> state | RETIRED);
		}

		/**
		 * Return whether this entry is still the cached one and was already served once.
		 * @return whether it may be served again as a plain hit
		 */
		boolean isSettled() {
			return this.state == 0;
		}

		long loadedAt() {
			return this.loadedAt;
		}

		/**
		 * Return the time to live the secret sets itself (KV version 1 {@code ttl} key), or 0.
		 */
		long ownTtlNanos() {
			return this.ownTtlNanos;
		}

		boolean stale() {
			return this.stale;
		}

		AtomicInteger sourceBits() {
			return this.sourceBits;
		}

		boolean claimLoad() {
			int current = this.state;
			while ((current & UNCLAIMED) != 0) {
				if (STATE.compareAndSet(this, current, current & ~UNCLAIMED)) {
					return true;
				}
				current = this.state;
			}
			return false;
		}

		void recordSource(SecretSource source) {
			int bit = 1 << source.ordinal();
			AtomicInteger bits = this.sourceBits;
			if ((bits.get() & bit) == 0) {
				bits.accumulateAndGet(bit, (a, b) -> a | b);
			}
		}

		Set<SecretSource> sources() {
			int bits = this.sourceBits.get();
			EnumSet<SecretSource> sources = EnumSet.noneOf(SecretSource.class);
			for (SecretSource source : SecretSource.values()) {
				if ((bits & (1 << source.ordinal())) != 0) {
					sources.add(source);
				}
			}
			return Collections.unmodifiableSet(sources);
		}

	}

	private final class Loader implements CacheLoader<SecretLocation, Entry> {

		@Override
		public Entry load(SecretLocation location) {
			VersionedSecret secret = CachingSecretStore.this.load(location, false);
			return new Entry(location, secret, CachingSecretStore.this.ticker.read(), false, new AtomicInteger(), true);
		}

		@Override
		public Entry reload(SecretLocation location, Entry previous) {
			try {
				VersionedSecret secret = CachingSecretStore.this.load(location, true);
				previous.retire();
				return new Entry(location, secret, CachingSecretStore.this.ticker.read(), false, previous.sourceBits(),
						false);
			}
			catch (VaultException ex) {
				if (!ex.isTransient()) {
					throw ex;
				}
				if (isOverAge(previous, CachingSecretStore.this.ticker.read())) {
					publishLoadFailure(location, ex, false);
					throw ex;
				}
				publishLoadFailure(location, ex, true);
				logger.warn("Could not refresh secret {} ({}); serving the cached value", location,
						ex.getClass().getSimpleName());
				logger.debug("Refresh failure for secret {}", location, ex);
				previous.retire();
				return new Entry(location, previous.secret(), previous.loadedAt(), true, previous.sourceBits(), false);
			}
		}

	}

}
