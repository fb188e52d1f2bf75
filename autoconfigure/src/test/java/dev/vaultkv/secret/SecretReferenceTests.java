package dev.vaultkv.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretReferenceTests {

	@Test
	void pathAndKey() {
		SecretReference reference = SecretReference.parse("myapp/db:password");
		assertThat(reference.mount()).isNull();
		assertThat(reference.path()).isEqualTo("myapp/db");
		assertThat(reference.key()).isEqualTo("password");
		assertThat(reference.version()).isZero();
		assertThat(reference.location("secret")).isEqualTo(new SecretLocation("secret", "myapp/db", 0));
	}

	@Test
	void pathOnlyUsesDefaultKey() {
		SecretReference reference = SecretReference.parse("myapp/db");
		assertThat(reference.key()).isNull();
		assertThat(reference.keyOrDefault("value")).isEqualTo("value");
	}

	@Test
	void mountVersionAndKey() {
		SecretReference reference = SecretReference.parse("team/kv//myapp/db#3:password");
		assertThat(reference.mount()).isEqualTo("team/kv");
		assertThat(reference.path()).isEqualTo("myapp/db");
		assertThat(reference.version()).isEqualTo(3);
		assertThat(reference.key()).isEqualTo("password");
		assertThat(reference).hasToString("team/kv//myapp/db#3:password");
	}

	@Test
	void keyIsAfterLastColon() {
		SecretReference reference = SecretReference.parse("my:app/db:password");
		assertThat(reference.path()).isEqualTo("my:app/db");
		assertThat(reference.key()).isEqualTo("password");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "myapp/db:", "//myapp/db", "myapp/db#:k", "myapp/db#0:k", "myapp/db#x:k",
			"myapp/../db:k", "myapp/db/:k", "#3:k", " myapp/db:k", "myapp/db:k/x", "a//b//c:k" })
	void rejectsMalformed(String reference) {
		assertThatExceptionOfType(InvalidSecretReferenceException.class)
			.isThrownBy(() -> SecretReference.parse(reference))
			.withMessageContaining("Invalid secret reference")
			.withMessageContaining("Expected [mount//]path[#version][:key]");
	}

}
