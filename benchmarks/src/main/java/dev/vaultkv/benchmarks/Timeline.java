package dev.vaultkv.benchmarks;

import java.time.Duration;
import java.time.Instant;

/**
 * Milliseconds since the start of a run, from {@link System#nanoTime()} readings and from wall-clock
 * instants (H2's session starts, Vault's {@code last_vault_rotation}), which both come from this machine's
 * clock.
 *
 * @param originNanos {@code System.nanoTime()} at the start
 * @param originInstant the wall clock at the start
 * @since 0.1.0
 */
record Timeline(long originNanos, Instant originInstant) {

	static Timeline start() {
		return new Timeline(System.nanoTime(), Instant.now());
	}

	double now() {
		return millis(System.nanoTime());
	}

	double millis(long nanoTime) {
		return (nanoTime - this.originNanos) / 1_000_000.0;
	}

	double millis(Instant instant) {
		return Duration.between(this.originInstant, instant).toNanos() / 1_000_000.0;
	}

}
