package dev.vaultkv.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.vaultkv.client.AuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CredentialSource}.
 */
class CredentialSourceTests {

	@Test
	void valueIsCopied() {
		char[] value = "secret".toCharArray();
		CredentialSource source = CredentialSource.of(value);
		value[0] = 'X';
		assertThat(source.obtain("x")).isEqualTo("secret");
	}

	@Test
	void environmentVariableIsReadOnEveryCallAndNamedWhenMissing() {
		Map<String, String> environment = new HashMap<>();
		CredentialSource source = new CredentialSource.EnvironmentSource("LDAP_PASSWORD", environment::get);
		environment.put("LDAP_PASSWORD", " one\n");
		assertThat(source.obtain("LDAP password")).isEqualTo("one");
		environment.put("LDAP_PASSWORD", "two");
		assertThat(source.obtain("LDAP password")).isEqualTo("two");
		assertThat(source).hasToString("env:LDAP_PASSWORD");
		environment.put("LDAP_PASSWORD", " ");
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> source.obtain("LDAP password"))
			.withMessageContaining("'LDAP_PASSWORD' is empty");
		environment.remove("LDAP_PASSWORD");
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> source.obtain("LDAP password"))
			.withMessageContaining("The LDAP password environment variable 'LDAP_PASSWORD' is not set");
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialSource.ofEnvironmentVariable(" "));
	}

	@Test
	void emptyValuesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialSource.of(""));
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialSource.of(new char[0]));
	}

	@Test
	void fileIsReadOnEveryCallAndTrimmed(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("cred");
		Files.writeString(file, "  one\n");
		CredentialSource source = CredentialSource.ofFile(file);
		assertThat(source.obtain("x")).isEqualTo("one");
		Files.writeString(file, "two");
		assertThat(source.obtain("x")).isEqualTo("two");
	}

	@Test
	void emptyFileFailsClearly(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("cred");
		Files.writeString(file, "\n");
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> CredentialSource.ofFile(file).obtain("JWT"))
			.withMessage("The JWT file '" + file + "' is empty");
	}

	@Test
	void failingSupplierFailsClearlyWithoutItsMessage() {
		CredentialSource source = CredentialSource.of(() -> {
			throw new IllegalStateException("secret-in-message");
		});
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> source.obtain("JWT"))
			.withMessage("The supplier of the JWT failed (IllegalStateException)")
			.withCauseInstanceOf(IllegalStateException.class);
	}

}
