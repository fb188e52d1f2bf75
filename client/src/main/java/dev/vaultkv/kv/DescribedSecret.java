package dev.vaultkv.kv;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A KV version 2 secret together with its path and its description, the {@code description} key of
 * the secret's custom metadata (KV version 1 has no metadata, so no descriptions). Its
 * {@link #toString()} names the keys, never a value.
 *
 * @param path the path inside the mount
 * @param data the secret's fields
 * @param description the description, or {@code null} when it has none
 * @param metadata the metadata of the version read or written, or {@code null} for a secret not yet
 * written
 * @since 0.1.0
 * @see KvOperations#write(DescribedSecret)
 * @see KvOperations#readDescribed(String)
 */
public record DescribedSecret(String path, SecretData data, @Nullable String description,
		@Nullable VersionMetadata metadata) {

	/**
	 * The custom metadata key that holds a secret's description.
	 */
	public static final String DESCRIPTION_KEY = "description";

	/**
	 * Create a new instance.
	 * @param path the path inside the mount
	 * @param data the secret's fields
	 * @param description the description, or {@code null} when it has none
	 * @param metadata the version's metadata, or {@code null}
	 */
	public DescribedSecret {
		Assert.hasText(path, "'path' must not be empty");
		Assert.notNull(data, "'data' must not be null");
	}

	/**
	 * Create a secret to write.
	 * @param path the path inside the mount
	 * @param data the secret's fields
	 * @param description the description
	 * @return the secret
	 */
	public static DescribedSecret of(String path, Map<String, ?> data, String description) {
		Assert.notNull(data, "'data' must not be null");
		Assert.notNull(description, "'description' must not be null");
		return new DescribedSecret(path, SecretData.of(data), description, null);
	}

	/**
	 * Return the version, or 0 for a secret not yet written.
	 * @return the version
	 */
	public long version() {
		return (this.metadata != null) ? this.metadata.version() : 0;
	}

	@Override
	public String toString() {
		return "DescribedSecret[path=" + this.path + ", keys=" + this.data.keys() + ", description="
				+ this.description + ", version=" + version() + "]";
	}

}
