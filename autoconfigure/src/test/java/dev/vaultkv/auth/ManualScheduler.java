package dev.vaultkv.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link DrivenScheduler} with its own clock, which moves only when the scheduler is advanced.
 */
class ManualScheduler extends DrivenScheduler {

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Override
	Instant now() {
		return this.clock.instant();
	}

	@Override
	void moveTo(Instant instant) {
		this.clock.set(instant);
	}

	static final class MutableClock extends Clock {

		private volatile Instant instant;

		MutableClock(Instant instant) {
			this.instant = instant;
		}

		void set(Instant instant) {
			this.instant = instant;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

	}

}
