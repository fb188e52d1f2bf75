package dev.vaultkv.embedded.cluster;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.Flavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EmbeddedVaultCluster} in OpenBao flavour: read-enabled standbys, no performance standbys,
 * no {@code X-Vault-Index}, OpenBao's health and leader answers. Driven by the cluster clock.
 */
class OpenBaoClusterTests {

	private static final String ROOT = "root";

	private EmbeddedVaultCluster cluster;

	@AfterEach
	void close() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	private EmbeddedVaultCluster start(EmbeddedVaultCluster.Builder builder) {
		ControllableClock clock = new ControllableClock();
		clock.freezeAt(Instant.parse("2026-01-01T00:00:00Z"));
		this.cluster = builder.flavour(Flavour.OPENBAO).clock(clock).start();
		return this.cluster;
	}

	private static ClusterHttp.Reply write(ClusterNode node, String value) {
		ClusterHttp.Reply reply = ClusterHttp.post(node, "secret/data/app", ROOT,
				"{\"data\":{\"password\":\"" + value + "\"}}");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply;
	}

	private static String readPassword(ClusterNode node) {
		ClusterHttp.Reply reply = ClusterHttp.get(node, "secret/data/app", ROOT);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.data().path("data").path("password").asString();
	}

	@Test
	void everyStandbyServesReadsFromItsLaggingCopyAndForwardsWrites() {
		start(EmbeddedVaultCluster.builder().nodes(3).replicationLag(Duration.ofSeconds(5)));
		ClusterNode standby = this.cluster.node(1);
		ClusterNode other = this.cluster.node(2);
		assertThat(standby.role()).isEqualTo(NodeRole.STANDBY);
		assertThat(other.role()).isEqualTo(NodeRole.STANDBY);
		write(this.cluster.node(0), "one");
		this.cluster.clock().advance(Duration.ofSeconds(5));
		// a write sent to a standby is forwarded to the active node and answered without X-Vault-Index
		ClusterHttp.Reply written = write(standby, "two");
		assertThat(written.header("X-Vault-Index")).isNull();
		assertThat(readPassword(this.cluster.node(0))).isEqualTo("two");
		assertThat(readPassword(standby)).isEqualTo("one");
		assertThat(readPassword(other)).isEqualTo("one");
		this.cluster.clock().advance(Duration.ofSeconds(5));
		assertThat(readPassword(standby)).isEqualTo("two");
		assertThat(readPassword(other)).isEqualTo("two");
		assertThat(standby.requestLog().count("GET", "secret/data/app")).isEqualTo(2);
		// the standby's own copy pages its lists as OpenBao does
		ClusterHttp.post(this.cluster.node(0), "secret/data/app2", ROOT, "{\"data\":{\"k\":\"v\"}}");
		this.cluster.clock().advance(Duration.ofSeconds(5));
		ClusterHttp.Reply page = ClusterHttp.request("LIST", standby, "secret/metadata/?after=app&limit=1")
			.token(ROOT)
			.send();
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.data().path("keys").toString()).isEqualTo("[\"app2\"]");
	}

	@Test
	void consistencyHeadersOfVaultEnterpriseMeanNothing() {
		start(EmbeddedVaultCluster.builder().nodes(2).replicationLag(Duration.ofSeconds(5)));
		write(this.cluster.node(0), "one");
		this.cluster.clock().advance(Duration.ofSeconds(5));
		write(this.cluster.node(0), "two");
		ClusterHttp.Reply read = ClusterHttp.request("GET", this.cluster.node(1), "secret/data/app")
			.token(ROOT)
			.header("X-Vault-Index", "not-an-index-state")
			.header("X-Vault-Forward", "active-node")
			.header("X-Vault-Inconsistent", "forward-active-node")
			.send();
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.data().path("data").path("password").asString()).isEqualTo("one");
	}

	@Test
	void staleReadOnAStandbyCostsACheckAndSetConflictNotALostUpdate() {
		start(EmbeddedVaultCluster.builder().nodes(2).replicationLag(Duration.ofSeconds(5)));
		ClusterNode standby = this.cluster.node(1);
		write(this.cluster.node(0), "one");
		this.cluster.clock().advance(Duration.ofSeconds(5));
		write(this.cluster.node(0), "two");
		JsonNode stale = ClusterHttp.get(standby, "secret/data/app", ROOT).data();
		int version = stale.path("metadata").path("version").asInt();
		assertThat(version).isEqualTo(1);
		ClusterHttp.Reply conflict = ClusterHttp.post(standby, "secret/data/app", ROOT,
				"{\"options\":{\"cas\":" + version + "},\"data\":{\"password\":\"three\"}}");
		assertThat(conflict.status()).isEqualTo(400);
		assertThat(conflict.firstError()).contains("check-and-set parameter did not match the current version");
		assertThat(readPassword(this.cluster.node(0))).isEqualTo("two");
	}

	@Test
	void standbyReadsOffForwardsEveryRequest() {
		start(EmbeddedVaultCluster.builder().nodes(2).replicationLag(Duration.ofSeconds(5)).standbyReads(false));
		write(this.cluster.node(0), "one");
		assertThat(readPassword(this.cluster.node(1))).isEqualTo("one");
		assertThat(this.cluster.node(0).requestLog().count("GET", "secret/data/app")).isEqualTo(1);
	}

	@Test
	void healthAnswersAsOpenBaoOnEveryNode() {
		start(EmbeddedVaultCluster.builder().nodes(2));
		ClusterHttp.Reply active = ClusterHttp.get(this.cluster.node(0), "sys/health", null);
		assertThat(active.status()).isEqualTo(200);
		assertThat(active.json().path("version").asString()).isEqualTo("2.6.2");
		assertThat(active.json().has("performance_standby")).isFalse();
		assertThat(active.json().has("enterprise")).isFalse();
		assertThat(active.json().has("last_wal")).isFalse();
		ClusterHttp.Reply standby = ClusterHttp.get(this.cluster.node(1), "sys/health", null);
		assertThat(standby.status()).isEqualTo(429);
		assertThat(standby.json().path("standby").asBoolean()).isTrue();
		assertThat(standby.json().has("ha_connection_healthy")).isFalse();
		assertThat(ClusterHttp.get(this.cluster.node(1), "sys/health?standbyok=true", null).status()).isEqualTo(200);
		assertThat(ClusterHttp.get(this.cluster.node(1), "sys/health?perfstandbyok=true", null).status())
			.isEqualTo(429);
		// no "HA unhealthy" code: a partitioned standby is still just a standby
		this.cluster.node(1).partition();
		assertThat(ClusterHttp.get(this.cluster.node(1), "sys/health", null).status()).isEqualTo(429);
	}

	@Test
	void leaderLeavesOutEmptyAndPerformanceFields() {
		start(EmbeddedVaultCluster.builder().nodes(2));
		JsonNode active = ClusterHttp.get(this.cluster.node(0), "sys/leader", null).json();
		assertThat(active.propertyNames()).containsExactlyInAnyOrder("ha_enabled", "is_self", "active_time",
				"leader_address", "leader_cluster_address");
		assertThat(active.path("active_time").asString()).isEqualTo("2026-01-01T00:00:00Z");
		JsonNode standby = ClusterHttp.get(this.cluster.node(1), "sys/leader", null).json();
		assertThat(standby.propertyNames()).containsExactlyInAnyOrder("ha_enabled", "leader_address",
				"leader_cluster_address");
		assertThat(standby.path("leader_address").asString()).isEqualTo(this.cluster.node(0).address().toString());
	}

	@Test
	void performanceStandbysAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultCluster.builder().flavour(Flavour.OPENBAO).performanceStandbys(1).start())
			.withMessageContaining("OpenBao has no performance standbys");
	}

}
