package dev.vaultkv.embedded.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vaultkv.embedded.spi.ApiRequest;

/**
 * The cluster's write-ahead log: every write the active node applied gets the next index and the server time
 * it was applied at; writes to KV mounts are kept (as the authorized request) so that performance standbys
 * can replay them into their own copies. Thread-safe.
 *
 * @author vaultkv
 */
final class ReplicationLog {

	private final List<Instant> times = new ArrayList<>();

	private final Map<String, List<KvWrite>> kvWrites = new HashMap<>();

	/**
	 * Record a write that is not replayed (anything but KV).
	 * @return its index
	 */
	synchronized long append(Instant time) {
		this.times.add(time);
		return this.times.size();
	}

	/**
	 * Record a write to a KV mount, replayed by performance standbys.
	 * @return its index
	 */
	synchronized long appendKv(Instant time, String mountUuid, ApiRequest request) {
		long index = append(time);
		this.kvWrites.computeIfAbsent(mountUuid, (key) -> new ArrayList<>()).add(new KvWrite(index, request));
		return index;
	}

	/**
	 * Return the index of the latest write.
	 */
	synchronized long current() {
		return this.times.size();
	}

	/**
	 * Return the latest index a node lagging by {@code lag} has received at {@code now}, never less than
	 * {@code from}.
	 */
	synchronized long replicatedAt(Instant now, Duration lag, long from) {
		long index = Math.max(0, from);
		while (index < this.times.size() && !this.times.get((int) index).plus(lag).isAfter(now)) {
			index++;
		}
		return index;
	}

	/**
	 * Return the KV writes of a mount with an index in {@code (after, upTo]}, oldest first.
	 */
	synchronized List<KvWrite> kvWrites(String mountUuid, long after, long upTo) {
		List<KvWrite> writes = this.kvWrites.getOrDefault(mountUuid, List.of());
		// indexes ascend: find the first write after 'after' by bisection, so a caught-up read costs little
		int low = 0;
		int high = writes.size();
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (writes.get(middle).index() <= after) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		List<KvWrite> selected = new ArrayList<>();
		for (int i = low; i < writes.size() && writes.get(i).index() <= upTo; i++) {
			selected.add(writes.get(i));
		}
		return selected;
	}

	synchronized void clear() {
		this.times.clear();
		this.kvWrites.clear();
	}

	/**
	 * A write to a KV mount: its index and the request as the active node's backend received it.
	 */
	record KvWrite(long index, ApiRequest request) {

		@Override
		public String toString() {
			// the request holds secret values
			return "KvWrite[" + this.index + "]";
		}

	}

}
