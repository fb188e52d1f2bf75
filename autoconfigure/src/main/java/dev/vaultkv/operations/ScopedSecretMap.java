package dev.vaultkv.operations;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

import dev.vaultkv.kv.KeyMetadata;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionConflictException;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretConversionException;
import dev.vaultkv.secret.SecretReference;

/**
 * A {@link Map} kept in one KV version 2 secret, such as the map shared by every instance of an
 * application or one instance's own map.
 * <p>
 * <strong>Values</strong> are JSON values: {@code String}, {@code Number}, {@code Boolean}, {@code List},
 * {@code Map}, {@code null}, or any object Jackson can write as JSON. Each key of the map is a field of the
 * secret holding the value's JSON itself: a string stays a plain JSON string (so {@code ${vault:...}}
 * placeholders and other clients read it as before), a map becomes a JSON object, a number a JSON number.
 * {@link #get(Object)} returns plain Java values (maps and lists unmodifiable); {@link #get(String, Class)}
 * and {@link #get(String, TypeReference)} map a value to a type. Keys are non-empty strings.
 * <p>
 * <strong>Reads</strong> go through the shared secret cache. <strong>Every change</strong>, including
 * through the {@link #entrySet()}, {@link #keySet()} and {@link #values()} views, their iterators and
 * {@link Map.Entry#setValue entries}, is written to Vault before it returns, with check-and-set, and
 * re-applied on the latest version when another writer got there first, so that concurrent writers never
 * lose each other's keys. A rejected key or a value Jackson cannot write fails before anything is written.
 * Iterators walk the map as it was when they were created. The default methods {@code compute},
 * {@code computeIfAbsent}, {@code computeIfPresent} and {@code merge} write through but are not atomic: use
 * {@link #update(UnaryOperator)} for an atomic read-modify-write.
 * <p>
 * <strong>Change detection</strong>: {@link #markAllSeen()} records a SHA-256 digest of each value (never
 * the value) in a secret of its own at {@link #getHashesPath()}; {@link #getChangedKeys()} and
 * {@link #isChanged(String)} compare the current values, read from Vault and not from the cache, with
 * those digests. Keys added and keys removed since count as changed.
 * <p>
 * {@link #toString()} and the {@code toString()} of entries and of {@link #values()} show no value.
 *
 * @since 0.1.0
 */
public class ScopedSecretMap extends AbstractMap<String, @Nullable Object> {

	private static final long INITIAL_BACK_OFF_MILLIS = 5;

	private static final long MAX_BACK_OFF_MILLIS = 250;

	private final VaultKvOperations operations;

	private final JsonMapper jsonMapper;

	private final String path;

	private final String hashesPath;

	private final int maxAttempts;

	private volatile boolean used;

	private volatile @Nullable Map<String, String> seen;

	private @Nullable Set<Map.Entry<String, @Nullable Object>> entrySet;

	private @Nullable Collection<@Nullable Object> values;

	/**
	 * Create a new instance.
	 * @param operations the operations on the mount holding the map
	 * @param jsonMapper the mapper converting values to and from JSON
	 * @param path the path of the map's secret
	 * @param hashesPath the path of the secret recording the digests of the values marked seen
	 * @param maxAttempts the maximum number of check-and-set attempts of a change
	 */
	public ScopedSecretMap(VaultKvOperations operations, JsonMapper jsonMapper, String path, String hashesPath,
			int maxAttempts) {
		Assert.notNull(operations, "'operations' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.hasText(path, "'path' must not be empty");
		Assert.hasText(hashesPath, "'hashesPath' must not be empty");
		Assert.isTrue(!path.equals(hashesPath), "'hashesPath' must differ from 'path'");
		Assert.isTrue(maxAttempts > 0, "'maxAttempts' must be positive");
		this.operations = operations;
		this.jsonMapper = jsonMapper;
		this.path = path;
		this.hashesPath = hashesPath;
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
	 * Return the path of the secret recording the digests of the values last marked seen.
	 * @return the path
	 */
	public String getHashesPath() {
		return this.hashesPath;
	}

	// ---- reads

	@Override
	public int size() {
		return data().size();
	}

	@Override
	public boolean isEmpty() {
		return size() == 0;
	}

	/**
	 * Return whether a key is present, also when its value is JSON {@code null}.
	 * @param key the key
	 * @return whether it is present
	 */
	@Override
	public boolean containsKey(@Nullable Object key) {
		return (key instanceof String name) && data().containsKey(name);
	}

	/**
	 * Return the value of a key as a plain Java value: {@code String}, {@code Number}, {@code Boolean},
	 * {@code List} or {@code Map} (both unmodifiable).
	 * @param key the key
	 * @return the value, or {@code null} when absent or JSON {@code null}
	 */
	@Override
	public @Nullable Object get(@Nullable Object key) {
		return (key instanceof String name) ? data().get(name) : null;
	}

	/**
	 * Return the value of a key as text: a string unchanged, a number or boolean as its text, a map or a
	 * list as compact JSON.
	 * @param key the key
	 * @return the text, or {@code null} when absent or JSON {@code null}
	 */
	public @Nullable String getString(String key) {
		Assert.notNull(key, "'key' must not be null");
		return data().getString(key);
	}

	/**
	 * Return the value of a key mapped to a type with the map's {@link JsonMapper}.
	 * @param <T> the type
	 * @param key the key
	 * @param type the type, for example a record
	 * @return the value, or {@code null} when absent or JSON {@code null}
	 * @throws SecretConversionException if the value does not fit the type (the message holds no value)
	 */
	public <T> @Nullable T get(String key, Class<T> type) {
		Assert.notNull(type, "'type' must not be null");
		return convert(key, type.getName(), (node) -> this.jsonMapper.treeToValue(node, type));
	}

	/**
	 * Return the value of a key mapped to a generic type with the map's {@link JsonMapper}.
	 * @param <T> the type
	 * @param key the key
	 * @param type the type, for example {@code new TypeReference<List<Endpoint>>() {}}
	 * @return the value, or {@code null} when absent or JSON {@code null}
	 * @throws SecretConversionException if the value does not fit the type (the message holds no value)
	 */
	public <T> @Nullable T get(String key, TypeReference<T> type) {
		Assert.notNull(type, "'type' must not be null");
		return convert(key, type.getType().getTypeName(), (node) -> this.jsonMapper.treeToValue(node, type));
	}

	private <T> @Nullable T convert(String key, String typeName, Function<JsonNode, T> conversion) {
		Assert.notNull(key, "'key' must not be null");
		JsonNode value = data().getJson(key);
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			return conversion.apply(value);
		}
		catch (JacksonException ex) {
			throw new SecretConversionException(new SecretReference(this.operations.getMount(), this.path, 0, key),
					typeName, "the value does not fit the type (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/**
	 * Return a snapshot of the map, read once; a key whose value is JSON {@code null} maps to {@code null}.
	 * @return the entries, unmodifiable
	 */
	public Map<String, @Nullable Object> asMap() {
		return data().asMap();
	}

	@Override
	public Set<Map.Entry<String, @Nullable Object>> entrySet() {
		Set<Map.Entry<String, @Nullable Object>> entrySet = this.entrySet;
		if (entrySet == null) {
			entrySet = new EntrySet();
			this.entrySet = entrySet;
		}
		return entrySet;
	}

	@Override
	public Collection<@Nullable Object> values() {
		Collection<@Nullable Object> values = this.values;
		if (values == null) {
			values = new Values();
			this.values = values;
		}
		return values;
	}

	// ---- changes

	/**
	 * Set a key.
	 * @param key the key, not empty
	 * @param value the value: anything Jackson can write as JSON, or {@code null} for JSON {@code null}
	 * @return the previous value, or {@code null}
	 * @throws IllegalArgumentException if the key is empty or the value cannot be written as JSON
	 */
	@Override
	public @Nullable Object put(String key, @Nullable Object value) {
		checkKey(key);
		JsonNode json = toJson(key, value);
		return valueOf(change((fields) -> {
			fields.set(key, json);
			return fields;
		}), key);
	}

	/**
	 * Set a key, as {@link #put(String, Object)} does without reading the previous value back.
	 * @param key the key, not empty
	 * @param value the value: anything Jackson can write as JSON, or {@code null} for JSON {@code null}
	 * @throws IllegalArgumentException if the key is empty or the value cannot be written as JSON
	 */
	public void set(String key, @Nullable Object value) {
		put(key, value);
	}

	/**
	 * Set several keys in one version; nothing is written when one key or value is rejected.
	 * @param entries the keys and values
	 * @throws IllegalArgumentException if a key is empty or a value cannot be written as JSON
	 */
	@Override
	public void putAll(Map<? extends String, ? extends @Nullable Object> entries) {
		Assert.notNull(entries, "'entries' must not be null");
		ObjectNode json = toJson(entries);
		if (json.isEmpty()) {
			return;
		}
		change((fields) -> {
			fields.setAll(json);
			return fields;
		});
	}

	/**
	 * Set a key only if it is absent or {@code null}, atomically.
	 * @param key the key
	 * @param value the value
	 * @return the current value when present (nothing written), else {@code null}
	 */
	@Override
	public @Nullable Object putIfAbsent(String key, @Nullable Object value) {
		checkKey(key);
		JsonNode json = toJson(key, value);
		return valueOf(change((fields) -> {
			if (fields.hasNonNull(key)) {
				return null;
			}
			fields.set(key, json);
			return fields;
		}), key);
	}

	/**
	 * Set a key only if it is present, atomically.
	 * @param key the key
	 * @param value the value
	 * @return the previous value, or {@code null}
	 */
	@Override
	public @Nullable Object replace(String key, @Nullable Object value) {
		checkKey(key);
		JsonNode json = toJson(key, value);
		return valueOf(change((fields) -> {
			if (!fields.has(key)) {
				return null;
			}
			fields.set(key, json);
			return fields;
		}), key);
	}

	/**
	 * Set a key only if its value equals {@code oldValue} (as a plain Java value), atomically.
	 * @param key the key
	 * @param oldValue the expected value
	 * @param newValue the value
	 * @return whether it was replaced
	 */
	@Override
	public boolean replace(String key, @Nullable Object oldValue, @Nullable Object newValue) {
		checkKey(key);
		JsonNode json = toJson(key, newValue);
		boolean[] replaced = new boolean[1];
		change((fields) -> {
			replaced[0] = fields.has(key) && Objects.equals(javaValue(fields, key), oldValue);
			if (!replaced[0]) {
				return null;
			}
			fields.set(key, json);
			return fields;
		});
		return replaced[0];
	}

	/**
	 * Remove a key.
	 * @param key the key
	 * @return the previous value, or {@code null}
	 */
	@Override
	public @Nullable Object remove(@Nullable Object key) {
		if (!(key instanceof String name)) {
			return null;
		}
		return valueOf(change((fields) -> (fields.remove(name) != null) ? fields : null), name);
	}

	/**
	 * Remove a key only if its value equals {@code value} (as a plain Java value), atomically.
	 * @param key the key
	 * @param value the expected value
	 * @return whether it was removed
	 */
	@Override
	public boolean remove(@Nullable Object key, @Nullable Object value) {
		if (!(key instanceof String name)) {
			return false;
		}
		boolean[] removed = new boolean[1];
		change((fields) -> {
			removed[0] = fields.has(name) && Objects.equals(javaValue(fields, name), value);
			if (!removed[0]) {
				return null;
			}
			fields.remove(name);
			return fields;
		});
		return removed[0];
	}

	/**
	 * Remove every key, in one version (nothing is written when the map is empty).
	 */
	@Override
	public void clear() {
		change((fields) -> fields.isEmpty() ? null : fields.removeAll());
	}

	/**
	 * Apply a change to the latest version of the map, with check-and-set, retrying on the new latest
	 * version when another writer wrote in between (the change may therefore run more than once).
	 * @param change receives a mutable copy of the map (plain Java values; maps and lists within it are
	 * unmodifiable, replace them to change them) and returns the map to write, or {@code null} to write
	 * nothing
	 * @return the map before the change that was applied, unmodifiable
	 * @throws ConcurrentScopeUpdateException when every attempt lost a race
	 * @throws IllegalArgumentException if the map returned has an empty key or a value that cannot be
	 * written as JSON
	 */
	public Map<String, @Nullable Object> update(UnaryOperator<Map<String, @Nullable Object>> change) {
		Assert.notNull(change, "'change' must not be null");
		SecretData before = change((fields) -> {
			Map<String, @Nullable Object> after = change.apply(new LinkedHashMap<>(SecretData.of(fields).asMap()));
			return (after != null) ? toJson(after) : null;
		});
		return before.asMap();
	}

	/**
	 * Apply a change to the JSON of the latest version with check-and-set, retrying on a conflict.
	 * @param change receives a copy of the fields and returns the fields to write, or {@code null}
	 * @return the fields before the change that was applied
	 */
	private SecretData change(Function<ObjectNode, @Nullable ObjectNode> change) {
		this.used = true;
		long cas = -1;
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			// after a conflict, the version that won is read from Vault itself: a cached read may still
			// be answered by a load begun before that write, and an absent map read then would be
			// written over the winner's keys
			VersionedSecret current = (cas > 0) ? this.operations.read(this.path, cas) : this.operations.read(this.path);
			SecretData before = (current != null) ? current.data() : SecretData.empty();
			long version = (current != null) ? current.version() : Math.max(cas, 0);
			ObjectNode after = change.apply(before.asJson());
			if (after == null) {
				return before;
			}
			Map<String, JsonNode> fields = new LinkedHashMap<>();
			after.properties().forEach((field) -> fields.put(field.getKey(), field.getValue()));
			try {
				this.operations.write(this.path, fields, version);
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

	// ---- change detection

	/**
	 * Return whether a key was added, changed or removed since the values were last
	 * {@link #markAllSeen() marked seen} (any present key when they never were).
	 * @param key the key
	 * @return whether it changed
	 */
	public boolean isChanged(String key) {
		Assert.notNull(key, "'key' must not be null");
		Map<String, String> current = ValueHashes.of(readCurrent(this.path));
		return !Objects.equals(seen().get(key), current.get(key));
	}

	/**
	 * Return the keys added, changed or removed since the values were last {@link #markAllSeen() marked
	 * seen}. The current values are read from Vault, not from the cache, so that writes by other instances
	 * count at once.
	 * @return the keys
	 */
	public Set<String> getChangedKeys() {
		return ValueHashes.changedKeys(seen(), ValueHashes.of(readCurrent(this.path)));
	}

	/**
	 * Record the digests of the current values (read from Vault) at {@link #getHashesPath()}, so that no
	 * key counts as changed until its value changes again.
	 */
	public void markAllSeen() {
		Map<String, String> hashes = ValueHashes.of(readCurrent(this.path));
		this.used = true;
		writeSeen(hashes);
		this.seen = Collections.unmodifiableMap(hashes);
	}

	/**
	 * Replace the recorded digests, with check-and-set so that this also works on a mount that requires it;
	 * only this instance writes them, so a conflict means an earlier mark of its own, which is replaced.
	 */
	private void writeSeen(Map<String, String> hashes) {
		long cas = currentVersion(this.hashesPath);
		for (int attempt = 1;; attempt++) {
			try {
				this.operations.write(this.hashesPath, hashes, cas);
				return;
			}
			catch (VersionConflictException ex) {
				if (attempt >= this.maxAttempts) {
					throw new ConcurrentScopeUpdateException(this.hashesPath, attempt);
				}
				cas = (ex.getCurrentVersion() >= 0) ? ex.getCurrentVersion() : currentVersion(this.hashesPath);
			}
		}
	}

	private long currentVersion(String path) {
		KeyMetadata metadata = this.operations.readMetadata(path);
		return (metadata != null) ? metadata.currentVersion() : 0;
	}

	/**
	 * Return whether this map was read, changed or checked for changes through this object.
	 * @return whether it was used
	 */
	boolean isUsed() {
		return this.used;
	}

	private Map<String, String> seen() {
		Map<String, String> seen = this.seen;
		if (seen == null) {
			this.used = true;
			SecretData recorded = readCurrent(this.hashesPath);
			Map<String, String> hashes = new LinkedHashMap<>();
			if (recorded != null) {
				for (String key : recorded.keys()) {
					hashes.put(key, Objects.requireNonNullElse(recorded.getString(key), ""));
				}
			}
			seen = Collections.unmodifiableMap(hashes);
			this.seen = seen;
		}
		return seen;
	}

	/**
	 * Read the current version of a secret from Vault, bypassing the cache: its metadata names the current
	 * version, which is then read.
	 */
	private @Nullable SecretData readCurrent(String path) {
		KeyMetadata metadata = this.operations.readMetadata(path);
		if (metadata == null || metadata.currentVersion() <= 0) {
			return null;
		}
		VersionedSecret secret = this.operations.read(path, metadata.currentVersion());
		return (secret != null) ? secret.data() : null;
	}

	// ---- helpers

	private SecretData data() {
		this.used = true;
		VersionedSecret secret = this.operations.read(this.path);
		return (secret != null) ? secret.data() : SecretData.empty();
	}

	private void checkKey(@Nullable String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("Invalid key " + ((key != null) ? "'" + key + "'" : "null")
					+ " for the scoped map at '" + this.path + "': keys must be non-empty strings");
		}
	}

	private ObjectNode toJson(Map<? extends String, ? extends @Nullable Object> entries) {
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		entries.forEach((key, value) -> {
			checkKey(key);
			json.set(key, toJson(key, value));
		});
		return json;
	}

	private JsonNode toJson(String key, @Nullable Object value) {
		if (value == null) {
			return JsonNodeFactory.instance.nullNode();
		}
		if (value instanceof JsonNode node) {
			return node.deepCopy();
		}
		try {
			return this.jsonMapper.valueToTree(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot store the value of key '" + key + "' in the scoped map at '"
					+ this.path + "': Jackson cannot write a " + value.getClass().getName() + " as JSON ("
					+ ex.getClass().getSimpleName() + "); use a String, Number, Boolean, List, Map or a "
					+ "serializable type");
		}
	}

	private static @Nullable Object javaValue(ObjectNode fields, String key) {
		return SecretData.of(fields).get(key);
	}

	private static @Nullable Object valueOf(SecretData data, String key) {
		return data.get(key);
	}

	@Override
	public String toString() {
		return "ScopedSecretMap[" + this.operations.getMount() + "//" + this.path + "]";
	}

	/**
	 * The entries, iterated over a snapshot taken when the iterator is created; removals and
	 * {@link Map.Entry#setValue} write through.
	 */
	private final class EntrySet extends AbstractSet<Map.Entry<String, @Nullable Object>> {

		@Override
		public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
			return new EntryIterator(asMap());
		}

		@Override
		public int size() {
			return ScopedSecretMap.this.size();
		}

		@Override
		public boolean contains(@Nullable Object candidate) {
			if (!(candidate instanceof Map.Entry<?, ?> entry) || !(entry.getKey() instanceof String key)) {
				return false;
			}
			SecretData data = data();
			return data.containsKey(key) && Objects.equals(data.get(key), entry.getValue());
		}

		@Override
		public boolean remove(@Nullable Object candidate) {
			return (candidate instanceof Map.Entry<?, ?> entry)
					&& ScopedSecretMap.this.remove(entry.getKey(), entry.getValue());
		}

		@Override
		public void clear() {
			ScopedSecretMap.this.clear();
		}

		@Override
		public String toString() {
			return ScopedSecretMap.this.toString() + ".entrySet()";
		}

	}

	private final class EntryIterator implements Iterator<Map.Entry<String, @Nullable Object>> {

		private final Iterator<Map.Entry<String, @Nullable Object>> snapshot;

		private @Nullable String last;

		EntryIterator(Map<String, @Nullable Object> snapshot) {
			this.snapshot = snapshot.entrySet().iterator();
		}

		@Override
		public boolean hasNext() {
			return this.snapshot.hasNext();
		}

		@Override
		public Map.Entry<String, @Nullable Object> next() {
			Map.Entry<String, @Nullable Object> next = this.snapshot.next();
			this.last = next.getKey();
			return new WriteThroughEntry(next.getKey(), next.getValue());
		}

		@Override
		public void remove() {
			String last = this.last;
			if (last == null) {
				throw new IllegalStateException("next() has not been called, or remove() was already called");
			}
			ScopedSecretMap.this.remove(last);
			this.last = null;
		}

	}

	private final class WriteThroughEntry implements Map.Entry<String, @Nullable Object> {

		private final String key;

		private @Nullable Object value;

		WriteThroughEntry(String key, @Nullable Object value) {
			this.key = key;
			this.value = value;
		}

		@Override
		public String getKey() {
			return this.key;
		}

		@Override
		public @Nullable Object getValue() {
			return this.value;
		}

		@Override
		public @Nullable Object setValue(@Nullable Object value) {
			Object previous = this.value;
			put(this.key, value);
			this.value = data().get(this.key);
			return previous;
		}

		@Override
		public boolean equals(@Nullable Object obj) {
			return (obj instanceof Map.Entry<?, ?> other) && this.key.equals(other.getKey())
					&& Objects.equals(this.value, other.getValue());
		}

		@Override
		public int hashCode() {
			return this.key.hashCode() ^ Objects.hashCode(this.value);
		}

		@Override
		public String toString() {
			return this.key + "=******";
		}

	}

	private final class Values extends AbstractCollection<@Nullable Object> {

		@Override
		public Iterator<@Nullable Object> iterator() {
			Iterator<Map.Entry<String, @Nullable Object>> entries = entrySet().iterator();
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					return entries.hasNext();
				}

				@Override
				public @Nullable Object next() {
					if (!entries.hasNext()) {
						throw new NoSuchElementException();
					}
					return entries.next().getValue();
				}

				@Override
				public void remove() {
					entries.remove();
				}

			};
		}

		@Override
		public int size() {
			return ScopedSecretMap.this.size();
		}

		@Override
		public boolean contains(@Nullable Object value) {
			return containsValue(value);
		}

		@Override
		public void clear() {
			ScopedSecretMap.this.clear();
		}

		@Override
		public String toString() {
			return ScopedSecretMap.this.toString() + ".values()";
		}

	}

}
