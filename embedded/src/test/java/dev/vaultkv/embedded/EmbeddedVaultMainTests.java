package dev.vaultkv.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command-line entry point, run in-process.
 */
class EmbeddedVaultMainTests {

	private static final Pattern READY = Pattern.compile(
			"vaultkv embedded Vault listening on (http://127\\.0\\.0\\.1:\\d+) \\(root token: my-root\\) - for development and tests only");

	@Test
	void printsTheReadyLineFirstAndServes() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (EmbeddedVaultServer server = EmbeddedVaultMain.start(new String[] { "--port", "0", "--root-token", "my-root" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			String printed = output.toString(StandardCharsets.UTF_8);
			// the ready line, then the console's link
			assertThat(printed.lines()).hasSize(2);
			Matcher matcher = READY.matcher(printed.lines().findFirst().orElseThrow());
			assertThat(matcher.matches()).as(printed).isTrue();
			assertThat(matcher.group(1)).isEqualTo(server.getAddress().toString());
			assertThat(new VaultHttp(server.getAddress()).get("auth/token/lookup-self", "my-root").status()).isEqualTo(200);
		}
	}

	@Test
	void flavourOptionStartsAnOpenBaoServer() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (EmbeddedVaultServer server = EmbeddedVaultMain.start(
				new String[] { "--port", "0", "--root-token", "my-root", "--flavour", "openbao", "--no-console" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			assertThat(server.flavour()).isEqualTo(Flavour.OPENBAO);
			assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("vaultkv embedded OpenBao listening on ");
			assertThat(new VaultHttp(server.getAddress()).get("sys/health", null).json().path("version").asString())
				.isEqualTo("2.6.2");
		}
	}

	@Test
	void rejectsBadArguments() {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--port", "x" }, out))
			.withMessageContaining("Invalid port 'x'");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--bogus", "1" }, out))
			.withMessageContaining("Unknown option --bogus");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--port" }, out))
			.withMessageContaining("Missing value for --port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultMain.start(new String[] { "--flavour", "consul" }, out))
			.withMessage("Unknown flavour 'consul': use 'vault' or 'openbao'");
	}

}
