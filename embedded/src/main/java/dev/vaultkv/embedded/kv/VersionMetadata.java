package dev.vaultkv.embedded.kv;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The metadata of one KV v2 version.
 *
 * @param createdTime when the version was written
 * @param deletionTime when it is (or was) soft-deleted, or {@code null}
 * @param destroyed whether its data was destroyed
 * @author vaultkv
 */
record VersionMetadata(Instant createdTime, @Nullable Instant deletionTime, boolean destroyed) {

	/**
	 * Whether the version is soft-deleted at the given instant. Vault compares with "before now"; a deletion
	 * stamped at exactly {@code now} already counts here so that a controllable clock standing still still
	 * sees its own deletes.
	 */
	boolean isDeleted(Instant now) {
		return this.deletionTime != null && !this.deletionTime.isAfter(now);
	}

	boolean isReadable(Instant now) {
		return !this.destroyed && !isDeleted(now);
	}

	VersionMetadata withDeletionTime(@Nullable Instant deletionTime) {
		return new VersionMetadata(this.createdTime, deletionTime, this.destroyed);
	}

	VersionMetadata asDestroyed() {
		return new VersionMetadata(this.createdTime, this.deletionTime, true);
	}

}
