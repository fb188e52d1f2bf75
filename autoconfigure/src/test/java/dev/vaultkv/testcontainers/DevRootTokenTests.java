package dev.vaultkv.testcontainers;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.vault.VaultContainer;

import dev.vaultkv.client.VaultToken;

import static org.assertj.core.api.Assertions.assertThat;

class DevRootTokenTests {

	@Test
	void vaultVariableComesFirst() {
		VaultToken token = DevRootToken.of(Map.of("VAULT_DEV_ROOT_TOKEN_ID", "vault-root", "BAO_DEV_ROOT_TOKEN_ID",
				"bao-root"));
		assertThat(token).isNotNull();
		assertThat(token.getToken()).isEqualTo("vault-root");
	}

	@Test
	void openBaoVariableIsUsedWithoutVaults() {
		VaultToken token = DevRootToken.of(Map.of("BAO_DEV_ROOT_TOKEN_ID", "bao-root"));
		assertThat(token).isNotNull();
		assertThat(token.getToken()).isEqualTo("bao-root");
		assertThat(DevRootToken.of(Map.of("VAULT_DEV_ROOT_TOKEN_ID", " "))).isNull();
	}

	@Test
	void openBaoContainerEnvironmentsYieldTheirToken() {
		// building a container needs no Docker engine; only starting one does
		GenericContainer<?> generic = new GenericContainer<>("openbao/openbao:2.6.2").withEnv("BAO_DEV_ROOT_TOKEN_ID",
				"generic-root");
		VaultContainer<?> asVault = new VaultContainer<>(
				DockerImageName.parse("openbao/openbao:2.6.2").asCompatibleSubstituteFor("hashicorp/vault"))
			.withEnv("BAO_DEV_ROOT_TOKEN_ID", "vault-container-root");
		assertThat(DevRootToken.of(generic.getEnvMap()).getToken()).isEqualTo("generic-root");
		assertThat(DevRootToken.of(asVault.getEnvMap()).getToken()).isEqualTo("vault-container-root");
	}

}
