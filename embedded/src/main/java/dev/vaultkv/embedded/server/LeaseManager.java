package dev.vaultkv.embedded.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.SecretLease;

/**
 * The leases of secrets issued by secret engines (Vault's expiration manager): registration, renewal,
 * revocation by ID, prefix or owning token, and expiry on the server clock. Calls into engines are made
 * one at a time and never while holding the map's lock.
 *
 * @author vaultkv
 */
final class LeaseManager {

	private static final System.Logger logger = System.getLogger(LeaseManager.class.getName());

	/** Vault formats the backend's error after Go's {@code %#v} of the missing response. */
	static final String REVOKE_FAILED = "failed to revoke entry: resp: (*logical.Response)(nil) err: ";

	static final String RENEW_FAILED = "failed to renew entry: resp: (*logical.Response)(nil) err: ";

	/** Vault's {@code TokenLength}: the random part of a lease ID. */
	private static final int ID_LENGTH = 24;

	private final ServerState state;

	private final Object lock = new Object();

	private final ReentrantLock operations = new ReentrantLock();

	private final TreeMap<String, LeaseEntry> leases = new TreeMap<>();

	LeaseManager(ServerState state) {
		this.state = state;
	}

	/**
	 * The outcome of a renewal.
	 */
	record Renewal(String leaseId, boolean renewable, long ttl, List<String> warnings) {
	}

	/**
	 * Register a leased secret.
	 * @param ttl the TTL already calculated by the caller, in seconds
	 */
	LeaseEntry register(Namespace namespace, MountEntry mount, String path, @Nullable String owner, SecretLease lease,
			long ttl, Instant now) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String id = trimmed + "/" + Ids.base62(ID_LENGTH)
				+ (namespace.path().isEmpty() ? "" : "." + namespace.id());
		LeaseEntry entry = new LeaseEntry(id, namespace.path(), mount, trimmed, owner, lease.internalData(), now,
				lease.renewable(), now.plusSeconds(ttl));
		synchronized (this.lock) {
			this.leases.put(id, entry);
		}
		return entry;
	}

	@Nullable LeaseEntry find(Namespace namespace, String id) {
		synchronized (this.lock) {
			LeaseEntry entry = this.leases.get(id);
			return (entry != null && entry.namespace.equals(namespace.path())) ? entry : null;
		}
	}

	/**
	 * Lookup data of a lease, as {@code sys/leases/lookup} reports it.
	 */
	@Nullable LeaseSnapshot lookup(Namespace namespace, String id) {
		synchronized (this.lock) {
			LeaseEntry entry = find(namespace, id);
			return (entry != null) ? snapshot(entry) : null;
		}
	}

	/**
	 * Whether a lease would pass Vault's renewable check now.
	 */
	boolean isRenewable(LeaseSnapshot lease, Instant now) {
		synchronized (this.lock) {
			LeaseEntry entry = this.leases.get(lease.id());
			return entry != null && entry.notRenewableReason(now) == null;
		}
	}

	Renewal renew(Namespace namespace, String id, Duration increment, Instant now) {
		this.operations.lock();
		try {
			LeaseEntry entry;
			synchronized (this.lock) {
				entry = find(namespace, id);
				String reason = (entry != null) ? entry.notRenewableReason(now) : "lease not found";
				if (reason != null) {
					throw new LeaseException(reason);
				}
			}
			Backend backend = liveBackend(entry);
			if (backend == null) {
				throw new LeaseException(RENEW_FAILED + "no handler for route \"" + entry.path + "\"");
			}
			SecretLease renewed;
			try {
				renewed = backend.renew(entry.request(increment, now));
			}
			catch (RuntimeException ex) {
				throw new LeaseException(RENEW_FAILED + message(ex));
			}
			LeaseTtls.Result ttl;
			try {
				ttl = LeaseTtls.calculate(this.state.defaultTtl(entry.mount), this.state.maxTtl(entry.mount),
						Math.max(0, increment.getSeconds()), renewed.ttl().getSeconds(), renewed.maxTtl().getSeconds(),
						entry.issueTime, now);
			}
			catch (TtlException ex) {
				throw new LeaseException(ex.getMessage());
			}
			synchronized (this.lock) {
				entry.renewable = renewed.renewable();
				entry.expireTime = now.plusSeconds(ttl.ttl());
				entry.lastRenewal = now;
			}
			return new Renewal(entry.id, renewed.renewable(), ttl.ttl(), ttl.warnings());
		}
		finally {
			this.operations.unlock();
		}
	}

	/**
	 * Revoke one lease. Revoking an unknown lease succeeds, as in Vault.
	 * @param sync whether to revoke now or only mark the lease expired for the next sweep
	 */
	void revoke(Namespace namespace, String id, boolean sync, Instant now) {
		this.operations.lock();
		try {
			LeaseEntry entry = find(namespace, id);
			if (entry == null) {
				return;
			}
			if (sync) {
				revokeEntry(entry, false, now);
			}
			else {
				expireNow(entry, now);
			}
		}
		finally {
			this.operations.unlock();
		}
	}

	/**
	 * Revoke a lease ID or every lease under a prefix (Vault's {@code revokePrefixCommon}).
	 * @param force whether to ignore engine failures and drop the leases anyway
	 */
	void revokePrefix(Namespace namespace, String prefix, boolean force, boolean sync, Instant now) {
		this.operations.lock();
		try {
			String folder = prefix;
			if (!folder.endsWith("/")) {
				LeaseEntry exact = find(namespace, folder);
				if (exact != null) {
					if (!sync) {
						expireNow(exact, now);
						return;
					}
					try {
						revokeEntry(exact, force, now);
					}
					catch (LeaseException ex) {
						throw new LeaseException("failed to revoke \"" + folder + "\": " + ex.getMessage());
					}
					return;
				}
				folder = folder + "/";
			}
			List<LeaseEntry> matching = under(namespace.path(), folder);
			for (int i = 0; i < matching.size(); i++) {
				LeaseEntry entry = matching.get(i);
				if (!sync) {
					expireNow(entry, now);
					continue;
				}
				try {
					revokeEntry(entry, force, now);
				}
				catch (LeaseException ex) {
					throw new LeaseException("failed to revoke \"" + entry.id + "\" (" + (i + 1) + " / "
							+ matching.size() + "): " + ex.getMessage());
				}
			}
		}
		finally {
			this.operations.unlock();
		}
	}

	/**
	 * The direct children of a prefix among a namespace's lease IDs, folders ending in {@code /}.
	 */
	List<String> list(Namespace namespace, String prefix) {
		TreeSet<String> keys = new TreeSet<>();
		synchronized (this.lock) {
			for (LeaseEntry entry : this.leases.tailMap(prefix, true).values()) {
				if (!entry.id.startsWith(prefix)) {
					break;
				}
				if (!entry.namespace.equals(namespace.path())) {
					continue;
				}
				String rest = entry.id.substring(prefix.length());
				int slash = rest.indexOf('/');
				keys.add((slash >= 0) ? rest.substring(0, slash + 1) : rest);
			}
		}
		return List.copyOf(keys);
	}

	/**
	 * Mark the leases a token read as expired, so the next sweep revokes them (Vault's lazy revocation of a
	 * revoked token's leases). Called under the token store's lock: it must stay cheap.
	 */
	void expireOwnedBy(String tokenId, Instant now) {
		synchronized (this.lock) {
			for (LeaseEntry entry : this.leases.values()) {
				if (tokenId.equals(entry.owner)) {
					expireNow(entry, now);
				}
			}
		}
	}

	/**
	 * Revoke every lease that has expired by {@code now}. A failed revocation is tried again 10 seconds (of
	 * the server clock) later; after {@value LeaseEntry#MAX_REVOKE_ATTEMPTS} failures the lease is kept as
	 * irrevocable.
	 */
	void expireDue(Instant now) {
		List<LeaseEntry> due;
		synchronized (this.lock) {
			due = this.leases.values().stream().filter((entry) -> entry.isDue(now)).toList();
		}
		if (due.isEmpty()) {
			return;
		}
		this.operations.lock();
		try {
			for (LeaseEntry entry : due) {
				synchronized (this.lock) {
					if (this.leases.get(entry.id) != entry || !entry.isDue(now)) {
						continue;
					}
				}
				try {
					revokeEntry(entry, false, now);
				}
				catch (LeaseException ex) {
					failedExpiry(entry, ex, now);
				}
			}
		}
		finally {
			this.operations.unlock();
		}
	}

	private void failedExpiry(LeaseEntry entry, LeaseException ex, Instant now) {
		synchronized (this.lock) {
			entry.revokeAttempts++;
			if (entry.revokeAttempts >= LeaseEntry.MAX_REVOKE_ATTEMPTS) {
				entry.revokeError = ex.getMessage();
			}
			else {
				entry.retryAt = now.plusSeconds(10);
			}
		}
		logger.log(System.Logger.Level.WARNING, "Failed to revoke expired lease " + entry.id + " (attempt "
				+ entry.revokeAttempts + "): " + ex.getMessage());
	}

	/**
	 * Revoke every lease, ignoring engine failures (server reset).
	 */
	void revokeAll(Instant now) {
		this.operations.lock();
		try {
			List<LeaseEntry> all;
			synchronized (this.lock) {
				all = new ArrayList<>(this.leases.values());
			}
			for (LeaseEntry entry : all) {
				revokeEntry(entry, true, now);
			}
			synchronized (this.lock) {
				this.leases.clear();
			}
		}
		finally {
			this.operations.unlock();
		}
	}

	List<LeaseSnapshot> snapshots() {
		synchronized (this.lock) {
			return this.leases.values().stream().map(LeaseManager::snapshot).toList();
		}
	}

	private static LeaseSnapshot snapshot(LeaseEntry entry) {
		return new LeaseSnapshot(entry.id, entry.namespace, entry.path, entry.issueTime, entry.expireTime,
				entry.lastRenewal, entry.renewable, entry.revokeError != null);
	}

	private List<LeaseEntry> under(String namespace, String prefix) {
		synchronized (this.lock) {
			List<LeaseEntry> matching = new ArrayList<>();
			for (Map.Entry<String, LeaseEntry> candidate : this.leases.tailMap(prefix, true).entrySet()) {
				if (!candidate.getKey().startsWith(prefix)) {
					break;
				}
				if (candidate.getValue().namespace.equals(namespace)) {
					matching.add(candidate.getValue());
				}
			}
			return matching;
		}
	}

	private void expireNow(LeaseEntry entry, Instant now) {
		synchronized (this.lock) {
			if (entry.expireTime == null || entry.expireTime.isAfter(now)) {
				entry.expireTime = now;
			}
			entry.retryAt = null;
		}
	}

	private void revokeEntry(LeaseEntry entry, boolean force, Instant now) {
		Backend backend = liveBackend(entry);
		if (backend != null) {
			try {
				backend.revoke(entry.request(Duration.ZERO, now));
			}
			catch (RuntimeException ex) {
				if (!force) {
					throw new LeaseException(REVOKE_FAILED + message(ex));
				}
				logger.log(System.Logger.Level.WARNING, "Revocation of lease " + entry.id
						+ " failed, but in force mode so ignoring: " + message(ex));
			}
		}
		synchronized (this.lock) {
			this.leases.remove(entry.id, entry);
		}
	}

	/**
	 * The backend of the lease's mount, or {@code null} if the mount is gone.
	 */
	private @Nullable Backend liveBackend(LeaseEntry entry) {
		Namespace namespace = this.state.namespace(entry.namespace);
		if (namespace == null || namespace.mounts().get(entry.mount.path()) != entry.mount) {
			return null;
		}
		return entry.mount.backend();
	}

	private static String message(RuntimeException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
