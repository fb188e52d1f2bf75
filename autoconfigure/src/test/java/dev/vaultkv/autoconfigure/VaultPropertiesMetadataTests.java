package dev.vaultkv.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import dev.vaultkv.autoconfigure.VaultProperties.AuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the hand-written configuration metadata of {@link VaultProperties}.
 */
class VaultPropertiesMetadataTests {

	@Test
	void authenticationHintsNameEveryMethodWithADescription() throws IOException {
		JsonNode hint = authenticationHint();
		List<String> values = new ArrayList<>();
		for (JsonNode value : hint.get("values")) {
			values.add(value.get("value").asString());
			assertThat(value.path("description").asString()).as(value.get("value").asString()).isNotBlank();
		}
		List<String> methods = Arrays.stream(AuthenticationMethod.values())
			.map((method) -> method.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.toList();
		assertThat(values).containsExactlyInAnyOrderElementsOf(methods);
	}

	private JsonNode authenticationHint() throws IOException {
		try (InputStream input = new ClassPathResource("META-INF/additional-spring-configuration-metadata.json")
			.getInputStream()) {
			for (JsonNode hint : JsonMapper.shared().readTree(input).get("hints")) {
				if (hint.get("name").asString().equals("vault.authentication")) {
					return hint;
				}
			}
		}
		throw new AssertionError("No hint for vault.authentication");
	}

}
