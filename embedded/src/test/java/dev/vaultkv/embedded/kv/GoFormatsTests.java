package dev.vaultkv.embedded.kv;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link GoDurations}, {@link VaultTimestamps} and {@link GoStrings}.
 */
class GoFormatsTests {

	@Test
	void durationsFormatLikeGo() {
		assertThat(GoDurations.format(0)).isEqualTo("0s");
		assertThat(GoDurations.format(-1)).isEqualTo("-1s");
		assertThat(GoDurations.format(45)).isEqualTo("45s");
		assertThat(GoDurations.format(90)).isEqualTo("1m30s");
		assertThat(GoDurations.format(3600)).isEqualTo("1h0m0s");
		assertThat(GoDurations.format(2764800)).isEqualTo("768h0m0s");
	}

	@Test
	void durationsParseLikeGo() {
		assertThat(GoDurations.parseNanos("1h30m")).isEqualTo(5_400_000_000_000L);
		assertThat(GoDurations.parseNanos("1.5s")).isEqualTo(1_500_000_000L);
		assertThat(GoDurations.parseNanos("-2m")).isEqualTo(-120_000_000_000L);
		assertThat(GoDurations.parseNanos("0")).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parseNanos("10"))
			.withMessage("time: missing unit in duration \"10\"");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parseNanos("5y"))
			.withMessage("time: unknown unit \"y\" in duration \"5y\"");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parseNanos("soon"))
			.withMessage("time: invalid duration \"soon\"");
	}

	@Test
	void timestampsTrimTrailingZeros() {
		assertThat(VaultTimestamps.format(Instant.parse("2024-05-02T09:14:07.118294Z")))
			.isEqualTo("2024-05-02T09:14:07.118294Z");
		assertThat(VaultTimestamps.format(Instant.parse("2024-05-02T09:14:07.100Z")))
			.isEqualTo("2024-05-02T09:14:07.1Z");
		assertThat(VaultTimestamps.format(Instant.parse("2024-05-02T09:14:07Z"))).isEqualTo("2024-05-02T09:14:07Z");
		assertThat(VaultTimestamps.format(Instant.parse("2024-05-02T09:14:07.000000009Z")))
			.isEqualTo("2024-05-02T09:14:07.000000009Z");
		assertThat(VaultTimestamps.format(null)).isEmpty();
	}

	@Test
	void quoteAndPrintable() {
		assertThat(GoStrings.quote("a\"b\u0001")).isEqualTo("\"a\\\"b\\x01\"");
		assertThat(GoStrings.isPrintable("caf\u00e9 ok-1")).isTrue();
		assertThat(GoStrings.isPrintable("tab\t")).isFalse();
		assertThat(GoStrings.isPrintable("nbsp\u00a0")).isFalse();
	}

}
