package dev.vaultkv.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster states a client has seen, for read-your-writes: every {@code X-Vault-Index} response
 * header is {@linkplain #record recorded}, and the states kept are sent back on later requests so that a
 * node that has not caught up with them does not answer from older storage. One store is shared by the
 * clients of one application (its login client and its application client), so that a read after a
 * login or a write sees them, whichever node it reaches.
 * <p>
 * States are merged as Vault's Go client merges them: per cluster id, a state that another state
 * includes (neither index behind) is dropped, so one state per cluster remains as long as both indexes
 * move forward together, and states of which neither includes the other are both kept (at most
 * {@value #MAX_STATES_PER_CLUSTER}, the oldest dropped). Unlike the Go client, a state of another
 * cluster does not replace the others: each cluster keeps its own (at most {@value #MAX_CLUSTERS}
 * clusters, the least recently updated dropped). A header that is not in Vault's format is ignored.
 * <p>
 * Empty until a server sends an index: with a server that sends none (Vault Community Edition, OpenBao)
 * nothing is ever sent. Thread-safe. {@link #toString()} shows counts only.
 *
 * @since 0.1.0
 */
public final class ReplicationStateStore {

	/**
	 * The most states kept per cluster.
	 */
	public static final int MAX_STATES_PER_CLUSTER = 4;

	/**
	 * The most clusters whose states are kept.
	 */
	public static final int MAX_CLUSTERS = 8;

	private static final Logger logger = LoggerFactory.getLogger(ReplicationStateStore.class);

	private final LinkedHashMap<String, List<ReplicationState>> states = new LinkedHashMap<>();

	private volatile List<String> headers = List.of();

	private long ignored;

	/**
	 * Record the {@code X-Vault-Index} value of a response.
	 * @param header the header value, or {@code null} when the response had none
	 * @return whether the states kept changed
	 */
	public boolean record(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return false;
		}
		ReplicationState state = ReplicationState.parse(header);
		if (state == null) {
			synchronized (this) {
				this.ignored++;
			}
			// the value stays out of the log: it is cluster-internal
			logger.debug("Ignoring an X-Vault-Index header that is not in Vault's format");
			return false;
		}
		return record(state);
	}

	/**
	 * Record a state.
	 * @param state the state
	 * @return whether the states kept changed
	 */
	public synchronized boolean record(ReplicationState state) {
		List<ReplicationState> cluster = this.states.remove(state.clusterId());
		if (cluster == null) {
			cluster = new ArrayList<>(2);
		}
		boolean changed = merge(cluster, state);
		this.states.put(state.clusterId(), cluster);
		if (this.states.size() > MAX_CLUSTERS) {
			Iterator<String> eldest = this.states.keySet().iterator();
			eldest.next();
			eldest.remove();
			changed = true;
		}
		if (changed) {
			List<String> headers = new ArrayList<>();
			this.states.values().forEach((kept) -> kept.forEach((each) -> headers.add(each.header())));
			this.headers = List.copyOf(headers);
		}
		return changed;
	}

	private static boolean merge(List<ReplicationState> kept, ReplicationState state) {
		for (ReplicationState existing : kept) {
			if (existing.includes(state)) {
				return false;
			}
		}
		kept.removeIf(state::includes);
		kept.add(state);
		if (kept.size() > MAX_STATES_PER_CLUSTER) {
			kept.remove(0);
		}
		return true;
	}

	/**
	 * Return the header values to send, in the order their clusters were last updated.
	 * @return the values, empty until an index was recorded
	 */
	public List<String> getHeaders() {
		return this.headers;
	}

	/**
	 * Return the states kept.
	 * @return the states per cluster id
	 */
	public synchronized Map<String, List<ReplicationState>> getStates() {
		Map<String, List<ReplicationState>> copy = new LinkedHashMap<>();
		this.states.forEach((cluster, kept) -> copy.put(cluster, List.copyOf(kept)));
		return copy;
	}

	/**
	 * Return whether no state has been recorded.
	 * @return whether the store is empty
	 */
	public boolean isEmpty() {
		return this.headers.isEmpty();
	}

	/**
	 * Return how many headers were ignored because they were not in Vault's format.
	 * @return the count
	 */
	public synchronized long getIgnoredCount() {
		return this.ignored;
	}

	/**
	 * Forget every state.
	 */
	public synchronized void clear() {
		this.states.clear();
		this.headers = List.of();
	}

	@Override
	public synchronized String toString() {
		return "ReplicationStateStore[clusters=" + this.states.size() + ", states=" + this.headers.size() + "]";
	}

}
