package dev.vaultkv.embedded.console;

import org.junit.jupiter.api.Test;

import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @EmbeddedVault} leaves the console off unless asked.
 */
@EmbeddedVault
class ConsoleOffInExtensionTests {

	@Test
	void consoleIsOff(EmbeddedVaultServer server) {
		assertThat(server.getConsoleAddress()).isNull();
		assertThat(new ConsoleHttp(server.getAddress()).send("GET", "/ui/", null, null).status()).isEqualTo(404);
	}

}
