package dev.vaultkv.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.operations.SecretChangedEvent;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReadOutcome;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.secret.SecretStoreListener;

/**
 * Meters of the secret store, fed by its {@link SecretStoreListener events}:
 * <ul>
 * <li>{@value #READS} (counter): reads by {@code outcome} ({@code hit}, {@code miss}, {@code stale},
 * {@code error}) and {@code mount};</li>
 * <li>{@value #LOADS} (counter): reads from Vault, by a caller or a background refresh, by
 * {@code outcome} ({@code success}, {@code failure}) and {@code mount};</li>
 * <li>{@value #STALE} (gauge): the number of secrets served past their time to live;</li>
 * <li>{@value #CHANGES} (counter): changes of secrets in use seen by rotation detection (one per
 * {@link SecretChangedEvent}), by {@code mount}.</li>
 * </ul>
 * The secret path is a tag ({@code path}, without mount or version) only when asked for; then at most
 * {@code maxPaths} distinct paths are tagged, and the others share {@code path=}{@value #OTHER_PATH}.
 *
 * @since 0.1.0
 */
public final class VaultSecretMetrics implements SecretStoreListener, ApplicationListener<SecretChangedEvent> {

	/**
	 * Name of the counter of secret reads.
	 */
	public static final String READS = "vault.secret.reads";

	/**
	 * Name of the counter of reads from Vault.
	 */
	public static final String LOADS = "vault.secret.loads";

	/**
	 * Name of the counter of secret changes seen by rotation detection.
	 */
	public static final String CHANGES = "vault.secret.changes";

	/**
	 * Name of the gauge of secrets served stale.
	 */
	public static final String STALE = "vault.secret.stale";

	/**
	 * Name under which the secret cache's own metrics ({@code cache.gets}, {@code cache.size},
	 * {@code cache.evictions}...) are tagged ({@code cache=vault.secrets}).
	 */
	public static final String CACHE_NAME = "vault.secrets";

	/**
	 * The {@code path} tag of the paths beyond the maximum number of tagged paths.
	 */
	public static final String OTHER_PATH = "_other";

	private static final SecretReadOutcome[] OUTCOMES = SecretReadOutcome.values();

	private final MeterRegistry registry;

	private final boolean pathTags;

	private final int maxPaths;

	private final Map<Object, Counter[]> readCounters = new ConcurrentHashMap<>();

	private final Map<Object, Counter[]> loadCounters = new ConcurrentHashMap<>();

	private final Map<Object, Counter[]> changeCounters = new ConcurrentHashMap<>();

	/**
	 * Create a new instance and register the stale gauge.
	 * @param registry the registry
	 * @param store the store whose stale secrets are counted
	 * @param pathTags whether meters are tagged with the secret path
	 * @param maxPaths the maximum number of distinct tagged paths
	 */
	public VaultSecretMetrics(MeterRegistry registry, SecretStore store, boolean pathTags, int maxPaths) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(store, "'store' must not be null");
		Assert.isTrue(maxPaths > 0, "'maxPaths' must be positive");
		this.registry = registry;
		this.pathTags = pathTags;
		this.maxPaths = maxPaths;
		Gauge.builder(STALE, store, (s) -> s.getStaleLocations().size())
			.description("Secrets served past their time to live because Vault could not be read")
			.register(registry);
	}

	@Override
	public void onRead(SecretLocation location, SecretReadOutcome outcome) {
		counters(this.readCounters, location, READS)[outcome.ordinal()].increment();
	}

	@Override
	public void onLoad(SecretLocation location, @Nullable VersionedSecret secret) {
		counters(this.loadCounters, location, LOADS)[0].increment();
	}

	@Override
	public void onLoadFailure(SecretLocation location, VaultException failure, boolean servingStale) {
		counters(this.loadCounters, location, LOADS)[1].increment();
	}

	@Override
	public void onApplicationEvent(SecretChangedEvent event) {
		counters(this.changeCounters, new SecretLocation(event.getMount(), event.getPath(), 0), CHANGES)[0]
			.increment();
	}

	private Counter[] counters(Map<Object, Counter[]> counters, SecretLocation location, String name) {
		Object key = key(counters, location);
		Counter[] existing = counters.get(key);
		if (existing != null) {
			return existing;
		}
		return counters.computeIfAbsent(key, (k) -> register(tags(location, k), name));
	}

	private Object key(Map<Object, Counter[]> counters, SecretLocation location) {
		if (!this.pathTags) {
			return location.mount();
		}
		PathKey key = new PathKey(location.mount(), location.path());
		if (counters.containsKey(key) || counters.size() < this.maxPaths) {
			return key;
		}
		return new PathKey(location.mount(), OTHER_PATH);
	}

	private Tags tags(SecretLocation location, Object key) {
		Tags tags = Tags.of("mount", location.mount());
		return (key instanceof PathKey pathKey) ? tags.and("path", pathKey.path()) : tags;
	}

	private Counter[] register(Tags tags, String name) {
		if (name.equals(CHANGES)) {
			return new Counter[] { Counter.builder(CHANGES)
				.description("Changes of secrets in use seen by rotation detection")
				.tags(tags)
				.register(this.registry) };
		}
		if (name.equals(READS)) {
			Counter[] counters = new Counter[OUTCOMES.length];
			for (SecretReadOutcome outcome : OUTCOMES) {
				counters[outcome.ordinal()] = Counter.builder(READS)
					.description("Secret reads by how they were served")
					.tags(tags)
					.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
					.register(this.registry);
			}
			return counters;
		}
		return new Counter[] { loadCounter(tags, "success"), loadCounter(tags, "failure") };
	}

	private Counter loadCounter(Tags tags, String outcome) {
		return Counter.builder(LOADS)
			.description("Secret reads from Vault, by callers and background refreshes")
			.tags(tags)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private record PathKey(String mount, String path) {

	}

}
