package dev.vaultkv.kv;

import org.jspecify.annotations.Nullable;

/**
 * A secret read from a KV mount: its data and, on KV v2, the metadata of the version read.
 *
 * @param data the secret's fields
 * @param metadata the version's metadata, or {@code null} on KV v1
 * @since 0.1.0
 */
public record VersionedSecret(SecretData data, @Nullable VersionMetadata metadata) {

	/**
	 * Return the version read, or 0 on KV v1.
	 * @return the version
	 */
	public long version() {
		return (this.metadata != null) ? this.metadata.version() : 0;
	}

}
