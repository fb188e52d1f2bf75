package dev.vaultkv.embedded.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.spi.Backend;

/**
 * A mounted secret engine or auth method of one namespace.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class MountEntry {

	private volatile String path;

	private final String type;

	private final boolean auth;

	private final String accessor;

	private final String uuid;

	private final boolean local;

	private final boolean sealWrap;

	private final boolean builtin;

	private final Map<String, String> options = new ConcurrentHashMap<>();

	private volatile String description;

	private volatile long defaultLeaseTtl;

	private volatile long maxLeaseTtl;

	private volatile boolean forceNoCache;

	private volatile String listingVisibility = "";

	private volatile @Nullable Backend backend;

	MountEntry(String path, String type, boolean auth, String description, boolean local, boolean sealWrap,
			boolean builtin) {
		this.path = path;
		this.type = type;
		this.auth = auth;
		this.description = description;
		this.local = local;
		this.sealWrap = sealWrap;
		this.builtin = builtin;
		this.accessor = (auth ? "auth_" : "") + type + "_" + Ids.hex(4);
		this.uuid = Ids.uuid();
	}

	/**
	 * Return the path relative to the namespace with a trailing slash ({@code auth/} prefix for auth methods).
	 * @return the path
	 * @since 0.1.0
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Move the mount ({@code sys/remount}): the entry keeps its backend, accessor and UUID.
	 */
	void path(String path) {
		this.path = path;
	}

	/**
	 * Return the path as shown in {@code sys/auth} (without the {@code auth/} prefix) or {@code sys/mounts}.
	 * @return the table key
	 * @since 0.1.0
	 */
	public String tableKey() {
		return this.auth ? this.path.substring("auth/".length()) : this.path;
	}

	/**
	 * Return the type.
	 * @return the type
	 * @since 0.1.0
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Return whether this is an auth method.
	 * @return whether auth
	 * @since 0.1.0
	 */
	public boolean isAuth() {
		return this.auth;
	}

	/**
	 * Return the accessor.
	 * @return the accessor
	 * @since 0.1.0
	 */
	public String accessor() {
		return this.accessor;
	}

	/**
	 * Return the UUID.
	 * @return the UUID
	 * @since 0.1.0
	 */
	public String uuid() {
		return this.uuid;
	}

	/**
	 * Return whether the mount is local.
	 * @return whether local
	 * @since 0.1.0
	 */
	public boolean local() {
		return this.local;
	}

	/**
	 * Return whether seal wrapping is on.
	 * @return whether seal wrapped
	 * @since 0.1.0
	 */
	public boolean sealWrap() {
		return this.sealWrap;
	}

	/**
	 * Return whether the mount is built in and cannot be disabled.
	 * @return whether built in
	 * @since 0.1.0
	 */
	public boolean builtin() {
		return this.builtin;
	}

	/**
	 * Return the live options map.
	 * @return the options
	 * @since 0.1.0
	 */
	public Map<String, String> options() {
		return this.options;
	}

	/**
	 * Return the description.
	 * @return the description
	 * @since 0.1.0
	 */
	public String description() {
		return this.description;
	}

	void description(String description) {
		this.description = description;
	}

	/**
	 * Return the configured default lease TTL (0 = system default).
	 * @return seconds
	 * @since 0.1.0
	 */
	public long defaultLeaseTtl() {
		return this.defaultLeaseTtl;
	}

	void defaultLeaseTtl(long seconds) {
		this.defaultLeaseTtl = seconds;
	}

	/**
	 * Return the configured max lease TTL (0 = system default).
	 * @return seconds
	 * @since 0.1.0
	 */
	public long maxLeaseTtl() {
		return this.maxLeaseTtl;
	}

	void maxLeaseTtl(long seconds) {
		this.maxLeaseTtl = seconds;
	}

	/**
	 * Return whether caching is forced off.
	 * @return the flag
	 * @since 0.1.0
	 */
	public boolean forceNoCache() {
		return this.forceNoCache;
	}

	void forceNoCache(boolean forceNoCache) {
		this.forceNoCache = forceNoCache;
	}

	/**
	 * Return the listing visibility ({@code ""}, {@code hidden} or {@code unauth}).
	 * @return the visibility
	 * @since 0.1.0
	 */
	public String listingVisibility() {
		return this.listingVisibility;
	}

	void listingVisibility(String listingVisibility) {
		this.listingVisibility = listingVisibility;
	}

	/**
	 * Return the backend, or {@code null} if the type has no implementation here.
	 * @return the backend
	 * @since 0.1.0
	 */
	public @Nullable Backend backend() {
		return this.backend;
	}

	void backend(@Nullable Backend backend) {
		this.backend = backend;
	}

}
