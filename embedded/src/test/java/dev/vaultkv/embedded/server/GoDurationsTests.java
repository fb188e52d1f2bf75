package dev.vaultkv.embedded.server;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GoDurationsTests {

	@Test
	void parsesSecondsAndGoDurations() {
		assertThat(GoDurations.parse("300")).isEqualTo(Duration.ofMinutes(5));
		assertThat(GoDurations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(GoDurations.parse("1h30m10s")).isEqualTo(Duration.ofSeconds(5410));
		assertThat(GoDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDurations.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
		assertThat(GoDurations.parse("2d")).isEqualTo(Duration.ofHours(48));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("soon"))
			.withMessage("time: invalid duration \"soon\"");
	}

	@Test
	void formatsLikeVaultHumanDurations() {
		assertThat(GoDurations.format(Duration.ofHours(1))).isEqualTo("1h");
		assertThat(GoDurations.format(Duration.ofSeconds(723))).isEqualTo("12m3s");
		assertThat(GoDurations.format(Duration.ofHours(768))).isEqualTo("768h");
		assertThat(GoDurations.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(GoDurations.format(Duration.ofSeconds(3601))).isEqualTo("1h1s");
	}

}
