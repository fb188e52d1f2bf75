package dev.vaultkv.embedded;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.vaultkv.embedded.spi.BackendRegistry;

/**
 * Runs the HTTP contract against the embedded server.
 */
class EmbeddedVaultContractTests extends AbstractVaultContractTests {

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void start() {
		EmbeddedVaultServer.Builder builder = EmbeddedVaultServer.builder();
		if (BackendRegistry.withDefaults().secretEngine("kv") == null) {
			builder.secretEngine("kv", TestKvBackend::new);
		}
		server = builder.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Override
	protected URI address() {
		return server.getAddress();
	}

	@Override
	protected String rootToken() {
		return server.getRootToken();
	}

}
