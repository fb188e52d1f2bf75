package dev.vaultkv.kv;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.InvalidPathException;
import dev.vaultkv.client.VaultPaths;

/**
 * Checks mount names and paths inside a mount before any request is sent.
 */
final class KvPaths {

	private KvPaths() {
	}

	/**
	 * Return a mount name without the slashes users often write at its ends ({@code /secret/}).
	 * @param mount the mount
	 * @return the mount name
	 */
	static String mount(@Nullable String mount) {
		if (mount == null || mount.isBlank()) {
			throw new InvalidPathException(String.valueOf(mount),
					"the mount name is empty; give the mount of the KV engine, for example 'secret'");
		}
		String name = mount.startsWith("/") ? mount.substring(1) : mount;
		name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
		if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
			throw new InvalidPathException(mount, "a mount name must not start or end with '//'");
		}
		return VaultPaths.validate(name);
	}

	/**
	 * Check the path of a secret inside a mount.
	 * @param mount the mount, for messages
	 * @param path the path
	 * @return the path
	 */
	static String secret(String mount, @Nullable String path) {
		if (path == null || path.isBlank()) {
			throw new InvalidPathException(String.valueOf(path), "the secret path is empty; give the path inside mount '"
					+ mount + "', for example 'myapp/db'");
		}
		if (path.startsWith("/")) {
			throw new InvalidPathException(path,
					"paths are relative to mount '" + mount + "'; remove the leading '/'");
		}
		if (path.endsWith("/")) {
			throw new InvalidPathException(path,
					"it ends with '/', which names a folder, not a secret; use list() for folders");
		}
		return VaultPaths.validate(path);
	}

	/**
	 * Check the path of a folder inside a mount.
	 * @param mount the mount, for messages
	 * @param folder the folder, {@code ""} for the mount's root
	 * @return the folder without a trailing slash, {@code ""} for the root
	 */
	static String folder(String mount, @Nullable String folder) {
		if (folder == null || folder.isEmpty() || folder.equals("/")) {
			return "";
		}
		if (folder.startsWith("/")) {
			throw new InvalidPathException(folder,
					"paths are relative to mount '" + mount + "'; remove the leading '/'");
		}
		String name = VaultPaths.validate(folder);
		return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
	}

}
