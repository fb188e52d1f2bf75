package dev.vaultkv.secret;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where a secret lives: a KV mount, a path inside it, a version and, for a tenant's secrets, the
 * namespace they are read in. The secret cache's key.
 *
 * @param mount the mount, without slashes
 * @param path the path inside the mount
 * @param version the version, or 0 for the current version
 * @param namespace the namespace to read in ({@code ""} for the root namespace), or {@code null} for the
 * client's
 * @since 0.1.0
 */
public record SecretLocation(String mount, String path, long version, @Nullable String namespace) {

	/**
	 * Create a new instance.
	 */
	public SecretLocation {
		Assert.hasText(mount, "'mount' must not be empty");
		Assert.hasText(path, "'path' must not be empty");
		Assert.isTrue(version >= 0, "'version' must not be negative");
	}

	/**
	 * Create a location in the client's namespace.
	 * @param mount the mount, without slashes
	 * @param path the path inside the mount
	 * @param version the version, or 0 for the current version
	 */
	public SecretLocation(String mount, String path, long version) {
		this(mount, path, version, null);
	}

	/**
	 * Return whether a version is pinned.
	 * @return whether this location names a version
	 */
	public boolean isPinned() {
		return this.version > 0;
	}

	@Override
	public String toString() {
		String location = this.mount + "//" + this.path + (isPinned() ? "#" + this.version : "");
		if (this.namespace == null) {
			return location;
		}
		return "[" + (this.namespace.isEmpty() ? "root namespace" : "namespace " + this.namespace) + "] " + location;
	}

}
