package dev.vaultkv.embedded;

import org.junit.jupiter.api.Test;

/**
 * The other class sharing a server.
 */
@EmbeddedVault(shared = true)
class SharedServerTwoTests {

	@Test
	void seesTheSameSharedServer(EmbeddedVaultServer server) {
		SharedServers.check(server);
	}

}
