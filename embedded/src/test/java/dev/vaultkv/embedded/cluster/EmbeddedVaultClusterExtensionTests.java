package dev.vaultkv.embedded.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WithEmbeddedVaultCluster}.
 */
@WithEmbeddedVaultCluster(nodes = 3, performanceStandbys = 2, replicationLagMillis = 1500,
		electionDelayMillis = 500, resetBetweenTests = true)
class EmbeddedVaultClusterExtensionTests {

	private final EmbeddedVaultCluster injected;

	EmbeddedVaultClusterExtensionTests(EmbeddedVaultCluster injected) {
		this.injected = injected;
	}

	@Test
	void injectsTheConfiguredCluster(EmbeddedVaultCluster cluster) {
		assertThat(cluster).isSameAs(this.injected);
		assertThat(cluster.addresses()).hasSize(3).doesNotHaveDuplicates();
		assertThat(cluster.node(0).role()).isEqualTo(NodeRole.ACTIVE);
		assertThat(cluster.node(1).role()).isEqualTo(NodeRole.PERFORMANCE_STANDBY);
		assertThat(cluster.node(2).role()).isEqualTo(NodeRole.PERFORMANCE_STANDBY);
	}

	@Test
	void appliesTheLagAndElectionDelay(EmbeddedVaultCluster cluster) {
		cluster.clock().freeze();
		ClusterHttp.post(cluster.node(0), "secret/data/app", cluster.getRootToken(), "{\"data\":{\"a\":\"1\"}}");
		assertThat(ClusterHttp.get(cluster.node(1), "secret/data/app", cluster.getRootToken()).status())
			.isEqualTo(404);
		cluster.clock().advance(Duration.ofMillis(1500));
		assertThat(ClusterHttp.get(cluster.node(1), "secret/data/app", cluster.getRootToken()).status())
			.isEqualTo(200);
		cluster.stepDown();
		cluster.clock().advance(Duration.ofMillis(500));
		assertThat(cluster.active()).isSameAs(cluster.node(1));
	}

	@Test
	void resetsBetweenTests(EmbeddedVaultCluster cluster) {
		assertThat(cluster.active()).isSameAs(cluster.node(0));
		assertThat(cluster.index()).isZero();
	}

	@Nested
	class Inner {

		@Test
		void sharesTheOuterCluster(EmbeddedVaultCluster cluster) {
			assertThat(cluster).isSameAs(EmbeddedVaultClusterExtensionTests.this.injected);
		}

	}

}
