package dev.vaultkv.embedded.auth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GoDurationsTests {

	@Test
	void parsesSecondsAndGoDurations() {
		assertThat(GoDurations.parse("300")).isEqualTo(Duration.ofSeconds(300));
		assertThat(GoDurations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(GoDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDurations.parse("2d")).isEqualTo(Duration.ofDays(2));
		assertThat(GoDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(GoDurations.parse("")).isEqualTo(Duration.ZERO);
	}

	@Test
	void rejectsGarbage() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("5 minutes"));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("h"));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("10x"));
	}

}
