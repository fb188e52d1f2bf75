package dev.vaultkv.embedded.cluster;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The clock of a replica backend: the cluster clock, except while a write is replayed, when it shows the
 * time the active node applied the write (so versions get the same creation times on every node).
 *
 * @author vaultkv
 */
final class ReplayClock extends Clock {

	private final Clock base;

	private final ThreadLocal<Instant> replaying = new ThreadLocal<>();

	ReplayClock(Clock base) {
		this.base = base;
	}

	<T> T at(Instant time, Supplier<T> action) {
		this.replaying.set(time);
		try {
			return action.get();
		}
		finally {
			this.replaying.remove();
		}
	}

	@Override
	public Instant instant() {
		Instant replay = this.replaying.get();
		return (replay != null) ? replay : this.base.instant();
	}

	@Override
	public ZoneId getZone() {
		return this.base.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this.base.withZone(zone);
	}

}
