package dev.vaultkv.kv;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link GoDurations}.
 */
class GoDurationsTests {

	@Test
	void parsesGoDurations() {
		assertThat(GoDurations.parse("0s")).isZero();
		assertThat(GoDurations.parse("0")).isZero();
		assertThat(GoDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDurations.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
		assertThat(GoDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDurations.parse("768h0m0s")).isEqualTo(Duration.ofHours(768));
		assertThat(GoDurations.parse("1m0.5s")).isEqualTo(Duration.ofMillis(60_500));
		assertThat(GoDurations.parse("300ms")).isEqualTo(Duration.ofMillis(300));
		assertThat(GoDurations.parse("2us")).isEqualTo(Duration.ofNanos(2_000));
		assertThat(GoDurations.parse("5ns")).isEqualTo(Duration.ofNanos(5));
	}

	@Test
	void parsesPlainSeconds() {
		assertThat(GoDurations.parse("3600")).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void rejectsGarbage() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("")).withMessageContaining("duration");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("1.2.3s"))
			.withMessageContaining("bad number");
	}

	@Test
	void rejectsMissingOrUnknownUnits() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("1h5"))
			.withMessageContaining("unit is missing");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("5d"))
			.withMessageContaining("unknown unit 'd'");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("h"))
			.withMessageContaining("number is missing");
	}

	@Test
	void formatsSecondsOrNanoseconds() {
		assertThat(GoDurations.format(Duration.ofMinutes(90))).isEqualTo("5400s");
		assertThat(GoDurations.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(GoDurations.format(Duration.ofSeconds(-1))).isEqualTo("-1s");
		assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1500000000ns");
		assertThat(GoDurations.parse(GoDurations.format(Duration.ofMillis(-1500)))).isEqualTo(Duration.ofMillis(-1500));
	}

}
