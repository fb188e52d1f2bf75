package dev.vaultkv.testsupport;

import java.time.Duration;
import java.time.Instant;

import dev.vaultkv.embedded.ControllableClock;

/**
 * A {@link DrivenScheduler} on the embedded server's frozen {@link ControllableClock}, so that
 * advancing it moves the server's time too.
 */
public class ServerClockScheduler extends DrivenScheduler {

	private final ControllableClock clock;

	public ServerClockScheduler(ControllableClock clock) {
		this.clock = clock;
	}

	@Override
	public Instant now() {
		return this.clock.instant();
	}

	@Override
	public void moveTo(Instant instant) {
		Duration step = Duration.between(this.clock.instant(), instant);
		if (!step.isNegative()) {
			this.clock.advance(step);
		}
	}

}
