package dev.vaultkv.embedded;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the HTTP contract against the embedded server in OpenBao flavour.
 */
class OpenBaoEmbeddedContractTests extends AbstractOpenBaoContractTests {

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.builder().flavour(Flavour.OPENBAO).start();
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
