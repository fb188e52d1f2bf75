package dev.vaultkv.embedded.cluster;

import org.junit.jupiter.api.Test;

import dev.vaultkv.embedded.Flavour;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WithEmbeddedVaultCluster} starts an OpenBao-flavoured cluster on request.
 */
@WithEmbeddedVaultCluster(nodes = 2, flavour = Flavour.OPENBAO)
class OpenBaoClusterExtensionTests {

	@Test
	void injectsAnOpenBaoCluster(EmbeddedVaultCluster cluster) {
		assertThat(cluster.flavour()).isEqualTo(Flavour.OPENBAO);
		assertThat(cluster.node(1).role()).isEqualTo(NodeRole.STANDBY);
		ClusterHttp.Reply health = ClusterHttp.get(cluster.node(0), "sys/health", null);
		assertThat(health.json().path("version").asString()).isEqualTo("2.6.2");
	}

}
