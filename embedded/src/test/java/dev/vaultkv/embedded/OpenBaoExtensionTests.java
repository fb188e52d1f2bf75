package dev.vaultkv.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EmbeddedVault} starts an OpenBao-flavoured server on request.
 */
@EmbeddedVault(flavour = Flavour.OPENBAO)
class OpenBaoExtensionTests {

	@Test
	void injectsAnOpenBaoServer(EmbeddedVaultServer server) {
		assertThat(server.flavour()).isEqualTo(Flavour.OPENBAO);
		VaultHttp.Reply status = new VaultHttp(server.getAddress()).get("sys/seal-status", null);
		assertThat(status.json().path("version").asString()).isEqualTo("2.6.2");
		assertThat(status.json().has("commit_date")).isTrue();
	}

}
