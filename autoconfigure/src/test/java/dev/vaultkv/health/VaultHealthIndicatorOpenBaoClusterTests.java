package dev.vaultkv.health;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.embedded.cluster.ClusterNode;
import dev.vaultkv.embedded.cluster.EmbeddedVaultCluster;
import dev.vaultkv.sys.SysTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VaultHealthIndicator} against each node of an OpenBao-flavoured embedded cluster: OpenBao's
 * standbys serve reads but answer {@code sys/health} as plain standbys (429 unless {@code standbyok}, no
 * performance standby fields), and the indicator reads them as {@code UP}.
 */
class VaultHealthIndicatorOpenBaoClusterTests {

	private static EmbeddedVaultCluster cluster;

	@BeforeAll
	static void start() {
		cluster = EmbeddedVaultCluster.builder().flavour(Flavour.OPENBAO).nodes(2).start();
	}

	@AfterAll
	static void stop() {
		cluster.close();
	}

	private static Health health(ClusterNode node) {
		DefaultVaultClient client = DefaultVaultClient.builder(node.address()).build();
		return VaultHealthIndicator.builder(new SysTemplate(client)).cacheTtl(Duration.ZERO).build().health();
	}

	@Test
	void activeNodeIsUpWithOpenBaosVersion() {
		Health health = health(cluster.node(0));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("standby", false)
			.containsEntry("version", "2.6.2")
			.doesNotContainKey("performanceStandby");
	}

	@Test
	void readEnabledStandbyIsUpAsAPlainStandby() {
		Health health = health(cluster.node(1));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("standby", true).doesNotContainKey("performanceStandby");
	}

}
