package dev.vaultkv.embedded.kv;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state and rules of a KV v2 engine, independent of HTTP: versions, check-and-set, soft delete,
 * destroy, metadata, trimming and automatic deletion, as the Vault KV plugin implements them.
 * <p>
 * Thread safety: each key is an immutable {@link KeyEntry} replaced atomically through
 * {@link ConcurrentHashMap#compute}, so a check-and-set and the write it guards are one step, a failed
 * write changes nothing, and reads take no lock.
 *
 * @author vaultkv
 */
final class VersionedKvStore {

	static final String CAS_REQUIRED = "check-and-set parameter required for this call";

	static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";

	static final String CAS_INVALID = "error parsing check-and-set parameter";

	private final Clock clock;

	private final ConcurrentHashMap<String, KeyEntry> entries = new ConcurrentHashMap<>();

	private volatile KvV2Config config = KvV2Config.DEFAULT;

	VersionedKvStore(Clock clock) {
		this.clock = clock;
	}

	Instant now() {
		return this.clock.instant();
	}

	KvV2Config config() {
		return this.config;
	}

	synchronized void updateConfig(@Nullable Long maxVersions, @Nullable Boolean casRequired,
			@Nullable Long deleteVersionAfterSeconds) {
		KvV2Config current = this.config;
		long dva = current.deleteVersionAfterSeconds();
		if (deleteVersionAfterSeconds != null) {
			long requested = deleteVersionAfterSeconds;
			dva = (requested < 0) ? KvV2Config.DELETE_VERSION_AFTER_DISABLED : requested;
		}
		this.config = new KvV2Config((maxVersions != null) ? toUint32(maxVersions) : current.maxVersions(),
				(casRequired != null) ? casRequired : current.casRequired(), dva);
	}

	@Nullable KeyEntry entry(String key) {
		return this.entries.get(key);
	}

	/**
	 * Write a new version.
	 * @param key the key
	 * @param data the version's data (the store keeps its own copy)
	 * @param cas the raw {@code options.cas} value, or {@code null} when absent
	 * @return the updated key
	 * @throws KvRequestException for a failed check-and-set
	 */
	KeyEntry write(String key, ObjectNode data, @Nullable JsonNode cas) {
		ObjectNode copy = data.deepCopy();
		KvV2Config mountConfig = this.config;
		return this.entries.compute(key, (k, existing) -> {
			Instant now = now();
			KeyEntry entry = (existing != null) ? existing : KeyEntry.create(k, now);
			checkAndSet(cas, mountConfig, entry);
			return addVersion(entry, copy, now, mountConfig);
		});
	}

	/**
	 * Write a new version without check-and-set, as seeding and the v1 to v2 upgrade do.
	 * @param key the key
	 * @param data the version's data (the store keeps its own copy)
	 * @return the updated key
	 */
	KeyEntry seed(String key, ObjectNode data) {
		ObjectNode copy = data.deepCopy();
		KvV2Config mountConfig = this.config;
		return this.entries.compute(key, (k, existing) -> {
			Instant now = now();
			return addVersion((existing != null) ? existing : KeyEntry.create(k, now), copy, now, mountConfig);
		});
	}

	/**
	 * Apply a JSON merge patch to the current version as a new version.
	 * @param key the key
	 * @param patch the merge patch
	 * @param cas the raw {@code options.cas} value, or {@code null} when absent
	 * @return the outcome
	 * @throws KvRequestException for a failed check-and-set
	 */
	PatchOutcome patch(String key, ObjectNode patch, @Nullable JsonNode cas) {
		KvV2Config mountConfig = this.config;
		PatchOutcome[] outcome = new PatchOutcome[1];
		this.entries.computeIfPresent(key, (k, entry) -> {
			checkAndSet(cas, mountConfig, entry);
			Instant now = now();
			VersionMetadata current = entry.current();
			if (current == null) {
				outcome[0] = new PatchOutcome.Missing();
				return entry;
			}
			if (!current.isReadable(now)) {
				outcome[0] = new PatchOutcome.NotReadable(entry);
				return entry;
			}
			ObjectNode currentData = entry.data(entry.currentVersion());
			if (currentData == null) {
				outcome[0] = new PatchOutcome.Missing();
				return entry;
			}
			JsonNode patched = JsonMergePatch.apply(currentData, patch);
			KeyEntry updated = addVersion(entry, (ObjectNode) patched, now, mountConfig);
			outcome[0] = new PatchOutcome.Patched(updated);
			return updated;
		});
		return (outcome[0] != null) ? outcome[0] : new PatchOutcome.Missing();
	}

	/**
	 * Soft-delete the current version unless it is already deleted or destroyed.
	 * @param key the key
	 */
	void deleteLatest(String key) {
		this.entries.computeIfPresent(key, (k, entry) -> {
			Instant now = now();
			VersionMetadata current = entry.current();
			if (current == null || current.destroyed() || current.isDeleted(now)) {
				return entry;
			}
			return entry.withVersion(entry.currentVersion(), current.withDeletionTime(now), false);
		});
	}

	void deleteVersions(String key, List<Long> versions) {
		this.entries.computeIfPresent(key, (k, entry) -> {
			Instant now = now();
			KeyEntry result = entry;
			for (long number : versions) {
				VersionMetadata version = result.version(number);
				if (version == null || version.destroyed() || version.isDeleted(now)) {
					continue;
				}
				result = result.withVersion(number, version.withDeletionTime(now), false);
			}
			return result;
		});
	}

	void undelete(String key, List<Long> versions) {
		KvV2Config mountConfig = this.config;
		this.entries.computeIfPresent(key, (k, entry) -> {
			Instant now = now();
			KeyEntry result = entry;
			for (long number : versions) {
				VersionMetadata version = result.version(number);
				if (version == null || version.destroyed()) {
					continue;
				}
				result = result.withVersion(number,
						version.withDeletionTime(automaticDeletionTime(now, mountConfig, result)), false);
			}
			return result;
		});
	}

	void destroy(String key, List<Long> versions) {
		this.entries.computeIfPresent(key, (k, entry) -> {
			KeyEntry result = entry;
			for (long number : versions) {
				VersionMetadata version = result.version(number);
				if (version == null || version.destroyed()) {
					continue;
				}
				result = result.withVersion(number, version.asDestroyed(), true);
			}
			return result;
		});
	}

	/**
	 * Write key settings, creating a metadata-only key when absent. Only the given fields change.
	 */
	KeyEntry writeMetadata(String key, MetadataUpdate update) {
		return this.entries.compute(key, (k, existing) -> {
			KeyEntry entry = (existing != null) ? existing : KeyEntry.create(k, now());
			return entry.withSettings(
					(update.maxVersions() != null) ? toUint32(update.maxVersions()) : entry.maxVersions(),
					(update.casRequired() != null) ? update.casRequired() : entry.casRequired(),
					(update.deleteVersionAfterSeconds() != null) ? update.deleteVersionAfterSeconds()
							: entry.deleteVersionAfterSeconds(),
					(update.customMetadata() != null) ? update.customMetadata() : entry.customMetadata());
		});
	}

	/**
	 * Patch key settings of an existing key; {@code customMetadataPatch} merges, a {@code null} value
	 * removing its key.
	 * @return the updated key, or {@code null} when the key does not exist
	 */
	@Nullable KeyEntry patchMetadata(String key, MetadataUpdate update,
			@Nullable Map<String, @Nullable String> customMetadataPatch, boolean clearCustomMetadata) {
		return this.entries.computeIfPresent(key, (k, entry) -> {
			Map<String, String> customMetadata = entry.customMetadata();
			if (clearCustomMetadata) {
				customMetadata = Map.of();
			}
			else if (customMetadataPatch != null) {
				Map<String, String> merged = new HashMap<>(customMetadata);
				customMetadataPatch.forEach((name, value) -> {
					if (value == null) {
						merged.remove(name);
					}
					else {
						merged.put(name, value);
					}
				});
				customMetadata = merged;
			}
			return entry.withSettings(
					(update.maxVersions() != null) ? toUint32(update.maxVersions()) : entry.maxVersions(),
					(update.casRequired() != null) ? update.casRequired() : entry.casRequired(),
					(update.deleteVersionAfterSeconds() != null) ? update.deleteVersionAfterSeconds()
							: entry.deleteVersionAfterSeconds(),
					customMetadata);
		});
	}

	void deleteMetadata(String key) {
		this.entries.remove(key);
	}

	/**
	 * The direct children of a folder, sorted, sub-folders ending in {@code /}.
	 * @param folder the folder, {@code ""} for the root, else ending in {@code /}
	 * @param excludeDeleted whether to hide keys whose current version carries a deletion time
	 * @return the names
	 */
	List<String> list(String folder, boolean excludeDeleted) {
		TreeSet<String> names = new TreeSet<>();
		for (Map.Entry<String, KeyEntry> candidate : this.entries.entrySet()) {
			String key = candidate.getKey();
			if (!key.startsWith(folder) || key.length() == folder.length()) {
				continue;
			}
			String rest = key.substring(folder.length());
			int slash = rest.indexOf('/');
			if (slash >= 0) {
				names.add(rest.substring(0, slash + 1));
				continue;
			}
			if (excludeDeleted) {
				VersionMetadata current = candidate.getValue().current();
				if (current != null && current.deletionTime() != null) {
					continue;
				}
			}
			names.add(rest);
		}
		return new ArrayList<>(names);
	}

	private static void checkAndSet(@Nullable JsonNode cas, KvV2Config mountConfig, KeyEntry entry) {
		if (cas != null) {
			long value = parseCas(cas);
			if (value != entry.currentVersion()) {
				throw new KvRequestException(CAS_MISMATCH);
			}
		}
		else if (mountConfig.casRequired() || entry.casRequired()) {
			throw new KvRequestException(CAS_REQUIRED);
		}
	}

	private static long parseCas(JsonNode cas) {
		try {
			return FieldDecoder.toInt("cas", cas);
		}
		catch (KvRequestException ex) {
			throw new KvRequestException(CAS_INVALID);
		}
	}

	private static KeyEntry addVersion(KeyEntry entry, ObjectNode data, Instant now, KvV2Config mountConfig) {
		return entry.addVersion(data, now, automaticDeletionTime(now, mountConfig, entry), mountConfig.maxVersions());
	}

	/**
	 * The deletion time {@code delete_version_after} stamps on a version: the smallest non-zero of the
	 * mount's and the key's setting, none when both are unset or the mount disabled it.
	 */
	static @Nullable Instant automaticDeletionTime(Instant from, KvV2Config mountConfig, KeyEntry entry) {
		if (mountConfig.isDeleteVersionAfterDisabled()) {
			return null;
		}
		long mount = mountConfig.deleteVersionAfterSeconds();
		long key = entry.deleteVersionAfterSeconds();
		if (mount == 0 && key == 0) {
			return null;
		}
		long effective = key;
		if ((mount != 0 && mount < effective) || effective == 0) {
			effective = mount;
		}
		return from.plusSeconds(effective);
	}

	private static long toUint32(long value) {
		return value & 0xFFFFFFFFL;
	}

	/**
	 * Key settings to change; {@code null} leaves a setting alone.
	 */
	record MetadataUpdate(@Nullable Long maxVersions, @Nullable Boolean casRequired,
			@Nullable Long deleteVersionAfterSeconds, @Nullable Map<String, String> customMetadata) {

		boolean isEmpty() {
			return this.maxVersions == null && this.casRequired == null && this.deleteVersionAfterSeconds == null
					&& this.customMetadata == null;
		}

	}

	/**
	 * What a patch did.
	 */
	sealed interface PatchOutcome {

		/** The key, or its current version, does not exist. */
		record Missing() implements PatchOutcome {
		}

		/** The current version is deleted or destroyed. */
		record NotReadable(KeyEntry entry) implements PatchOutcome {
		}

		/** A new version was written. */
		record Patched(KeyEntry entry) implements PatchOutcome {
		}

	}

}
