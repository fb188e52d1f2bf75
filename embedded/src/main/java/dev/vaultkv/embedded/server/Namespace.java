package dev.vaultkv.embedded.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.server.acl.Policy;

/**
 * One namespace with its own mounts, auth methods and policies.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class Namespace {

	private final String path;

	private final String id;

	private final String uuid = Ids.uuid();

	private final Map<String, String> customMetadata;

	private final Map<String, MountEntry> mounts = new ConcurrentHashMap<>();

	private final Map<String, Policy> policies = new ConcurrentHashMap<>();

	Namespace(String path, Map<String, String> customMetadata) {
		this.path = path;
		this.id = path.isEmpty() ? "root" : Ids.base62(5);
		this.customMetadata = Map.copyOf(customMetadata);
	}

	/**
	 * Return the path ({@code ""} for root, else with a trailing slash).
	 * @return the path
	 * @since 0.1.0
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the ID.
	 * @return the ID
	 * @since 0.1.0
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the UUID (reported by OpenBao only).
	 * @return the UUID
	 * @since 0.1.0
	 */
	public String uuid() {
		return this.uuid;
	}

	/**
	 * Return the custom metadata.
	 * @return the metadata
	 * @since 0.1.0
	 */
	public Map<String, String> customMetadata() {
		return this.customMetadata;
	}

	/**
	 * Return the mounts by path (auth methods under {@code auth/}).
	 * @return the live map
	 * @since 0.1.0
	 */
	public Map<String, MountEntry> mounts() {
		return this.mounts;
	}

	/**
	 * Return the policies by name.
	 * @return the live map
	 * @since 0.1.0
	 */
	public Map<String, Policy> policies() {
		return this.policies;
	}

	/**
	 * Find the mount serving a path (longest prefix).
	 * @param path the path relative to the namespace
	 * @return the mount or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable MountEntry match(String path) {
		MountEntry best = null;
		for (MountEntry entry : this.mounts.values()) {
			String mountPath = entry.path();
			boolean matches = path.startsWith(mountPath) || (path + "/").equals(mountPath);
			if (matches && (best == null || mountPath.length() > best.path().length())) {
				best = entry;
			}
		}
		return best;
	}

	/**
	 * Find a mount by exact path.
	 * @param path the path with trailing slash
	 * @return the mount
	 * @since 0.1.0
	 */
	public Optional<MountEntry> mount(String path) {
		return Optional.ofNullable(this.mounts.get(path));
	}

}
