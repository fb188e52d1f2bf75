package dev.vaultkv.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.KeyMetadata;
import dev.vaultkv.kv.UnsupportedKvOperationException;
import dev.vaultkv.kv.VersionMetadata;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretSource;
import dev.vaultkv.secret.SecretStore;

/**
 * Polls the secrets in use (the current-version entries of the shared {@link SecretStore}, tenants'
 * secrets in namespaces of their own included when the operations are a {@link VaultKvTemplate}) for
 * new versions and, on a change, refreshes the store entry and publishes one {@link SecretChangedEvent}.
 * <p>
 * Each path in use costs one {@code metadata/<path>} request per interval, however many readers it has;
 * KV version 1 mounts, which keep no metadata, cost one read instead. Each path is first polled at a
 * random point of the interval, so that replicas started together do not poll in step. Time comes from
 * the given {@link Clock}; the scheduler only calls {@link #tick()}, which tests may call directly, as
 * they may {@link #pollNow()}.
 *
 * @since 0.1.0
 */
public class SecretRotationWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SecretRotationWatcher.class);

	private final SecretStore store;

	private final VaultKvOperations operations;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final Duration interval;

	private final @Nullable TaskScheduler scheduler;

	private final LongUnaryOperator jitter;

	private final Map<SecretLocation, Tracked> tracked = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledFuture<?> task;

	/**
	 * Create a new instance whose first poll of each path falls at a random point of the interval.
	 * @param store the shared secret store
	 * @param operations the operations bean, used on each location's mount
	 * @param publisher publishes {@link SecretChangedEvent}s
	 * @param clock the time source
	 * @param interval how often each path is polled
	 * @param scheduler calls {@link #tick()} while running, or {@code null} to tick only on demand
	 */
	public SecretRotationWatcher(SecretStore store, VaultKvOperations operations, ApplicationEventPublisher publisher,
			Clock clock, Duration interval, @Nullable TaskScheduler scheduler) {
		this(store, operations, publisher, clock, interval, scheduler,
				(bound) -> ThreadLocalRandom.current().nextLong(bound));
	}

	/**
	 * Create a new instance.
	 * @param store the shared secret store
	 * @param operations the operations bean, used on each location's mount
	 * @param publisher publishes {@link SecretChangedEvent}s
	 * @param clock the time source
	 * @param interval how often each path is polled
	 * @param scheduler calls {@link #tick()} while running, or {@code null} to tick only on demand
	 * @param jitter returns the delay, in milliseconds and below its argument, of a path's first poll
	 */
	public SecretRotationWatcher(SecretStore store, VaultKvOperations operations, ApplicationEventPublisher publisher,
			Clock clock, Duration interval, @Nullable TaskScheduler scheduler, LongUnaryOperator jitter) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(operations, "'operations' must not be null");
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.isTrue(interval != null && interval.toMillis() > 0, "'interval' must be positive");
		Assert.notNull(jitter, "'jitter' must not be null");
		this.store = store;
		this.operations = operations;
		this.publisher = publisher;
		this.clock = clock;
		this.interval = interval;
		this.scheduler = scheduler;
		this.jitter = jitter;
	}

	/**
	 * Take up the secrets newly in use, forget those no longer cached (but for those injected into the
	 * application), and poll every path that is due.
	 */
	public void tick() {
		Instant now = this.clock.instant();
		track(now);
		// a secret out of the cache for less than an interval (a write through the operations bean dropped
		// it) is still polled, so that the write is published even when nothing reads it again
		this.tracked.forEach((location, entry) -> {
			if (entry.isDue(now)) {
				entry.scheduleNext(now, this.interval);
				poll(location, entry);
			}
		});
	}

	/**
	 * Poll every secret in use now, whatever its schedule.
	 */
	public void pollNow() {
		track(this.clock.instant());
		this.tracked.forEach(this::poll);
	}

	/**
	 * Return the locations being watched.
	 * @return the locations
	 */
	public Set<SecretLocation> getWatchedLocations() {
		return Set.copyOf(this.tracked.keySet());
	}

	private Set<SecretLocation> track(Instant now) {
		Set<SecretLocation> inUse = this.store.getCachedLocations();
		for (SecretLocation location : inUse) {
			if (!location.isPinned() && (location.namespace() == null || this.operations instanceof VaultKvTemplate)) {
				Tracked entry = this.tracked.computeIfAbsent(location, (key) -> {
					VersionedSecret secret = this.store.getIfCached(key);
					long delay = this.jitter.applyAsLong(this.interval.toMillis());
					return new Tracked(version(secret), ValueHashes.of((secret != null) ? secret.data() : null),
							now.plusMillis(delay));
				});
				if (!entry.injected && isInjected(this.store.getSources(location))) {
					entry.injected = true;
				}
			}
		}
		// a secret out of the cache only briefly (a write invalidates it until the next read) keeps the
		// version and values it was seen with, so that its change is still published; one injected into
		// the application (a placeholder, a config data import, an @Secret field) stays in use however
		// long nothing reads it again, since the beans that took it still hold it
		this.tracked.entrySet()
			.removeIf((tracked) -> tracked.getValue().isGone(inUse.contains(tracked.getKey()), now, this.interval));
		return inUse;
	}

	private static boolean isInjected(Set<SecretSource> sources) {
		return sources.contains(SecretSource.PLACEHOLDER) || sources.contains(SecretSource.CONFIG_DATA)
				|| sources.contains(SecretSource.ANNOTATION);
	}

	private void poll(SecretLocation location, Tracked entry) {
		try {
			synchronized (entry) {
				long current = currentVersion(location);
				if (current == entry.version && current != 0) {
					return;
				}
				// a failed re-read keeps the cached value (stale-if-error) and the version unchanged here,
				// so that the next poll tries again and the change is published once it is read; a version
				// already cached (read after a write through the operations bean) needs no read
				VersionedSecret cached = this.store.getIfCached(location);
				if (cached == null || current == 0 || cached.version() != current) {
					this.store.refresh(location);
				}
				VersionedSecret secret = this.store.read(location);
				Map<String, String> hashes = ValueHashes.of((secret != null) ? secret.data() : null);
				long newVersion = (secret != null) ? version(secret) : current;
				Set<String> changed = ValueHashes.changedKeys(entry.hashes, hashes);
				if (newVersion == entry.version && changed.isEmpty()) {
					return;
				}
				long oldVersion = entry.version;
				entry.version = newVersion;
				entry.hashes = hashes;
				logger.info("Secret {} changed (version {} -> {}, keys {})", location, oldVersion, newVersion, changed);
				this.publisher.publishEvent(new SecretChangedEvent(this, location.namespace(), location.mount(),
						location.path(), changed, oldVersion, newVersion));
			}
		}
		catch (VaultException ex) {
			logger.warn("Could not check secret {} for a new version ({})", location, ex.getClass().getSimpleName());
			logger.debug("Rotation check failure for secret {}", location, ex);
		}
	}

	private long currentVersion(SecretLocation location) {
		try {
			KeyMetadata metadata = (location.namespace() != null)
					? ((VaultKvTemplate) this.operations).kvOperations(location.mount(), location.namespace())
						.readMetadata(location.path())
					: this.operations.kv(location.mount()).readMetadata(location.path());
			if (metadata == null) {
				return 0;
			}
			long current = metadata.currentVersion();
			VersionMetadata version = metadata.versions().get(current);
			// a deleted or destroyed current version reads as absent; one merely scheduled for deletion
			// (delete_version_after) is re-read, which finds no change until it is gone
			boolean gone = version != null && (version.destroyed() || version.deletionTime() != null);
			return gone ? 0 : current;
		}
		catch (UnsupportedKvOperationException ex) {
			return 0;
		}
	}

	private static long version(@Nullable VersionedSecret secret) {
		return (secret != null) ? secret.version() : 0;
	}

	@Override
	public void start() {
		TaskScheduler scheduler = this.scheduler;
		if (scheduler != null && this.task == null) {
			Duration period = this.interval.dividedBy(10);
			period = (period.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : period;
			period = (period.toMillis() < 10) ? Duration.ofMillis(10) : period;
			this.task = scheduler.scheduleWithFixedDelay(this::safeTick, period);
			logger.info("Polling secrets in use for new versions every {}", this.interval);
		}
	}

	private void safeTick() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			logger.warn("Rotation check failed ({})", ex.getClass().getSimpleName());
			logger.debug("Rotation check failure", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> task = this.task;
		if (task != null) {
			task.cancel(false);
			this.task = null;
		}
	}

	/**
	 * Stop polling and release the scheduler when it can be closed.
	 * @throws Exception if the scheduler fails to close
	 */
	public void close() throws Exception {
		stop();
		if (this.scheduler instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

	private static final class Tracked {

		private long version;

		private Map<String, String> hashes;

		private Instant nextPoll;

		private @Nullable Instant missingSince;

		private volatile boolean injected;

		Tracked(long version, Map<String, String> hashes, Instant nextPoll) {
			this.version = version;
			this.hashes = hashes;
			this.nextPoll = nextPoll;
		}

		/**
		 * Return whether the secret has been out of the cache for a whole interval and was never injected
		 * into the application.
		 */
		synchronized boolean isGone(boolean inUse, Instant now, Duration interval) {
			if (inUse || this.injected) {
				this.missingSince = null;
				return false;
			}
			if (this.missingSince == null) {
				this.missingSince = now;
			}
			return !now.isBefore(this.missingSince.plus(interval));
		}

		synchronized boolean isDue(Instant now) {
			return !this.nextPoll.isAfter(now);
		}

		synchronized void scheduleNext(Instant now, Duration interval) {
			Instant next = this.nextPoll.plus(interval);
			this.nextPoll = next.isAfter(now) ? next : now.plus(interval);
		}

	}

}
