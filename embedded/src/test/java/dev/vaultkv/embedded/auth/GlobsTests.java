package dev.vaultkv.embedded.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlobsTests {

	@Test
	void matchesLikeVault() {
		assertThat(Globs.matches("*", "anything")).isTrue();
		assertThat(Globs.matches("*", "")).isTrue();
		assertThat(Globs.matches("app", "app")).isTrue();
		assertThat(Globs.matches("app", "app2")).isFalse();
		assertThat(Globs.matches("app-*", "app-web")).isTrue();
		assertThat(Globs.matches("app-*", "my-app-web")).isFalse();
		assertThat(Globs.matches("*-prod", "web-prod")).isTrue();
		assertThat(Globs.matches("*-prod", "web-prod-2")).isFalse();
		assertThat(Globs.matches("team-*-prod", "team-a-prod")).isTrue();
		assertThat(Globs.matches("team-*-prod", "team-prod")).isFalse();
		assertThat(Globs.matches("a*b*c", "abc")).isTrue();
		assertThat(Globs.matches("a*b*c", "axxbyyc")).isTrue();
		assertThat(Globs.matches("a*b*c", "axxcyyb")).isFalse();
		assertThat(Globs.matches("a?c", "abc")).isFalse();
	}

	@Test
	void anyMatches() {
		assertThat(Globs.anyMatches(List.of("dev", "team-*"), "team-x")).isTrue();
		assertThat(Globs.anyMatches(List.of("dev", "team-*"), "prod")).isFalse();
	}

}
