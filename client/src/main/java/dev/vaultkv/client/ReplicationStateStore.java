package dev.vaultkv.client;

import java.util.ArrayList;
import java.util.List;

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
 * States are merged as Vault's Go client merges them ({@code MergeReplicationStates}): a state that
 * another state of the same cluster includes (neither index behind) is dropped, so one state remains as
 * long as both indexes move forward together, and states of which neither includes the other are both
 * kept (at most {@value #MAX_STATES}, the oldest dropped). A state of another cluster id replaces the
 * states kept, as in the Go client: the client now talks to another cluster (after a disaster recovery
 * promotion, say), to which the old cluster's states mean nothing. A header that is not in
 * Vault's format is ignored (never logged).
 * <p>
 * Empty until a server sends an index: with a server that sends none (Vault Community Edition, OpenBao)
 * nothing is ever sent. Thread-safe. {@link #toString()} shows counts only.
 *
 * @since 0.1.0
 */
public final class ReplicationStateStore {

	/**
	 * The most states kept.
	 */
	public static final int MAX_STATES = 4;

	private static final Logger logger = LoggerFactory.getLogger(ReplicationStateStore.class);

	private final List<ReplicationState> states = new ArrayList<>(2);

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
		if (!this.states.isEmpty() && !this.states.get(0).clusterId().equals(state.clusterId())) {
			this.states.clear();
		}
		for (ReplicationState existing : this.states) {
			if (existing.includes(state)) {
				return false;
			}
		}
		this.states.removeIf(state::includes);
		this.states.add(state);
		if (this.states.size() > MAX_STATES) {
			this.states.remove(0);
		}
		this.headers = this.states.stream().map(ReplicationState::header).toList();
		return true;
	}

	/**
	 * Return the header values to send, oldest first.
	 * @return the values, empty until an index was recorded
	 */
	public List<String> getHeaders() {
		return this.headers;
	}

	/**
	 * Return the states kept.
	 * @return the states, oldest first
	 */
	public synchronized List<ReplicationState> getStates() {
		return List.copyOf(this.states);
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
		return "ReplicationStateStore[states=" + this.states.size() + "]";
	}

}
