package dev.vaultkv.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link DrivenScheduler} with its own clock, which moves only when the scheduler is advanced.
 */
public class ManualScheduler extends DrivenScheduler {

	public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Override
	public Instant now() {
		return this.clock.instant();
	}

	@Override
	public void moveTo(Instant instant) {
		this.clock.set(instant);
	}

	public static final class MutableClock extends Clock {

		private volatile Instant instant;

		public MutableClock(Instant instant) {
			this.instant = instant;
		}

		public void set(Instant instant) {
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
