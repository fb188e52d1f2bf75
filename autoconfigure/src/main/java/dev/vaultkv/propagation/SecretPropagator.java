package dev.vaultkv.propagation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.secret.SecretStoreListener;

/**
 * Hands changed secrets to the {@link SecretConsumer consumers} that follow them. It listens to the
 * shared secret store: whenever a followed secret's cached value is replaced (rotation polling, refresh
 * ahead of expiry, the {@code vault} endpoint, a write through the operations bean, a
 * {@link #refreshRejected re-read after rejected credentials}), each consumer whose last applied value
 * differs gets the new one, once, on the propagator's own thread, in registration order. A failure is
 * logged once per consumer and location (never the value), reported to {@link PropagationListener
 * listeners}, and retried on the secret's next change or after the retry interval, whichever comes first;
 * it never stops the other consumers.
 *
 * @since 0.1.0
 */
public class SecretPropagator implements SecretStoreListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SecretPropagator.class);

	private final SecretStore store;

	private final Duration retryInterval;

	private final Clock clock;

	private final ScheduledExecutorService executor;

	private final List<Registration> registrations = new CopyOnWriteArrayList<>();

	private final List<PropagationListener> listeners = new CopyOnWriteArrayList<>();

	private final Set<SecretLocation> pending = ConcurrentHashMap.newKeySet();

	private final Map<SecretLocation, Flight> flights = new ConcurrentHashMap<>();

	private final Map<SecretLocation, VersionedSecret> external = new ConcurrentHashMap<>();

	private final Map<SecretLocation, Runnable> refreshers = new ConcurrentHashMap<>();

	private volatile Set<SecretLocation> followed = Set.of();

	/**
	 * Create a new instance with a thread of its own.
	 * @param store the shared secret store
	 * @param retryInterval how long after a failed application it is tried again
	 * @param clock the time source of the reported times
	 */
	public SecretPropagator(SecretStore store, Duration retryInterval, Clock clock) {
		Assert.notNull(store, "'store' must not be null");
		Assert.isTrue(retryInterval != null && !retryInterval.isNegative() && !retryInterval.isZero(),
				"'retryInterval' must be positive");
		Assert.notNull(clock, "'clock' must not be null");
		this.store = store;
		this.retryInterval = retryInterval;
		this.clock = clock;
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "vaultkv-propagation");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.executor = executor;
	}

	/**
	 * Add a consumer. The values currently cached for the secrets it follows count as applied: the
	 * component was built from them.
	 * @param consumer the consumer
	 */
	public void register(SecretConsumer consumer) {
		Assert.notNull(consumer, "'consumer' must not be null");
		for (Registration registration : this.registrations) {
			if (registration.consumer == consumer) {
				return;
			}
		}
		Registration registration = new Registration(consumer);
		for (SecretLocation location : followedBy(consumer)) {
			registration.baseline(location, baseline(location));
		}
		this.registrations.add(registration);
		updateFollowed();
		logger.debug("Secret consumer '{}' follows {}", consumer.getName(), registration.locations());
	}

	/**
	 * Remove a consumer.
	 * @param consumer the consumer
	 */
	public void unregister(SecretConsumer consumer) {
		this.registrations.removeIf((registration) -> registration.consumer == consumer);
		updateFollowed();
	}

	/**
	 * Add a listener to the outcome of every application.
	 * @param listener the listener
	 */
	public void addListener(PropagationListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.listeners.add(listener);
	}

	@Override
	public void onReplaced(SecretLocation location) {
		schedule(location);
	}

	/**
	 * A followed secret dropped from the cache (a write through the operations bean) is read again on the
	 * propagator's thread, once, and its consumers get it.
	 */
	@Override
	public void onInvalidated(SecretLocation location) {
		schedule(location);
	}

	@Override
	public void onLoad(SecretLocation location, @Nullable VersionedSecret secret) {
		// a load into an empty entry (after an invalidation) replaces nothing; the propagator's thread
		// waits for the cache to hold it
		schedule(location);
	}

	/**
	 * Publish the current value of a secret that does not live in the secret cache (database credentials
	 * from a lease, for example) and hand it to its consumers on the propagator's thread. Properties that
	 * answer such a value record its location with {@link dev.vaultkv.secret.SecretReadTrace}.
	 * @param location the location the secret is known by
	 * @param secret its current value
	 * @param refresher reads it again when a component sees credentials taken from it rejected, or
	 * {@code null}
	 */
	public void publish(SecretLocation location, VersionedSecret secret, @Nullable Runnable refresher) {
		Assert.notNull(location, "'location' must not be null");
		Assert.notNull(secret, "'secret' must not be null");
		this.external.put(location, secret);
		if (refresher != null) {
			this.refreshers.put(location, refresher);
		}
		schedule(location);
	}

	/**
	 * Hand the cached value of a secret to the consumers that follow it and have not applied it yet,
	 * on the propagator's thread.
	 * @param location the location
	 */
	public void schedule(SecretLocation location) {
		if (this.followed.contains(location) && this.pending.add(location)) {
			try {
				this.executor.execute(() -> {
					this.pending.remove(location);
					propagate(location);
				});
			}
			catch (RuntimeException ex) {
				this.pending.remove(location);
				logger.debug("Secret propagation not scheduled (shut down)", ex);
			}
		}
	}

	/**
	 * Hand the cached value of a secret to the consumers that follow it and have not applied it yet, on
	 * the calling thread.
	 * @param location the location
	 */
	public void propagate(SecretLocation location) {
		propagate(location, false);
	}

	private void propagate(SecretLocation location, boolean retry) {
		Assert.notNull(location, "'location' must not be null");
		for (Registration registration : this.registrations) {
			if (registration.follows(location)) {
				synchronized (registration) {
					apply(registration, location, retry);
				}
			}
		}
	}

	/**
	 * Read secrets from Vault again now because a component saw the credentials taken from them
	 * rejected. Concurrent callers share one read per location: a caller whose rejected attempt started
	 * before a read of a location started (or while it was under way) waits for that read instead of
	 * starting another, so that many connections rejected together cost one read. Returns once the cache
	 * holds what Vault answered; the consumers get it on the propagator's thread as for any change.
	 * @param locations the secrets to read again
	 * @param attemptStartedNanos when the rejected attempt started, on {@link System#nanoTime()}
	 * @throws VaultException if a secret cannot be read and no usable cached value exists
	 */
	public void refreshRejected(Collection<SecretLocation> locations, long attemptStartedNanos) {
		Assert.notNull(locations, "'locations' must not be null");
		for (SecretLocation location : locations) {
			refreshRejected(location, attemptStartedNanos);
		}
	}

	private void refreshRejected(SecretLocation location, long attemptStartedNanos) {
		while (true) {
			Flight flight = this.flights.get(location);
			if (flight != null && flight.startedAt - attemptStartedNanos >= 0) {
				flight.await();
				return;
			}
			Flight mine = new Flight(System.nanoTime());
			boolean claimed = (flight != null) ? this.flights.replace(location, flight, mine)
					: this.flights.putIfAbsent(location, mine) == null;
			if (claimed) {
				try {
					logger.info("Reading secret {} again: credentials taken from it were rejected", location);
					Runnable refresher = this.refreshers.get(location);
					if (refresher != null) {
						refresher.run();
					}
					else {
						this.store.refresh(location);
					}
					mine.done.complete(null);
				}
				catch (RuntimeException ex) {
					mine.done.completeExceptionally(ex);
					throw ex;
				}
				schedule(location);
				return;
			}
		}
	}

	/**
	 * Return the state of every consumer.
	 * @return the consumers' states, in registration order
	 */
	public List<SecretConsumerStatus> getConsumers() {
		List<SecretConsumerStatus> statuses = new ArrayList<>();
		for (Registration registration : this.registrations) {
			statuses.add(registration.status());
		}
		return List.copyOf(statuses);
	}

	private void apply(Registration registration, SecretLocation location, boolean retry) {
		VersionedSecret secret;
		try {
			secret = current(location);
		}
		catch (VaultException ex) {
			logger.debug("Secret {} cannot be read for its consumers now ({})", location, ex.getClass().getName());
			scheduleRetry(location);
			return;
		}
		if (registration.isApplied(location, secret, retry)) {
			return;
		}
		SecretConsumer consumer = registration.consumer;
		SecretChange change = new SecretChange(location, secret, registration.appliedVersion(location));
		try {
			consumer.apply(change);
		}
		catch (Exception | LinkageError ex) {
			boolean firstFailure = registration.failed(location, secret, ex, this.clock.instant());
			if (firstFailure) {
				logger.warn("Could not apply the changed secret {} to {} ({}); it keeps its last good values and "
						+ "is tried again on the next change or in {}", location, consumer.getName(),
						ex.getClass().getName(), this.retryInterval);
			}
			this.listeners.forEach((listener) -> listener.onFailure(consumer, location, ex));
			scheduleRetry(location);
			return;
		}
		registration.applied(location, secret, this.clock.instant());
		logger.info("Applied the changed secret {} to {} (version {})", location, consumer.getName(), change.version());
		this.listeners.forEach((listener) -> listener.onSuccess(consumer, location));
		Set<SecretLocation> before = registration.locations();
		if (!before.equals(followedBy(consumer))) {
			registration.follow(followedBy(consumer), this::baseline);
			updateFollowed();
		}
	}

	private @Nullable VersionedSecret current(SecretLocation location) {
		VersionedSecret published = this.external.get(location);
		if (published != null) {
			return published;
		}
		VersionedSecret secret = this.store.getIfCached(location);
		if (secret != null || this.store.getCachedLocations().contains(location)) {
			return secret;
		}
		// not cached (being loaded, or invalidated by a write): a read waits for a load under way
		return this.store.read(location);
	}

	private @Nullable VersionedSecret baseline(SecretLocation location) {
		VersionedSecret published = this.external.get(location);
		return (published != null) ? published : this.store.getIfCached(location);
	}

	private void scheduleRetry(SecretLocation location) {
		try {
			this.executor.schedule(() -> propagate(location, true), this.retryInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			logger.debug("Retry of the secret propagation not scheduled (shut down)", ex);
		}
	}

	private void updateFollowed() {
		Set<SecretLocation> followed = ConcurrentHashMap.newKeySet();
		for (Registration registration : this.registrations) {
			followed.addAll(registration.locations());
		}
		this.followed = Set.copyOf(followed);
	}

	private static Set<SecretLocation> followedBy(SecretConsumer consumer) {
		Set<SecretLocation> locations = consumer.getFollowedSecrets();
		return (locations != null) ? Set.copyOf(locations) : Set.of();
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * One re-read of a secret after rejected credentials.
	 */
	private static final class Flight {

		private final long startedAt;

		private final CompletableFuture<@Nullable Void> done = new CompletableFuture<>();

		Flight(long startedAt) {
			this.startedAt = startedAt;
		}

		void await() {
			try {
				this.done.join();
			}
			catch (RuntimeException ex) {
				// the caller that read reports the failure; the others retry with what the cache holds
			}
		}

	}

	/**
	 * A consumer and what it applied last, per location.
	 */
	private static final class Registration {

		private final SecretConsumer consumer;

		private final Map<SecretLocation, Applied> applied = new ConcurrentHashMap<>();

		private volatile long applications;

		private volatile long failures;

		private volatile @Nullable Instant lastAppliedAt;

		private volatile @Nullable Instant lastFailureAt;

		private volatile @Nullable String lastFailure;

		Registration(SecretConsumer consumer) {
			this.consumer = consumer;
		}

		void baseline(SecretLocation location, @Nullable VersionedSecret secret) {
			this.applied.put(location, new Applied(secret, null));
		}

		synchronized void follow(Set<SecretLocation> locations,
				Function<SecretLocation, @Nullable VersionedSecret> baseline) {
			this.applied.keySet().retainAll(locations);
			for (SecretLocation location : locations) {
				this.applied.computeIfAbsent(location, (key) -> new Applied(baseline.apply(key), null));
			}
		}

		Set<SecretLocation> locations() {
			return Set.copyOf(this.applied.keySet());
		}

		boolean follows(SecretLocation location) {
			return this.applied.containsKey(location);
		}

		/**
		 * Return whether a value needs no application: it is the one applied, or the one whose
		 * application failed last and is not being retried.
		 */
		boolean isApplied(SecretLocation location, @Nullable VersionedSecret secret, boolean retry) {
			Applied applied = this.applied.get(location);
			if (applied == null) {
				return true;
			}
			if (applied.failedOn != null) {
				return !retry && Applied.same(applied.failedOn.secret(), secret);
			}
			return Applied.same(applied.secret, secret);
		}

		long appliedVersion(SecretLocation location) {
			Applied applied = this.applied.get(location);
			return (applied != null && applied.secret != null) ? applied.secret.version() : 0;
		}

		void applied(SecretLocation location, @Nullable VersionedSecret secret, Instant now) {
			this.applied.put(location, new Applied(secret, null));
			this.applications++;
			this.lastAppliedAt = now;
		}

		/**
		 * Record a failure; return whether it is the first in a row for the location.
		 */
		boolean failed(SecretLocation location, @Nullable VersionedSecret secret, Throwable failure, Instant now) {
			Applied previous = this.applied.get(location);
			boolean first = previous == null || previous.failedOn == null;
			if (previous != null) {
				this.applied.put(location, new Applied(previous.secret, new Failed(secret)));
			}
			this.failures++;
			this.lastFailureAt = now;
			this.lastFailure = failure.getClass().getName();
			return first;
		}

		SecretConsumerStatus status() {
			Map<SecretLocation, Long> versions = new LinkedHashMap<>();
			this.applied.forEach((location, applied) -> versions.put(location,
					(applied.secret != null) ? applied.secret.version() : 0L));
			return new SecretConsumerStatus(this.consumer.getName(), Map.copyOf(versions), this.applications,
					this.lastAppliedAt, this.failures, this.lastFailure, this.lastFailureAt,
					this.applied.values().stream().anyMatch((applied) -> applied.failedOn != null));
		}

	}

	/**
	 * A value whose application failed.
	 */
	private record Failed(@Nullable VersionedSecret secret) {

		@Override
		public String toString() {
			return "Failed[version=" + ((this.secret != null) ? this.secret.version() : 0) + "]";
		}

	}

	/**
	 * The value last applied (or the value a consumer started with), and the newer value whose
	 * application failed, if any.
	 */
	private record Applied(@Nullable VersionedSecret secret, @Nullable Failed failedOn) {

		static boolean same(@Nullable VersionedSecret a, @Nullable VersionedSecret b) {
			if (a == b) {
				return true;
			}
			if (a == null || b == null) {
				return false;
			}
			return a.version() == b.version() && a.data().equals(b.data());
		}

		@Override
		public String toString() {
			return "Applied[version=" + ((this.secret != null) ? this.secret.version() : 0) + ", failedOn="
					+ this.failedOn + "]";
		}

	}

}
