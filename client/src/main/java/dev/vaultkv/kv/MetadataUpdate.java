package dev.vaultkv.kv;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Changes to a KV v2 key's metadata. Only the fields set are sent, so Vault leaves the others as they
 * are; a supplied custom metadata map replaces the whole map on write and is merged on patch, where a
 * {@code null} value removes a key.
 *
 * @param maxVersions the key's maximum number of versions, or {@code null} to leave it
 * @param casRequired whether writes need check-and-set, or {@code null} to leave it
 * @param deleteVersionAfter the automatic soft-delete delay, or {@code null} to leave it
 * @param customMetadata the custom metadata, or {@code null} to leave it
 * @since 0.1.0
 */
public record MetadataUpdate(@Nullable Integer maxVersions, @Nullable Boolean casRequired,
		@Nullable Duration deleteVersionAfter, @Nullable Map<String, @Nullable String> customMetadata) {

	/**
	 * Return an update that changes nothing, to build on with the {@code with...} methods.
	 * @return an empty update
	 */
	public static MetadataUpdate empty() {
		return new MetadataUpdate(null, null, null, null);
	}

	/**
	 * Return a copy that sets the maximum number of versions.
	 * @param maxVersions the maximum
	 * @return the new update
	 */
	public MetadataUpdate withMaxVersions(int maxVersions) {
		return new MetadataUpdate(maxVersions, this.casRequired, this.deleteVersionAfter, this.customMetadata);
	}

	/**
	 * Return a copy that sets whether writes need check-and-set.
	 * @param casRequired whether check-and-set is required
	 * @return the new update
	 */
	public MetadataUpdate withCasRequired(boolean casRequired) {
		return new MetadataUpdate(this.maxVersions, casRequired, this.deleteVersionAfter, this.customMetadata);
	}

	/**
	 * Return a copy that sets the automatic soft-delete delay.
	 * @param deleteVersionAfter the delay, zero to clear it
	 * @return the new update
	 */
	public MetadataUpdate withDeleteVersionAfter(Duration deleteVersionAfter) {
		return new MetadataUpdate(this.maxVersions, this.casRequired, deleteVersionAfter, this.customMetadata);
	}

	/**
	 * Return a copy that sets the custom metadata.
	 * @param customMetadata the custom metadata
	 * @return the new update
	 */
	public MetadataUpdate withCustomMetadata(Map<String, @Nullable String> customMetadata) {
		return new MetadataUpdate(this.maxVersions, this.casRequired, this.deleteVersionAfter, customMetadata);
	}

}
