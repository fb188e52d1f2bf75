package dev.vaultkv.secret;

import org.springframework.util.Assert;

/**
 * Where a secret lives: a KV mount, a path inside it and a version. The secret cache's key.
 *
 * @param mount the mount, without slashes
 * @param path the path inside the mount
 * @param version the version, or 0 for the current version
 * @since 0.1.0
 */
public record SecretLocation(String mount, String path, long version) {

	/**
	 * Create a new instance.
	 */
	public SecretLocation {
		Assert.hasText(mount, "'mount' must not be empty");
		Assert.hasText(path, "'path' must not be empty");
		Assert.isTrue(version >= 0, "'version' must not be negative");
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
		return this.mount + "//" + this.path + (isPinned() ? "#" + this.version : "");
	}

}
