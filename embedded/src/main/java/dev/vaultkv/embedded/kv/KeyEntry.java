package dev.vaultkv.embedded.kv;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An immutable snapshot of one KV v2 key: its metadata, its version metadata and the data of the versions
 * that still have data. Writers replace a snapshot atomically; readers never lock.
 *
 * @param key the key path inside the mount
 * @param currentVersion the newest version number, {@code 0} for a metadata-only key
 * @param oldestVersion the oldest version kept, {@code 0} until the first trim
 * @param createdTime when the key was created
 * @param updatedTime when it was last updated
 * @param maxVersions the key's own {@code max_versions}, {@code 0} unset
 * @param casRequired the key's own {@code cas_required}
 * @param deleteVersionAfterSeconds the key's own {@code delete_version_after}, {@code 0} unset
 * @param customMetadata the key's custom metadata (empty for none)
 * @param versions the version metadata by version number
 * @param data the data by version number (never shared with callers: copy before handing out)
 * @author vaultkv
 */
record KeyEntry(String key, long currentVersion, long oldestVersion, Instant createdTime, Instant updatedTime,
		long maxVersions, boolean casRequired, long deleteVersionAfterSeconds, Map<String, String> customMetadata,
		SortedMap<Long, VersionMetadata> versions, Map<Long, ObjectNode> data) {

	static final long DEFAULT_MAX_VERSIONS = 10;

	static KeyEntry create(String key, Instant now) {
		return new KeyEntry(key, 0, 0, now, now, 0, false, 0, Map.of(), Collections.emptySortedMap(), Map.of());
	}

	@Nullable VersionMetadata version(long version) {
		return this.versions.get(version);
	}

	@Nullable ObjectNode data(long version) {
		return this.data.get(version);
	}

	@Nullable VersionMetadata current() {
		return this.versions.get(this.currentVersion);
	}

	/**
	 * Add a version, trimming versions beyond the effective maximum (the larger of the key's and the
	 * mount's {@code max_versions}, or {@value #DEFAULT_MAX_VERSIONS} when both are unset).
	 */
	KeyEntry addVersion(ObjectNode versionData, Instant createdTime, @Nullable Instant deletionTime,
			long mountMaxVersions) {
		long newVersion = this.currentVersion + 1;
		TreeMap<Long, VersionMetadata> newVersions = new TreeMap<>(this.versions);
		newVersions.put(newVersion, new VersionMetadata(createdTime, deletionTime, false));
		TreeMap<Long, ObjectNode> newData = new TreeMap<>(this.data);
		newData.put(newVersion, versionData);
		long effectiveMax = Math.max(this.maxVersions, mountMaxVersions);
		if (effectiveMax <= 0) {
			effectiveMax = DEFAULT_MAX_VERSIONS;
		}
		long newOldest = this.oldestVersion;
		if (newVersion - this.oldestVersion >= effectiveMax) {
			long versionToDelete = newVersion - effectiveMax;
			newVersions.headMap(versionToDelete + 1).clear();
			newData.headMap(versionToDelete + 1).clear();
			newOldest = versionToDelete + 1;
		}
		return new KeyEntry(this.key, newVersion, newOldest, this.createdTime, createdTime, this.maxVersions,
				this.casRequired, this.deleteVersionAfterSeconds, this.customMetadata,
				Collections.unmodifiableSortedMap(newVersions), Collections.unmodifiableMap(newData));
	}

	KeyEntry withVersion(long version, VersionMetadata metadata, boolean eraseData) {
		TreeMap<Long, VersionMetadata> newVersions = new TreeMap<>(this.versions);
		newVersions.put(version, metadata);
		Map<Long, ObjectNode> newData = this.data;
		if (eraseData && this.data.containsKey(version)) {
			TreeMap<Long, ObjectNode> copy = new TreeMap<>(this.data);
			copy.remove(version);
			newData = Collections.unmodifiableMap(copy);
		}
		return new KeyEntry(this.key, this.currentVersion, this.oldestVersion, this.createdTime, this.updatedTime,
				this.maxVersions, this.casRequired, this.deleteVersionAfterSeconds, this.customMetadata,
				Collections.unmodifiableSortedMap(newVersions), newData);
	}

	KeyEntry withSettings(long maxVersions, boolean casRequired, long deleteVersionAfterSeconds,
			Map<String, String> customMetadata) {
		return new KeyEntry(this.key, this.currentVersion, this.oldestVersion, this.createdTime, this.updatedTime,
				maxVersions, casRequired, deleteVersionAfterSeconds, Map.copyOf(customMetadata), this.versions,
				this.data);
	}

}
