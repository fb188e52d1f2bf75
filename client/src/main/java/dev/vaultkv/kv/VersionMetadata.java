package dev.vaultkv.kv;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Metadata of one version of a KV v2 secret.
 *
 * @param version the version number, from 1
 * @param createdTime when the version was written
 * @param deletionTime when the version was or will be soft-deleted, or {@code null}
 * @param destroyed whether the version's data was destroyed
 * @param customMetadata the key's custom metadata (descriptions and the like, never secret)
 * @since 0.1.0
 */
public record VersionMetadata(long version, @Nullable Instant createdTime, @Nullable Instant deletionTime,
		boolean destroyed, Map<String, String> customMetadata) {

	/**
	 * Create a new instance.
	 */
	public VersionMetadata {
		customMetadata = Map.copyOf(customMetadata);
	}

	/**
	 * Return whether the version is soft-deleted at the given instant.
	 * @param now the instant to check
	 * @return whether it is deleted
	 */
	public boolean isDeletedAt(Instant now) {
		return this.deletionTime != null && !this.deletionTime.isAfter(now);
	}

}
