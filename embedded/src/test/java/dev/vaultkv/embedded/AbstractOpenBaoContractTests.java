package dev.vaultkv.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract of an OpenBao server: the common contract plus what only OpenBao serves, such as
 * namespaces in its community edition (Vault's community edition has none, so these cases cannot be part of
 * the contract every server is held to).
 */
abstract class AbstractOpenBaoContractTests extends AbstractVaultContractTests {

	@Override
	protected Flavour flavour() {
		return Flavour.OPENBAO;
	}

	@Test
	void openBaoNamespacesCarryUuidLockAndTaintAndUnknownOnesAreNotFound() {
		String name = unique("ns");
		VaultHttp.Reply created = this.http.post("sys/namespaces/" + name, rootToken(), "{}");
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		assertThat(created.data().path("path").asString()).isEqualTo(name + "/");
		assertThat(created.data().path("uuid").asString()).isNotEmpty();
		assertThat(created.data().path("locked").asBoolean(true)).isFalse();
		assertThat(created.data().path("tainted").asBoolean(true)).isFalse();
		VaultHttp.Reply inside = this.http.call("GET", "sys/mounts").token(rootToken())
			.header("X-Vault-Namespace", name)
			.send();
		assertThat(inside.status()).isEqualTo(200);
		VaultHttp.Reply unknown = this.http.call("GET", "secret/data/x").token(rootToken())
			.header("X-Vault-Namespace", name + "-missing")
			.send();
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.firstError()).isEqualTo("namespace not found");
		assertThat(this.http.delete("sys/namespaces/" + name, rootToken()).status()).isIn(200, 204);
	}

}
