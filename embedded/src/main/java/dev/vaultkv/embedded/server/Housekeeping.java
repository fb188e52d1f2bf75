package dev.vaultkv.embedded.server;

import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import dev.vaultkv.embedded.spi.Backend;

/**
 * The server's time-driven work, one pass at a time: expired tokens are revoked (which expires the leases
 * they read), backends {@link Backend#tick tick} (e.g. static credentials rotate), and expired leases are
 * revoked through their engines. It runs before and after each request and whenever the server clock is
 * moved, so whatever is due at an instant has happened once the clock shows it; nothing runs in the
 * background.
 *
 * @author vaultkv
 */
final class Housekeeping {

	private static final System.Logger logger = System.getLogger(Housekeeping.class.getName());

	private final ServerState state;

	private final ReentrantLock lock = new ReentrantLock();

	Housekeeping(ServerState state) {
		this.state = state;
	}

	void run() {
		if (this.state.isSealed()) {
			return;
		}
		this.lock.lock();
		try {
			Instant now = this.state.now();
			this.state.tokens().expire(now);
			for (Namespace namespace : this.state.namespaces()) {
				for (MountEntry mount : namespace.mounts().values()) {
					tick(mount, now);
				}
			}
			this.state.leases().expireDue(now);
		}
		finally {
			this.lock.unlock();
		}
	}

	private static void tick(MountEntry mount, Instant now) {
		Backend backend = mount.backend();
		if (backend == null) {
			return;
		}
		try {
			backend.tick(now);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Time-driven work of mount " + mount.path() + " failed", ex);
		}
	}

}
