package dev.vaultkv.embedded;

import java.net.URI;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Runs the HTTP contract against a real OpenBao dev server in a container, so that the embedded server's
 * OpenBao flavour is held to what OpenBao answers. Skipped, not failed, where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class OpenBaoContainerContractIntegrationTests extends AbstractOpenBaoContractTests {

	private static final String ROOT_TOKEN = "contract-root";

	private static final int PORT = 8200;

	// the image's entry point starts "bao server -dev" with BAO_DEV_ROOT_TOKEN_ID as the root token
	@Container
	static final GenericContainer<?> openBao = new GenericContainer<>("openbao/openbao:2.6.2")
		.withEnv("BAO_DEV_ROOT_TOKEN_ID", ROOT_TOKEN)
		.withExposedPorts(PORT)
		.waitingFor(Wait.forHttp("/v1/sys/health").forStatusCode(200));

	@Override
	protected URI address() {
		return URI.create("http://" + openBao.getHost() + ":" + openBao.getMappedPort(PORT));
	}

	@Override
	protected String rootToken() {
		return ROOT_TOKEN;
	}

}
