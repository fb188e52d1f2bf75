package dev.vaultkv.embedded.kv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * A {@code kv} mount of the embedded server: KV version 1 or 2 behind one backend, upgradable from 1 to 2
 * in place (what Vault does when a mount is tuned with {@code options.version=2}).
 * <p>
 * The upgrade happens by itself: before each operation the backend looks at the mount's live
 * {@link MountContext#options() options}, and a version 1 mount whose {@code version} option now reads
 * {@code "2"} upgrades first. The core may also call {@link #upgradeToV2()} directly.
 * <p>
 * Besides the HTTP path, {@link #put(String, Map)} and {@link #get(String)} let the server and tests seed
 * and inspect secrets directly.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class KvBackend implements Backend {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final MountContext context;

	private final ReadWriteLock upgradeLock = new ReentrantReadWriteLock();

	private volatile Backend delegate;

	KvBackend(MountContext context, int version) {
		this.context = context;
		this.delegate = (version == 2) ? newV2() : new KvV1Backend(new PlainKvStore(),
				context.defaultLeaseTtlSeconds());
	}

	private KvV2Backend newV2() {
		return new KvV2Backend(new VersionedKvStore(this.context.clock()), this.context.paginatesLists());
	}

	/**
	 * The KV version this mount serves.
	 * @return {@code 1} or {@code 2}
	 * @since 0.1.0
	 */
	public int version() {
		followVersionOption();
		return (this.delegate instanceof KvV2Backend) ? 2 : 1;
	}

	/**
	 * Upgrade a version 1 mount to version 2 in place: every secret becomes version 1 of a versioned key,
	 * stamped with the current time. Does nothing on a version 2 mount. Requests wait while it runs.
	 * @since 0.1.0
	 */
	public void upgradeToV2() {
		this.upgradeLock.writeLock().lock();
		try {
			if (this.delegate instanceof KvV1Backend v1) {
				KvV2Backend v2 = newV2();
				v1.store().snapshot().forEach(v2.store()::seed);
				this.delegate = v2;
			}
		}
		finally {
			this.upgradeLock.writeLock().unlock();
		}
	}

	private void followVersionOption() {
		if (this.delegate instanceof KvV1Backend && "2".equals(this.context.options().get("version"))) {
			upgradeToV2();
		}
	}

	/**
	 * Store a secret without going through HTTP: on version 1 it replaces the secret, on version 2 it adds a
	 * version without check-and-set.
	 * @param path the path inside the mount (e.g. {@code app/db})
	 * @param data the secret's fields
	 * @since 0.1.0
	 */
	public void put(String path, Map<String, ?> data) {
		Objects.requireNonNull(path, "'path' must not be null");
		Objects.requireNonNull(data, "'data' must not be null");
		if (path.isEmpty() || path.endsWith("/")) {
			throw new IllegalArgumentException("Secret path '" + path + "' must not be empty or end in '/'");
		}
		ObjectNode node = JsonMapper.shared().valueToTree(data);
		followVersionOption();
		this.upgradeLock.readLock().lock();
		try {
			Backend current = this.delegate;
			if (current instanceof KvV2Backend v2) {
				v2.store().seed(path, node);
			}
			else {
				((KvV1Backend) current).store().put(path, node);
			}
		}
		finally {
			this.upgradeLock.readLock().unlock();
		}
	}

	/**
	 * Read a secret without going through HTTP: the stored map on version 1, the current version's data on
	 * version 2 unless it is deleted or destroyed.
	 * @param path the path inside the mount
	 * @return a copy of the secret's fields, or {@code null} when there is nothing readable
	 * @since 0.1.0
	 */
	public @Nullable Map<String, Object> get(String path) {
		Objects.requireNonNull(path, "'path' must not be null");
		followVersionOption();
		Backend current = this.delegate;
		ObjectNode data;
		if (current instanceof KvV2Backend v2) {
			KeyEntry entry = v2.store().entry(path);
			VersionMetadata version = (entry != null) ? entry.current() : null;
			data = (version != null && version.isReadable(v2.store().now()))
					? entry.data(entry.currentVersion()) : null;
		}
		else {
			data = ((KvV1Backend) current).store().get(path);
		}
		return (data != null) ? new LinkedHashMap<>(JsonMapper.shared().convertValue(data, MAP)) : null;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		followVersionOption();
		this.upgradeLock.readLock().lock();
		try {
			return this.delegate.handle(request);
		}
		finally {
			this.upgradeLock.readLock().unlock();
		}
	}

	@Override
	public @Nullable Boolean exists(ApiRequest request) {
		followVersionOption();
		return this.delegate.exists(request);
	}

	@Override
	public String toString() {
		return "KvBackend[path=" + this.context.path() + ", version=" + version() + "]";
	}

}
