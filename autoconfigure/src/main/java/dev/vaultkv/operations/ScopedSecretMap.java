package dev.vaultkv.operations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.kv.KeyMetadata;
import dev.vaultkv.kv.MetadataUpdate;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionConflictException;
import dev.vaultkv.kv.VersionedSecret;

/**
 * A string map kept in one KV version 2 secret, such as the map shared by every instance of an
 * application or one instance's own map. Reads go through the shared secret cache; every change is
 * written to Vault at once with check-and-set, and re-applied on the latest version when another writer
 * got there first, so that concurrent writers never lose each other's keys.
 * <p>
 * Change detection compares each key with its value at the version last {@link #markAllSeen() marked
 * seen}. That version is kept in Vault (custom metadata of the instance's secret), so detection survives
 * a restart of an instance with the same id.
 *
 * @since 0.1.0
 */
public class ScopedSecretMap {

	private static final long INITIAL_BACK_OFF_MILLIS = 5;

	private static final long MAX_BACK_OFF_MILLIS = 250;

	private final VaultKvOperations operations;

	private final String path;

	private final String markerPath;

	private final String markerKey;

	private final int maxAttempts;

	private volatile @Nullable Seen seen;

	/**
	 * Create a new instance.
	 * @param operations the operations on the mount holding the map
	 * @param path the path of the map's secret
	 * @param markerPath the path of the secret whose custom metadata records the version marked seen
	 * @param markerKey the custom metadata key recording the version marked seen
	 * @param maxAttempts the maximum number of check-and-set attempts of a change
	 */
	public ScopedSecretMap(VaultKvOperations operations, String path, String markerPath, String markerKey,
			int maxAttempts) {
		Assert.notNull(operations, "'operations' must not be null");
		Assert.hasText(path, "'path' must not be empty");
		Assert.hasText(markerPath, "'markerPath' must not be empty");
		Assert.hasText(markerKey, "'markerKey' must not be empty");
		Assert.isTrue(maxAttempts > 0, "'maxAttempts' must be positive");
		this.operations = operations;
		this.path = path;
		this.markerPath = markerPath;
		this.markerKey = markerKey;
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Return the path of the map's secret.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return the value of a key.
	 * @param key the key
	 * @return the value, or {@code null} when absent or JSON {@code null} in the secret
	 */
	public @Nullable String get(String key) {
		Assert.notNull(key, "'key' must not be null");
		return asMap().get(key);
	}

	/**
	 * Return whether a key is present, also when its value is JSON {@code null}.
	 * @param key the key
	 * @return whether it is present
	 */
	public boolean containsKey(String key) {
		Assert.notNull(key, "'key' must not be null");
		return asMap().containsKey(key);
	}

	/**
	 * Return the keys.
	 * @return the keys
	 */
	public Set<String> keySet() {
		return asMap().keySet();
	}

	/**
	 * Return a snapshot of the map; a key whose value is JSON {@code null} maps to {@code null}.
	 * @return the entries, unmodifiable
	 */
	public Map<String, @Nullable String> asMap() {
		return toMap(this.operations.read(this.path));
	}

	/**
	 * Set a key.
	 * @param key the key
	 * @param value the value
	 * @return the previous value, or {@code null}
	 */
	public @Nullable String put(String key, String value) {
		Assert.hasText(key, "'key' must not be empty");
		Assert.notNull(value, "'value' must not be null");
		return update((map) -> {
			map.put(key, value);
			return map;
		}).get(key);
	}

	/**
	 * Set several keys in one version.
	 * @param entries the keys and values
	 */
	public void putAll(Map<String, String> entries) {
		Assert.notNull(entries, "'entries' must not be null");
		entries.forEach((key, value) -> {
			Assert.hasText(key, "keys must not be empty");
			Assert.notNull(value, "values must not be null");
		});
		update((map) -> {
			map.putAll(entries);
			return map;
		});
	}

	/**
	 * Set a key only if it is absent or {@code null}, as {@link Map#putIfAbsent} does.
	 * @param key the key
	 * @param value the value
	 * @return the current value when present (nothing written), else {@code null}
	 */
	public @Nullable String putIfAbsent(String key, String value) {
		Assert.hasText(key, "'key' must not be empty");
		Assert.notNull(value, "'value' must not be null");
		return update((map) -> {
			if (map.get(key) != null) {
				return null;
			}
			map.put(key, value);
			return map;
		}).get(key);
	}

	/**
	 * Remove a key.
	 * @param key the key
	 * @return the previous value, or {@code null}
	 */
	public @Nullable String remove(String key) {
		Assert.notNull(key, "'key' must not be null");
		return update((map) -> {
			if (!map.containsKey(key)) {
				return null;
			}
			map.remove(key);
			return map;
		}).get(key);
	}

	/**
	 * Apply a change to the latest version of the map, with check-and-set, retrying on the new latest
	 * version when another writer wrote in between.
	 * @param change receives a mutable copy of the map and returns the map to write, or {@code null} to
	 * write nothing
	 * @return the map before the change that was applied
	 * @throws ConcurrentScopeUpdateException when every attempt lost a race
	 */
	public Map<String, @Nullable String> update(UnaryOperator<Map<String, @Nullable String>> change) {
		Assert.notNull(change, "'change' must not be null");
		long cas = -1;
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			// after a conflict, the version that won is read from Vault itself: a cached read may still
			// be answered by a load begun before that write, and an absent map read then would be
			// written over the winner's keys
			VersionedSecret current = (cas > 0) ? this.operations.read(this.path, cas) : this.operations.read(this.path);
			Map<String, @Nullable String> before = toMap(current);
			long version = (current != null) ? current.version() : Math.max(cas, 0);
			Map<String, @Nullable String> after = change.apply(new LinkedHashMap<>(before));
			if (after == null) {
				return before;
			}
			try {
				this.operations.write(this.path, after, version);
				return before;
			}
			catch (VersionConflictException ex) {
				cas = ex.getCurrentVersion();
				if (attempt < this.maxAttempts) {
					backOff(attempt);
				}
			}
		}
		throw new ConcurrentScopeUpdateException(this.path, this.maxAttempts);
	}

	/**
	 * Wait a random time up to an exponentially growing bound ("full jitter") before the next attempt,
	 * so that writers that lost a race to each other do not all try again at the same instant.
	 */
	private void backOff(int attempt) {
		long bound = Math.min(MAX_BACK_OFF_MILLIS, INITIAL_BACK_OFF_MILLIS << Math.min(attempt, 16));
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ConcurrentScopeUpdateException(this.path, attempt);
		}
	}

	/**
	 * Return whether a key was added, changed or removed since the version last marked seen (any
	 * present key when none was marked).
	 * @param key the key
	 * @return whether it changed
	 */
	public boolean isChanged(String key) {
		Assert.notNull(key, "'key' must not be null");
		return getChangedKeys().contains(key);
	}

	/**
	 * Return the keys added, changed or removed since the version last marked seen.
	 * @return the keys
	 */
	public Set<String> getChangedKeys() {
		VersionedSecret current = this.operations.read(this.path);
		Seen seen = seen();
		if (current != null && current.version() == seen.version()) {
			return Set.of();
		}
		return ValueHashes.changedKeys(seen.hashes(), ValueHashes.of((current != null) ? current.data() : null));
	}

	/**
	 * Mark the version of the map read now as seen, in Vault, so that no key counts as changed until the
	 * map changes again.
	 */
	public void markAllSeen() {
		VersionedSecret current = this.operations.read(this.path);
		long version = (current != null) ? current.version() : 0;
		MetadataUpdate marker = MetadataUpdate.empty()
			.withCustomMetadata(Map.of(this.markerKey, Long.toString(version)));
		if (this.operations.readMetadata(this.markerPath) != null) {
			this.operations.patchMetadata(this.markerPath, marker);
		}
		else {
			this.operations.writeMetadata(this.markerPath, marker);
		}
		this.seen = load(version);
	}

	private Seen seen() {
		Seen seen = this.seen;
		if (seen == null) {
			KeyMetadata marker = this.operations.readMetadata(this.markerPath);
			String recorded = (marker != null) ? marker.customMetadata().get(this.markerKey) : null;
			seen = load(parseVersion(recorded));
			this.seen = seen;
		}
		return seen;
	}

	private Seen load(long version) {
		if (version <= 0) {
			return new Seen(0, Map.of());
		}
		// a seen version deleted or destroyed since counts as empty: every present key is changed
		VersionedSecret secret = this.operations.read(this.path, version);
		return new Seen(version, ValueHashes.of((secret != null) ? secret.data() : null));
	}

	private static long parseVersion(@Nullable String recorded) {
		if (recorded == null) {
			return 0;
		}
		try {
			return Long.parseLong(recorded.trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static Map<String, @Nullable String> toMap(@Nullable VersionedSecret secret) {
		if (secret == null) {
			return Map.of();
		}
		SecretData data = secret.data();
		Map<String, @Nullable String> map = new LinkedHashMap<>();
		for (String key : data.keys()) {
			map.put(key, data.getString(key));
		}
		return Collections.unmodifiableMap(map);
	}

	@Override
	public String toString() {
		return "ScopedSecretMap[" + this.operations.getMount() + "//" + this.path + "]";
	}

	private record Seen(long version, Map<String, String> hashes) {

	}

}
