package dev.vaultkv.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the auth package free of Spring Boot, so that it can be used with Spring Framework alone.
 */
class AuthArchitectureTests {

	@Test
	void authSourcesDoNotReferToSpringBoot() throws IOException {
		Path sources = Path.of("src/main/java/dev/vaultkv/auth");
		assertThat(sources).isDirectory();
		List<Path> offending;
		try (Stream<Path> files = Files.list(sources)) {
			offending = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> read(file).contains("org.springframework.boot"))
				.toList();
		}
		assertThat(offending).isEmpty();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
