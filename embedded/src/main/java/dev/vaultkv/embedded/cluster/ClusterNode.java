package dev.vaultkv.embedded.cluster;

import java.net.URI;

import dev.vaultkv.embedded.FaultInjector;
import dev.vaultkv.embedded.RequestLog;
import dev.vaultkv.embedded.VaultHttpListener;
import dev.vaultkv.embedded.server.RequestProcessor;

/**
 * One node of an {@link EmbeddedVaultCluster}: its own port on 127.0.0.1, request log and faults, and a
 * role that changes with elections. Stopping it closes its port (clients get "connection refused");
 * partitioning it keeps it answering but cuts it off from the others.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class ClusterNode {

	private final EmbeddedVaultCluster cluster;

	private final int id;

	private final VaultHttpListener listener;

	private final RequestProcessor activeProcessor;

	private final RequestProcessor standbyProcessor;

	private final ReplicaStore replicas;

	// guarded by the cluster's lock
	boolean performanceStandby;

	boolean partitioned;

	boolean stopped;

	boolean sealed;

	long replicatedIndex;

	ClusterNode(EmbeddedVaultCluster cluster, int id, VaultHttpListener listener, RequestProcessor activeProcessor,
			RequestProcessor standbyProcessor, ReplicaStore replicas) {
		this.cluster = cluster;
		this.id = id;
		this.listener = listener;
		this.activeProcessor = activeProcessor;
		this.standbyProcessor = standbyProcessor;
		this.replicas = replicas;
	}

	/**
	 * Return the node's number, {@code 0} to {@code nodes - 1}.
	 * @return the number
	 * @since 0.1.0
	 */
	public int id() {
		return this.id;
	}

	/**
	 * Return the node's address, e.g. {@code http://127.0.0.1:8201}; it stays the same across stop and start.
	 * @return the address
	 * @since 0.1.0
	 */
	public URI address() {
		return this.listener.address();
	}

	/**
	 * Return the node's port.
	 * @return the port
	 * @since 0.1.0
	 */
	public int port() {
		return this.listener.port();
	}

	/**
	 * Return the node's role now (elections due on the server clock are held first).
	 * @return the role
	 * @since 0.1.0
	 */
	public NodeRole role() {
		return this.cluster.roleOf(this);
	}

	/**
	 * Return whether this node is the active one now.
	 * @return whether active
	 * @since 0.1.0
	 */
	public boolean isActive() {
		return role() == NodeRole.ACTIVE;
	}

	/**
	 * Return the index of the latest write this node has: the cluster's latest on the active node, the
	 * replicated one (the writes whose time plus the replication lag has passed) on a standby.
	 * @return the index
	 * @since 0.1.0
	 */
	public long index() {
		return this.cluster.indexOf(this);
	}

	/**
	 * Stop the node: its port is closed until {@link #start()}. Stopping the active node starts an election.
	 * @since 0.1.0
	 */
	public void stop() {
		this.cluster.stop(this);
	}

	/**
	 * Start a stopped node again on the same port; it rejoins as a standby.
	 * @since 0.1.0
	 */
	public void start() {
		this.cluster.start(this);
	}

	/**
	 * Return whether the node's port is open.
	 * @return whether running
	 * @since 0.1.0
	 */
	public boolean isRunning() {
		return this.listener.isRunning();
	}

	/**
	 * Cut the node off from the others while it keeps answering clients: an active node loses the lock (an
	 * election starts), a standby cannot forward (500 {@code local node not active but active cluster node
	 * not found}) and its health is 474, and a performance standby stops receiving writes but goes on
	 * answering reads from its stale copy.
	 * @since 0.1.0
	 */
	public void partition() {
		this.cluster.partition(this, true);
	}

	/**
	 * End a {@link #partition()}: the node rejoins as a standby and catches up.
	 * @since 0.1.0
	 */
	public void heal() {
		this.cluster.partition(this, false);
	}

	/**
	 * Seal this node only, as {@code vault operator seal} on it would: it answers 503 {@code Vault is sealed}
	 * (health 503, seal status sealed) until {@link #unseal()} or {@code PUT sys/unseal} with any key; a sealed
	 * active node loses the lock (an election starts).
	 * @since 0.1.0
	 */
	public void seal() {
		this.cluster.seal(this, true);
	}

	/**
	 * Unseal this node; it rejoins as a standby.
	 * @since 0.1.0
	 */
	public void unseal() {
		this.cluster.seal(this, false);
	}

	/**
	 * Return whether this node is sealed (by {@link #seal()}; sealing the shared store seals every node).
	 * @return whether sealed
	 * @since 0.1.0
	 */
	public boolean isSealed() {
		return this.cluster.isSealed(this);
	}

	/**
	 * Return whether the node is partitioned.
	 * @return whether partitioned
	 * @since 0.1.0
	 */
	public boolean isPartitioned() {
		return this.cluster.isPartitioned(this);
	}

	/**
	 * Return the requests this node answered over HTTP, plus those other nodes forwarded to it while active.
	 * @return the node's request log
	 * @since 0.1.0
	 */
	public RequestLog requestLog() {
		return this.listener.requestLog();
	}

	/**
	 * Return this node's fault injector (its rules apply to requests this node receives over HTTP; sealing
	 * through it seals the shared store, so every node).
	 * @return the faults
	 * @since 0.1.0
	 */
	public FaultInjector faults() {
		return this.listener.faults();
	}

	VaultHttpListener listener() {
		return this.listener;
	}

	RequestProcessor activeProcessor() {
		return this.activeProcessor;
	}

	RequestProcessor standbyProcessor() {
		return this.standbyProcessor;
	}

	ReplicaStore replicas() {
		return this.replicas;
	}

	@Override
	public String toString() {
		return "ClusterNode[" + this.id + ", " + address() + "]";
	}

}
