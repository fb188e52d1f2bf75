package dev.vaultkv.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.ReplicationStateStore;
import dev.vaultkv.embedded.cluster.ClusterNode;
import dev.vaultkv.embedded.cluster.EmbeddedVaultCluster;
import dev.vaultkv.sys.SysTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VaultHealthIndicator} against each node of the embedded cluster: Vault's own default codes for a
 * standby (429) and a performance standby (473) would read as failures, so the indicator asks
 * {@code sys/health} with {@code standbyok} and {@code perfstandbyok}, and both kinds of standby are
 * {@code UP}.
 */
class VaultHealthIndicatorClusterTests {

	private static EmbeddedVaultCluster cluster;

	@BeforeAll
	static void start() {
		cluster = EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(1).start();
	}

	@AfterAll
	static void stop() {
		cluster.close();
	}

	private static Health health(ClusterNode node) {
		DefaultVaultClient client = DefaultVaultClient.builder(node.address())
			.readYourWrites(new ReplicationStateStore())
			.build();
		return VaultHealthIndicator.builder(new SysTemplate(client)).cacheTtl(Duration.ZERO).build().health();
	}

	private static int defaultHealthCode(ClusterNode node) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(node.address() + "/v1/sys/health")).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@Test
	void activeNodeIsUp() throws Exception {
		ClusterNode active = cluster.node(0);
		assertThat(defaultHealthCode(active)).isEqualTo(200);
		Health health = health(active);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("standby", false).doesNotContainKey("performanceStandby");
	}

	@Test
	void performanceStandbyIsUpThoughVaultsDefaultCodeIs473() throws Exception {
		ClusterNode perf = cluster.node(1);
		assertThat(defaultHealthCode(perf)).isEqualTo(473);
		Health health = health(perf);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("standby", true).containsEntry("performanceStandby", true);
	}

	@Test
	void standbyIsUpThoughVaultsDefaultCodeIs429() throws Exception {
		ClusterNode standby = cluster.node(2);
		assertThat(defaultHealthCode(standby)).isEqualTo(429);
		Health health = health(standby);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("standby", true).doesNotContainKey("performanceStandby");
	}

	@Test
	void standbyThatCannotReachTheActiveNodeIsDown() throws Exception {
		ClusterNode standby = cluster.node(2);
		standby.partition();
		try {
			assertThat(defaultHealthCode(standby)).isEqualTo(474);
			Health health = health(standby);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("standby", true)
				.containsEntry("reason", "This Vault standby cannot reach the active node");
		}
		finally {
			standby.heal();
		}
		assertThat(health(standby).getStatus()).isEqualTo(Status.UP);
	}

}
