package dev.vaultkv.secret;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.ResolvableType;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretConverterTests {

	private final SecretConverter converter = new SecretConverter(ApplicationConversionService.getSharedInstance(),
			JsonMapper.shared());

	private final SecretResolver resolver = new SecretResolver(new CachingSecretStore((location) -> switch (location
		.path()) {
		case "app/db" -> new VersionedSecret(SecretData.of(Map.of("port", "5432", "level", "WARN", "list", "a,b",
				"bad", "x1", "nested", Map.of("a", 1))), null);
		default -> null;
	}, SecretCacheSettings.defaults()), "secret", "value");

	private Object convert(String reference, ResolvableType type) {
		return this.converter.convert(this.resolver, SecretReference.parse(reference), type);
	}

	@Test
	void convertsSingleValues() {
		assertThat(convert("app/db:port", ResolvableType.forClass(int.class))).isEqualTo(5432);
		assertThat(convert("app/db:level", ResolvableType.forClass(Level.class))).isEqualTo(Level.WARN);
		assertThat(convert("app/db:list", ResolvableType.forClassWithGenerics(List.class, String.class)))
			.isEqualTo(List.of("a", "b"));
		assertThat(convert("app/db:nested", ResolvableType.forClass(String.class))).isEqualTo("{\"a\":1}");
	}

	@Test
	void optionalOfAbsentSecretIsEmpty() {
		assertThat(convert("app/none:x", ResolvableType.forClassWithGenerics(Optional.class, String.class)))
			.isEqualTo(Optional.empty());
	}

	@Test
	void absentSecretFails() {
		assertThatExceptionOfType(MissingSecretException.class)
			.isThrownBy(() -> convert("app/none:x", ResolvableType.forClass(String.class)))
			.withMessageContaining("app/none");
	}

	@Test
	void conversionFailureDoesNotRevealTheValue() {
		assertThatExceptionOfType(SecretConversionException.class)
			.isThrownBy(() -> convert("app/db:bad", ResolvableType.forClass(Duration.class)))
			.withMessageContaining("app/db:bad")
			.withMessageContaining("java.time.Duration")
			.withMessageNotContaining("x1")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void objectWhereSingleValueExpectedFails() {
		assertThatExceptionOfType(SecretConversionException.class)
			.isThrownBy(() -> convert("app/db:nested", ResolvableType.forClass(int.class)))
			.withMessageContaining("JSON object");
	}

	enum Level {

		INFO, WARN

	}

}
