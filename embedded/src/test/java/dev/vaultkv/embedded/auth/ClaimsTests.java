package dev.vaultkv.embedded.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClaimsTests {

	private final ObjectNode claims = TestMountContext.json("""
			{"sub":"alice","groups":["dev","ops"],"admin":true,"level":5,
			 "org":{"team":"payments","id":"t-1"},"env":"prod-eu"}""");

	@Test
	void boundStringClaims() {
		assertThat(Claims.checkBoundClaims(TestMountContext.json("{\"groups\":[\"ops\",\"x\"],\"admin\":true}"),
				false, this.claims)).isNull();
		assertThat(Claims.checkBoundClaims(TestMountContext.json("{\"groups\":\"qa\"}"), false, this.claims))
			.isEqualTo("claim \"groups\" does not match any associated bound claim values");
		assertThat(Claims.checkBoundClaims(TestMountContext.json("{\"missing\":\"x\"}"), false, this.claims))
			.isEqualTo("claim \"missing\" is missing");
	}

	@Test
	void numbersAndStringsAreDifferentTypes() {
		assertThat(Claims.checkBoundClaims(TestMountContext.json("{\"level\":5}"), false, this.claims)).isNull();
		assertThat(Claims.checkBoundClaims(TestMountContext.json("{\"level\":\"5\"}"), false, this.claims))
			.isNotNull();
	}

	@Test
	void globsAndJsonPointers() {
		assertThat(Claims.checkBoundClaims(TestMountContext.json("{\"env\":\"prod-*\",\"/org/team\":\"pay*\"}"),
				true, this.claims)).isNull();
		assertThat(Claims.checkBoundClaims(TestMountContext.json("{\"env\":\"dev-*\"}"), true, this.claims))
			.isNotNull();
		assertThat(Claims.checkBoundClaims(TestMountContext.json("{\"env\":\"prod-*\"}"), false, this.claims))
			.isNotNull();
	}

	@Test
	void claimMappings() {
		assertThat(Claims.mapClaims(this.claims, Map.of("/org/team", "team", "sub", "user", "absent", "x")))
			.containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "user", "alice"));
		assertThatExceptionOfType(AuthRequestException.class)
			.isThrownBy(() -> Claims.mapClaims(this.claims, Map.of("level", "level")))
			.withMessage("error converting claim 'level' to string");
	}

}
