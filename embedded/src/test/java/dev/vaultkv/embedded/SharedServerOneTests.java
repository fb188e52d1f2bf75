package dev.vaultkv.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of two classes sharing a server.
 */
@EmbeddedVault(shared = true)
class SharedServerOneTests {

	@Test
	void recordsTheSharedServer(EmbeddedVaultServer server) {
		SharedServers.check(server);
	}

}

/**
 * Remembers the first shared server seen and checks every later one is the same.
 */
final class SharedServers {

	private static EmbeddedVaultServer first;

	private SharedServers() {
	}

	static synchronized void check(EmbeddedVaultServer server) {
		assertThat(server.isClosed()).isFalse();
		if (first == null) {
			first = server;
		}
		assertThat(server).isSameAs(first);
	}

}
