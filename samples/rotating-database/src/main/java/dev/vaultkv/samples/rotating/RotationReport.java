package dev.vaultkv.samples.rotating;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.samples.rotating.PasswordRotator.Rotation;

/**
 * What a run measured.
 *
 * @param plannedRotations the rotations asked for
 * @param rotations the rotations done
 * @param queries what the workers measured
 * @param failure why the run stopped early, if it did
 * @param passwordsEnforced whether the database refuses a wrong password
 */
record RotationReport(int plannedRotations, List<Rotation> rotations, QueryLoad.Result queries,
		@Nullable String failure, boolean passwordsEnforced) {

	/**
	 * Return whether every rotation was done and no query failed.
	 * @return whether the run succeeded
	 */
	boolean succeeded() {
		return this.failure == null && this.rotations.size() == this.plannedRotations && this.queries.failures() == 0;
	}

	double steadyP99Millis() {
		return QueryLoad.Result.percentileMillis(this.queries.steadyNanos(), 99);
	}

	double rotatingP99Millis() {
		return QueryLoad.Result.percentileMillis(this.queries.rotatingNanos(), 99);
	}

	String summary() {
		double[] settle = this.rotations.stream().mapToDouble(Rotation::millis).sorted().toArray();
		StringBuilder summary = new StringBuilder();
		summary.append(String.format(Locale.ROOT,
				"rotations: %d, queries: %d, failed queries: %d, p99 query latency steady / during rotation: "
						+ "%.2f ms / %.2f ms (%.2fx)",
				this.rotations.size(), this.queries.queries(), this.queries.failures(), steadyP99Millis(),
				rotatingP99Millis(), rotatingP99Millis() / steadyP99Millis()));
		summary.append(String.format(Locale.ROOT,
				"%nqueries steady / during rotation: %d / %d; rotation to first connection with the new password: "
						+ "median %.1f ms, max %.1f ms",
				this.queries.steadyNanos().length, this.queries.rotatingNanos().length, percentile(settle, 50),
				percentile(settle, 100)));
		if (!this.passwordsEnforced) {
			summary.append("\nthe database accepts any password (pg_hba.conf trust?): the rotations were followed, "
					+ "but an old password would work too");
		}
		summary.append(succeeded() ? "\nOK: no query failed"
				: "\nFAILED: " + ((this.failure != null) ? this.failure
						: (this.queries.failures() > 0) ? this.queries.failures() + " queries failed"
								: this.rotations.size() + " of " + this.plannedRotations + " rotations done"));
		return summary.toString();
	}

	private static double percentile(double[] sorted, double percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
