package dev.vaultkv.embedded;

import java.net.URI;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.vault.VaultContainer;

/**
 * Runs the HTTP contract against a real Vault dev server in a container, so that the embedded server is
 * held to what Vault answers. Skipped, not failed, where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class VaultContainerContractIntegrationTests extends AbstractVaultContractTests {

	private static final String ROOT_TOKEN = "contract-root";

	@Container
	static final VaultContainer<?> vault = new VaultContainer<>("hashicorp/vault:1.19").withVaultToken(ROOT_TOKEN);

	@Override
	protected URI address() {
		return URI.create(vault.getHttpHostAddress());
	}

	@Override
	protected String rootToken() {
		return ROOT_TOKEN;
	}

}
