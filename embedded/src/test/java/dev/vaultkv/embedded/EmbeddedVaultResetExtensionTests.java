package dev.vaultkv.embedded;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EmbeddedVault#resetBetweenTests()}.
 */
@EmbeddedVault(resetBetweenTests = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedVaultResetExtensionTests {

	@Test
	@Order(1)
	void writes(EmbeddedVaultServer server) {
		assertThat(new VaultHttp(server.getAddress()).post("sys/policies/acl/temp", "root",
				"{\"policy\":\"path \\\"x\\\" { capabilities = [\\\"read\\\"] }\"}").status()).isEqualTo(204);
	}

	@Test
	@Order(2)
	void seesFreshServer(EmbeddedVaultServer server) {
		assertThat(new VaultHttp(server.getAddress()).get("sys/policies/acl/temp", "root").status()).isEqualTo(404);
	}

}
