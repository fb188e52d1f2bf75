package dev.vaultkv.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Metadata of a KV v2 key: its settings and the state of every version kept.
 *
 * @param currentVersion the newest version, 0 when metadata exists without versions
 * @param oldestVersion the oldest version kept, 0 until versions were trimmed
 * @param maxVersions the key's maximum number of versions, 0 for the mount's setting
 * @param casRequired whether every write of the key must carry a check-and-set version
 * @param deleteVersionAfter how long after writing a version is soft-deleted, zero for never
 * @param createdTime when the key was created
 * @param updatedTime when the key was last written
 * @param customMetadata the key's custom metadata
 * @param versions the metadata of every version kept, by version number
 * @since 0.1.0
 */
public record KeyMetadata(long currentVersion, long oldestVersion, int maxVersions, boolean casRequired,
		Duration deleteVersionAfter, @Nullable Instant createdTime, @Nullable Instant updatedTime,
		Map<String, String> customMetadata, Map<Long, VersionMetadata> versions) {

	/**
	 * Create a new instance.
	 */
	public KeyMetadata {
		customMetadata = Map.copyOf(customMetadata);
		versions = Map.copyOf(versions);
	}

}
