package dev.vaultkv.embedded.cluster;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.vaultkv.embedded.server.MountEntry;
import dev.vaultkv.embedded.server.ServerState;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;

/**
 * A performance standby's own copies of the KV mounts: one backend instance per mount, created empty when
 * first read and brought up to the node's replicated index by replaying the log's writes to that mount
 * before each read.
 *
 * @author vaultkv
 */
final class ReplicaStore {

	private final ServerState state;

	private final ReplicationLog log;

	private final ReplayClock clock;

	private final Map<String, Replica> replicas = new HashMap<>();

	ReplicaStore(ServerState state, ReplicationLog log, Clock clock) {
		this.state = state;
		this.log = log;
		this.clock = new ReplayClock(clock);
	}

	/**
	 * Answer a read from the copy of a mount as of a replicated index.
	 */
	synchronized ApiResponse read(MountEntry mount, ApiRequest request, long replicatedIndex) {
		Replica replica = this.replicas.get(mount.uuid());
		if (replica == null) {
			Backend backend = this.state.newBackendInstance(request.namespace(), mount, this.clock);
			if (backend == null) {
				return ApiResponse.error(500, "internal error");
			}
			replica = new Replica(backend);
			this.replicas.put(mount.uuid(), replica);
		}
		for (ReplicationLog.KvWrite write : this.log.kvWrites(mount.uuid(), replica.applied, replicatedIndex)) {
			ApiRequest replayed = write.request();
			Backend target = replica.backend;
			this.clock.at(replayed.now(), () -> target.handle(replayed));
			replica.applied = write.index();
		}
		replica.applied = Math.max(replica.applied, replicatedIndex);
		return replica.backend.handle(request);
	}

	/**
	 * Drop every copy (the node becomes active or rejoins as a fresh standby).
	 */
	synchronized void clear() {
		for (Replica replica : this.replicas.values()) {
			try {
				replica.backend.close();
			}
			catch (RuntimeException ex) {
				// nothing to release for KV copies
			}
		}
		this.replicas.clear();
	}

	private static final class Replica {

		final Backend backend;

		long applied;

		Replica(Backend backend) {
			this.backend = backend;
		}

	}

}
