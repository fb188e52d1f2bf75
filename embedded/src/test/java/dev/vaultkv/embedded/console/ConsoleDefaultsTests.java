package dev.vaultkv.embedded.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.vaultkv.embedded.EmbeddedVaultMain;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is off by default in the Java builder and on by default on the command line.
 */
class ConsoleDefaultsTests {

	@Test
	void builderLeavesTheConsoleOffByDefault() {
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder().start()) {
			assertThat(server.getConsoleAddress()).isNull();
			ConsoleHttp http = new ConsoleHttp(server.getAddress());
			assertThat(http.send("GET", "/ui/", null, null).status()).isEqualTo(404);
			assertThat(http.send("GET", "/ui/api/clock", server.getRootToken(), null).status()).isEqualTo(404);
		}
	}

	@Test
	void builderServesTheConsoleWhenAsked() {
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder().console(true).start()) {
			assertThat(server.getConsoleAddress()).hasToString(server.getAddress() + "/ui/");
			assertThat(new ConsoleHttp(server.getAddress()).send("GET", "/ui/", null, null).status()).isEqualTo(200);
		}
	}

	@Test
	void commandLineServesTheConsoleAndPrintsItsLink() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (EmbeddedVaultServer server = EmbeddedVaultMain.start(new String[] { "--port", "0", "--root-token", "cli-root" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			assertThat(output.toString(StandardCharsets.UTF_8).lines())
				.contains("Console: " + server.getAddress() + "/ui/#token=cli-root");
			assertThat(new ConsoleHttp(server.getAddress()).send("GET", "/ui/", null, null).status()).isEqualTo(200);
		}
	}

	@Test
	void commandLineTurnsTheConsoleOffWithNoConsole() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (EmbeddedVaultServer server = EmbeddedVaultMain.start(new String[] { "--port", "0", "--no-console" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			assertThat(server.getConsoleAddress()).isNull();
			assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("Console:");
			assertThat(new ConsoleHttp(server.getAddress()).send("GET", "/ui/", null, null).status()).isEqualTo(404);
		}
	}

}
