package dev.vaultkv.kv;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A secret read from a KV mount: its data and, on KV v2, the metadata of the version read.
 *
 * @param data the secret's fields
 * @param metadata the version's metadata, or {@code null} on KV v1
 * @param ttl on KV v1, the time to live the secret sets itself with its {@code ttl} (or {@code lease})
 * key, as Vault reports it in {@code lease_duration}: a hint of how often to read it again; {@code null}
 * when it sets none, and on KV v2
 * @since 0.1.0
 */
public record VersionedSecret(SecretData data, @Nullable VersionMetadata metadata, @Nullable Duration ttl) {

	/**
	 * Create a secret without a time to live of its own.
	 * @param data the secret's fields
	 * @param metadata the version's metadata, or {@code null} on KV v1
	 */
	public VersionedSecret(SecretData data, @Nullable VersionMetadata metadata) {
		this(data, metadata, null);
	}

	/**
	 * Return the version read, or 0 on KV v1.
	 * @return the version
	 */
	public long version() {
		return (this.metadata != null) ? this.metadata.version() : 0;
	}

}
