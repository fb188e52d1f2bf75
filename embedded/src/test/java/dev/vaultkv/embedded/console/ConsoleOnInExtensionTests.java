package dev.vaultkv.embedded.console;

import org.junit.jupiter.api.Test;

import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @EmbeddedVault(console = true)} serves the console.
 */
@EmbeddedVault(console = true)
class ConsoleOnInExtensionTests {

	@Test
	void consoleIsOn(EmbeddedVaultServer server) {
		assertThat(server.getConsoleAddress()).isNotNull();
		assertThat(new ConsoleHttp(server.getAddress()).send("GET", "/ui/", null, null).status()).isEqualTo(200);
	}

}
