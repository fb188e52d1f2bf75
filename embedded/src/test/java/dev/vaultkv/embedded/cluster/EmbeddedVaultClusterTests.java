package dev.vaultkv.embedded.cluster;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link EmbeddedVaultCluster}, over real HTTP, driven by the cluster clock.
 */
class EmbeddedVaultClusterTests {

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
		this.cluster = builder.clock(clock).start();
		return this.cluster;
	}

	private static String write(ClusterNode node, String value) {
		ClusterHttp.Reply reply = ClusterHttp.post(node, "secret/data/app", ROOT,
				"{\"data\":{\"password\":\"" + value + "\"}}");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.header("X-Vault-Index");
	}

	private static String readPassword(ClusterNode node) {
		ClusterHttp.Reply reply = ClusterHttp.get(node, "secret/data/app", ROOT);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.data().path("data").path("password").asString();
	}

	@Test
	void performanceStandbyServesTheOldValueUntilTheLagHasPassed() {
		start(EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(2).replicationLag(Duration.ofSeconds(5)));
		ClusterNode active = this.cluster.node(0);
		ClusterNode perf = this.cluster.node(1);
		write(active, "one");
		this.cluster.clock().advance(Duration.ofSeconds(5));
		assertThat(readPassword(perf)).isEqualTo("one");
		write(active, "two");
		assertThat(readPassword(active)).isEqualTo("two");
		assertThat(readPassword(perf)).isEqualTo("one");
		ClusterHttp.Reply metadata = ClusterHttp.get(perf, "secret/metadata/app", ROOT);
		assertThat(metadata.data().path("current_version").asInt()).isEqualTo(1);
		this.cluster.clock().advance(Duration.ofSeconds(4));
		assertThat(readPassword(perf)).isEqualTo("one");
		assertThat(perf.index()).isLessThan(this.cluster.index());
		this.cluster.clock().advance(Duration.ofSeconds(1));
		assertThat(perf.index()).isEqualTo(this.cluster.index());
		assertThat(readPassword(perf)).isEqualTo("two");
		assertThat(ClusterHttp.get(perf, "secret/metadata/app", ROOT).data().path("current_version").asInt())
			.isEqualTo(2);
		// the reads were answered by the performance standby itself, never by the active node
		assertThat(active.requestLog().count("GET", "secret/data/app")).isEqualTo(1);
		assertThat(perf.requestLog().count("GET", "secret/data/app")).isEqualTo(4);
	}

	@Test
	void kvVersionOneReadsAndListsLagToo() {
		start(EmbeddedVaultCluster.builder().nodes(2).performanceStandbys(1).replicationLag(Duration.ofSeconds(3))
			.mount("kv1", "kv"));
		ClusterNode perf = this.cluster.node(1);
		ClusterHttp.post(this.cluster.node(0), "kv1/app/a", ROOT, "{\"v\":\"1\"}");
		this.cluster.clock().advance(Duration.ofSeconds(3));
		ClusterHttp.post(this.cluster.node(0), "kv1/app/a", ROOT, "{\"v\":\"2\"}");
		ClusterHttp.post(this.cluster.node(0), "kv1/app/b", ROOT, "{\"v\":\"1\"}");
		ClusterHttp.request("DELETE", this.cluster.node(0), "kv1/app/a").token(ROOT).send();
		assertThat(ClusterHttp.get(perf, "kv1/app/a", ROOT).data().path("v").asString()).isEqualTo("1");
		assertThat(ClusterHttp.get(perf, "kv1/app?list=true", ROOT).data().path("keys").toString())
			.isEqualTo("[\"a\"]");
		this.cluster.clock().advance(Duration.ofSeconds(3));
		assertThat(ClusterHttp.get(perf, "kv1/app/a", ROOT).status()).isEqualTo(404);
		assertThat(ClusterHttp.request("LIST", perf, "kv1/app").token(ROOT).send().data().path("keys").toString())
			.isEqualTo("[\"b\"]");
		assertThat(this.cluster.node(0).requestLog().count("GET", "kv1/app")).isZero();
		assertThat(this.cluster.node(0).requestLog().count("LIST", "kv1/app")).isZero();
	}

	@Test
	void staleVersionsKeepTheirCreationTimeOnTheStandby() {
		start(EmbeddedVaultCluster.builder().nodes(2).performanceStandbys(1).replicationLag(Duration.ofSeconds(1)));
		write(this.cluster.node(0), "one");
		String created = ClusterHttp.get(this.cluster.node(0), "secret/data/app", ROOT)
			.data()
			.path("metadata")
			.path("created_time")
			.asString();
		this.cluster.clock().advance(Duration.ofMinutes(3));
		assertThat(ClusterHttp.get(this.cluster.node(1), "secret/data/app", ROOT)
			.data()
			.path("metadata")
			.path("created_time")
			.asString()).isEqualTo(created);
	}

	@Test
	void checkAndSetWriteOnAPerformanceStandbyIsCheckedAgainstTheLatestVersion() {
		start(EmbeddedVaultCluster.builder().nodes(2).performanceStandbys(1).replicationLag(Duration.ofSeconds(5)));
		ClusterNode perf = this.cluster.node(1);
		write(this.cluster.node(0), "one");
		this.cluster.clock().advance(Duration.ofSeconds(5));
		write(this.cluster.node(0), "two");
		assertThat(ClusterHttp.get(perf, "secret/metadata/app", ROOT).data().path("current_version").asInt())
			.isEqualTo(1);
		ClusterHttp.Reply stale = ClusterHttp.post(perf, "secret/data/app", ROOT,
				"{\"options\":{\"cas\":1},\"data\":{\"password\":\"three\"}}");
		assertThat(stale.status()).isEqualTo(400);
		assertThat(stale.firstError()).contains("check-and-set parameter did not match the current version");
		ClusterHttp.Reply latest = ClusterHttp.post(perf, "secret/data/app", ROOT,
				"{\"options\":{\"cas\":2},\"data\":{\"password\":\"three\"}}");
		assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
		assertThat(latest.data().path("version").asInt()).isEqualTo(3);
		assertThat(latest.header("X-Vault-Index")).isNotNull();
		assertThat(this.cluster.node(0).requestLog().count("POST", "secret/data/app")).isEqualTo(4);
	}

	@Test
	void writesAndLoginsCarryASignedIndexHeader() {
		start(EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(1));
		String header = write(this.cluster.node(0), "one");
		String decoded = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
		assertThat(decoded).matches("v1:" + this.cluster.getClusterId() + ":\\d+:0:[0-9a-f]{64}");
		assertThat(decoded.split(":")[2]).isEqualTo(Long.toString(this.cluster.index()));
		assertThat(ClusterHttp.get(this.cluster.node(0), "secret/data/app", ROOT).header("X-Vault-Index")).isNull();
		ClusterHttp.Reply enable = ClusterHttp.post(this.cluster.node(0), "sys/auth/userpass", ROOT,
				"{\"type\":\"userpass\"}");
		assertThat(enable.status()).isEqualTo(204);
		ClusterHttp.post(this.cluster.node(0), "auth/userpass/users/alice", ROOT, "{\"password\":\"pw\"}");
		// a login on the plain standby is forwarded; the answer carries the index of the login
		ClusterHttp.Reply login = ClusterHttp.post(this.cluster.node(2), "auth/userpass/login/alice", null,
				"{\"password\":\"pw\"}");
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		String loginState = new String(Base64.getDecoder().decode(login.header("X-Vault-Index")),
				StandardCharsets.UTF_8);
		assertThat(Long.parseLong(loginState.split(":")[2])).isGreaterThan(Long.parseLong(decoded.split(":")[2]));
		String token = login.json().path("auth").path("client_token").asString();
		for (ClusterNode node : this.cluster.nodes()) {
			ClusterHttp.Reply lookup = ClusterHttp.get(node, "auth/token/lookup-self", token);
			assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
			assertThat(lookup.data().path("display_name").asString()).isEqualTo("userpass-alice");
		}
	}

	@Test
	void newTokenIsUnknownToAPerformanceStandbyUntilReplicated() {
		start(EmbeddedVaultCluster.builder().nodes(2).performanceStandbys(1).replicationLag(Duration.ofSeconds(2))
			.secret("secret/app", Map.of("password", "one")));
		ClusterNode perf = this.cluster.node(1);
		this.cluster.clock().advance(Duration.ofSeconds(2));
		ClusterHttp.Reply created = ClusterHttp.post(perf, "auth/token/create", ROOT, "{\"policies\":[\"root\"]}");
		assertThat(created.status()).isEqualTo(200);
		String token = created.json().path("auth").path("client_token").asString();
		String state = created.header("X-Vault-Index");
		ClusterHttp.Reply unknown = ClusterHttp.get(perf, "secret/data/app", token);
		assertThat(unknown.status()).isEqualTo(403);
		assertThat(unknown.firstError()).contains("permission denied").contains("invalid token");
		ClusterHttp.Reply behind = ClusterHttp.request("GET", perf, "secret/data/app")
			.token(token)
			.header("X-Vault-Index", state)
			.send();
		assertThat(behind.status()).isEqualTo(412);
		assertThat(ClusterHttp.get(this.cluster.node(0), "secret/data/app", token).status()).isEqualTo(200);
		this.cluster.clock().advance(Duration.ofSeconds(2));
		assertThat(readPassword(perf, token)).isEqualTo("one");
	}

	private static String readPassword(ClusterNode node, String token) {
		ClusterHttp.Reply reply = ClusterHttp.get(node, "secret/data/app", token);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.data().path("data").path("password").asString();
	}

	@Test
	void singleServerEmitsNoIndexHeader() {
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder().start()) {
			ClusterHttp.Reply reply = new ClusterHttpServer(server).post("secret/data/app",
					"{\"data\":{\"a\":\"b\"}}");
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.header("X-Vault-Index")).isNull();
		}
	}

	@Test
	void performanceStandbyBehindTheRequiredIndexAnswers412OrForwards() {
		start(EmbeddedVaultCluster.builder().nodes(2).performanceStandbys(1).replicationLag(Duration.ofSeconds(2)));
		ClusterNode perf = this.cluster.node(1);
		write(this.cluster.node(0), "one");
		this.cluster.clock().advance(Duration.ofSeconds(2));
		String state = write(this.cluster.node(0), "two");
		ClusterHttp.Reply refused = ClusterHttp.request("GET", perf, "secret/data/app")
			.token(ROOT)
			.header("X-Vault-Index", state)
			.send();
		assertThat(refused.status()).isEqualTo(412);
		assertThat(refused.firstError()).isEqualTo("required index state not present");
		ClusterHttp.Reply failed = ClusterHttp.request("GET", perf, "secret/data/app")
			.token(ROOT)
			.header("X-Vault-Index", state)
			.header("X-Vault-Inconsistent", "fail")
			.send();
		assertThat(failed.status()).isEqualTo(412);
		ClusterHttp.Reply forwarded = ClusterHttp.request("GET", perf, "secret/data/app")
			.token(ROOT)
			.header("X-Vault-Index", state)
			.header("X-Vault-Inconsistent", "forward-active-node")
			.send();
		assertThat(forwarded.status()).isEqualTo(200);
		assertThat(forwarded.data().path("data").path("password").asString()).isEqualTo("two");
		assertThat(this.cluster.node(0).requestLog().count("GET", "secret/data/app")).isEqualTo(1);
		ClusterHttp.Reply always = ClusterHttp.request("GET", perf, "secret/data/app")
			.token(ROOT)
			.header("X-Vault-Forward", "active-node")
			.send();
		assertThat(always.data().path("data").path("password").asString()).isEqualTo("two");
		this.cluster.clock().advance(Duration.ofSeconds(2));
		ClusterHttp.Reply caughtUp = ClusterHttp.request("GET", perf, "secret/data/app")
			.token(ROOT)
			.header("X-Vault-Index", state)
			.send();
		assertThat(caughtUp.status()).isEqualTo(200);
		assertThat(caughtUp.data().path("data").path("password").asString()).isEqualTo("two");
		assertThat(this.cluster.node(0).requestLog().count("GET", "secret/data/app")).isEqualTo(2);
	}

	@Test
	void forgedIndexHeaderIsRejected() {
		start(EmbeddedVaultCluster.builder().nodes(2).performanceStandbys(1));
		String state = write(this.cluster.node(0), "one");
		String decoded = new String(Base64.getDecoder().decode(state), StandardCharsets.UTF_8);
		String[] pieces = decoded.split(":");
		String forged = Base64.getEncoder()
			.encodeToString(("v1:" + pieces[1] + ":999:0:" + pieces[4]).getBytes(StandardCharsets.UTF_8));
		ClusterHttp.Reply reply = ClusterHttp.request("GET", this.cluster.node(1), "secret/data/app")
			.token(ROOT)
			.header("X-Vault-Index", forged)
			.send();
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.firstError()).isEqualTo("invalid state header HMAC (mismatch)");
	}

	@Test
	void standbyForwardsByDefaultAndRedirectsWhenForwardingIsOff() {
		start(EmbeddedVaultCluster.builder().nodes(2).secret("secret/app", Map.of("password", "one")));
		ClusterNode standby = this.cluster.node(1);
		assertThat(readPassword(standby)).isEqualTo("one");
		assertThat(this.cluster.node(0).requestLog().count("GET", "secret/data/app")).isEqualTo(1);
		ClusterHttp.Reply redirected = ClusterHttp.request("GET", standby, "secret/data/app?version=1")
			.token(ROOT)
			.header("X-Vault-No-Request-Forwarding", "true")
			.send();
		assertThat(redirected.status()).isEqualTo(307);
		assertThat(redirected.header("Location"))
			.isEqualTo(this.cluster.node(0).address() + "/v1/secret/data/app?version=1");
		assertThat(redirected.text()).isEmpty();
	}

	@Test
	void clusterWithoutForwardingRedirects() {
		start(EmbeddedVaultCluster.builder().nodes(3).forwarding(false));
		ClusterHttp.Reply redirected = ClusterHttp.post(this.cluster.node(2), "secret/data/app", ROOT,
				"{\"data\":{\"a\":\"b\"}}");
		assertThat(redirected.status()).isEqualTo(307);
		assertThat(redirected.header("Location")).isEqualTo(this.cluster.node(0).address() + "/v1/secret/data/app");
		this.cluster.stepDown();
		ClusterHttp.Reply noLeader = ClusterHttp.get(this.cluster.node(2), "secret/data/app", ROOT);
		assertThat(noLeader.status()).isEqualTo(503);
		assertThat(noLeader.firstError()).isEqualTo("no active Vault instance found");
	}

	@Test
	void healthAndLeaderPerNode() {
		start(EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(1));
		ClusterNode active = this.cluster.node(0);
		ClusterNode perf = this.cluster.node(1);
		ClusterNode standby = this.cluster.node(2);
		ClusterHttp.Reply activeHealth = ClusterHttp.get(active, "sys/health", null);
		assertThat(activeHealth.status()).isEqualTo(200);
		assertThat(activeHealth.json().path("standby").asBoolean()).isFalse();
		assertThat(activeHealth.json().path("cluster_id").asString()).isEqualTo(this.cluster.getClusterId());
		assertThat(activeHealth.json().path("cluster_name").asString()).isEqualTo("vault-cluster-embedded");
		assertThat(activeHealth.json().path("last_wal").isNumber()).isTrue();
		ClusterHttp.Reply perfHealth = ClusterHttp.get(perf, "sys/health", null);
		assertThat(perfHealth.status()).isEqualTo(473);
		assertThat(perfHealth.json().path("standby").asBoolean()).isTrue();
		assertThat(perfHealth.json().path("performance_standby").asBoolean()).isTrue();
		assertThat(ClusterHttp.get(perf, "sys/health?perfstandbyok=true", null).status()).isEqualTo(200);
		ClusterHttp.Reply standbyHealth = ClusterHttp.get(standby, "sys/health", null);
		assertThat(standbyHealth.status()).isEqualTo(429);
		assertThat(standbyHealth.json().path("performance_standby").asBoolean()).isFalse();
		assertThat(ClusterHttp.get(standby, "sys/health?standbyok=true", null).status()).isEqualTo(200);
		ClusterHttp.Reply leader = ClusterHttp.get(active, "sys/leader", null);
		assertThat(leader.json().path("ha_enabled").asBoolean()).isTrue();
		assertThat(leader.json().path("is_self").asBoolean()).isTrue();
		assertThat(leader.json().path("active_time").asString()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(leader.json().path("leader_address").asString()).isEqualTo(active.address().toString());
		assertThat(leader.json().path("leader_cluster_address").asString())
			.isEqualTo("https://127.0.0.1:" + (active.port() + 1));
		ClusterHttp.Reply perfLeader = ClusterHttp.get(perf, "sys/leader", null);
		assertThat(perfLeader.json().path("is_self").asBoolean()).isFalse();
		assertThat(perfLeader.json().path("performance_standby").asBoolean()).isTrue();
		assertThat(perfLeader.json().path("leader_address").asString()).isEqualTo(active.address().toString());
		assertThat(perfLeader.json().path("active_time").asString()).isEqualTo("0001-01-01T00:00:00Z");
	}

	@Test
	void stepDownElectsTheNextNodeAfterTheElectionDelay() {
		start(EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(1).electionDelay(Duration.ofSeconds(2)));
		ClusterNode first = this.cluster.node(0);
		ClusterNode second = this.cluster.node(1);
		ClusterHttp.Reply stepDown = ClusterHttp.request("PUT", this.cluster.node(2), "sys/step-down")
			.token(ROOT)
			.send();
		assertThat(stepDown.status()).isEqualTo(204);
		assertThat(this.cluster.activeOrNull()).isNull();
		ClusterHttp.Reply during = ClusterHttp.post(second, "secret/data/app", ROOT, "{\"data\":{\"a\":\"b\"}}");
		assertThat(during.status()).isEqualTo(500);
		assertThat(during.firstError()).isEqualTo("local node not active but active cluster node not found");
		assertThat(ClusterHttp.get(first, "sys/health", null).status()).isEqualTo(429);
		assertThat(ClusterHttp.get(first, "sys/leader", null).json().path("leader_address").asString()).isEmpty();
		this.cluster.clock().advance(Duration.ofMillis(1999));
		assertThat(this.cluster.activeOrNull()).isNull();
		this.cluster.clock().advance(Duration.ofMillis(1));
		assertThat(this.cluster.active()).isSameAs(second);
		assertThat(second.role()).isEqualTo(NodeRole.ACTIVE);
		assertThat(this.cluster.node(2).role()).isEqualTo(NodeRole.PERFORMANCE_STANDBY);
		assertThat(first.role()).isEqualTo(NodeRole.STANDBY);
		assertThat(ClusterHttp.get(second, "sys/health", null).status()).isEqualTo(200);
		assertThat(ClusterHttp.get(this.cluster.node(2), "sys/health", null).status()).isEqualTo(473);
		assertThat(ClusterHttp.get(first, "sys/health", null).status()).isEqualTo(429);
		ClusterHttp.Reply leader = ClusterHttp.get(second, "sys/leader", null);
		assertThat(leader.json().path("is_self").asBoolean()).isTrue();
		assertThat(leader.json().path("active_time").asString()).isEqualTo("2026-01-01T00:00:02Z");
		assertThat(ClusterHttp.get(first, "sys/leader", null).json().path("leader_address").asString())
			.isEqualTo(second.address().toString());
		assertThat(ClusterHttp.post(first, "secret/data/app", ROOT, "{\"data\":{\"a\":\"b\"}}").status())
			.isEqualTo(200);
		this.cluster.stepDown();
		this.cluster.clock().advance(Duration.ofSeconds(2));
		assertThat(this.cluster.active()).isSameAs(this.cluster.node(2));
	}

	@Test
	void stoppedNodeRefusesConnectionsAndRestartsOnItsPort() {
		start(EmbeddedVaultCluster.builder().nodes(3).electionDelay(Duration.ofSeconds(1))
			.secret("secret/app", Map.of("password", "one")));
		ClusterNode first = this.cluster.node(0);
		int port = first.port();
		first.stop();
		assertThat(first.isRunning()).isFalse();
		assertThatThrownBy(() -> ClusterHttp.get(first, "sys/health", null)).isInstanceOf(UncheckedIOException.class)
			.hasCauseInstanceOf(ConnectException.class);
		assertThat(ClusterHttp.get(this.cluster.node(1), "secret/data/app", ROOT).status()).isEqualTo(500);
		this.cluster.clock().advance(Duration.ofSeconds(1));
		assertThat(this.cluster.active()).isSameAs(this.cluster.node(1));
		assertThat(readPassword(this.cluster.node(2))).isEqualTo("one");
		first.start();
		assertThat(first.port()).isEqualTo(port);
		assertThat(first.role()).isEqualTo(NodeRole.STANDBY);
		assertThat(readPassword(first)).isEqualTo("one");
		// its own refused read during the election, then the reads node 2 and node 0 forwarded to it
		assertThat(this.cluster.node(1).requestLog().count("GET", "secret/data/app")).isEqualTo(3);
	}

	@Test
	void partitionedPerformanceStandbyKeepsServingItsStaleCopyButCannotForward() {
		start(EmbeddedVaultCluster.builder().nodes(2).performanceStandbys(1));
		ClusterNode perf = this.cluster.node(1);
		write(this.cluster.node(0), "one");
		assertThat(readPassword(perf)).isEqualTo("one");
		perf.partition();
		write(this.cluster.node(0), "two");
		this.cluster.clock().advance(Duration.ofMinutes(1));
		assertThat(readPassword(perf)).isEqualTo("one");
		ClusterHttp.Reply write = ClusterHttp.post(perf, "secret/data/app", ROOT, "{\"data\":{\"a\":\"b\"}}");
		assertThat(write.status()).isEqualTo(500);
		assertThat(write.firstError()).isEqualTo("local node not active but active cluster node not found");
		assertThat(ClusterHttp.get(perf, "sys/health", null).status()).isEqualTo(474);
		ClusterHttp.Reply unhealthy = ClusterHttp.get(perf, "sys/health?standbyok=true&perfstandbyok=true", null);
		assertThat(unhealthy.status()).isEqualTo(474);
		assertThat(unhealthy.json().path("ha_connection_healthy").asBoolean()).isFalse();
		perf.heal();
		assertThat(readPassword(perf)).isEqualTo("two");
		assertThat(ClusterHttp.get(perf, "sys/health", null).status()).isEqualTo(473);
	}

	@Test
	void partitionedActiveNodeLosesLeadership() {
		start(EmbeddedVaultCluster.builder().nodes(3).electionDelay(Duration.ofSeconds(2)));
		ClusterNode first = this.cluster.node(0);
		first.partition();
		assertThat(ClusterHttp.post(first, "secret/data/app", ROOT, "{\"data\":{\"a\":\"b\"}}").status())
			.isEqualTo(500);
		this.cluster.clock().advance(Duration.ofSeconds(2));
		assertThat(this.cluster.active()).isSameAs(this.cluster.node(1));
		assertThat(ClusterHttp.get(first, "sys/leader", null).json().path("leader_address").asString()).isEmpty();
		first.heal();
		assertThat(ClusterHttp.get(first, "sys/leader", null).json().path("leader_address").asString())
			.isEqualTo(this.cluster.node(1).address().toString());
		assertThat(ClusterHttp.post(first, "secret/data/app", ROOT, "{\"data\":{\"a\":\"b\"}}").status())
			.isEqualTo(200);
	}

	@Test
	void sealedNodeRefusesRequestsLosesLeadershipAndUnsealsWithAnyKey() {
		start(EmbeddedVaultCluster.builder().nodes(3).electionDelay(Duration.ofSeconds(1)));
		ClusterNode first = this.cluster.node(0);
		first.seal();
		assertThat(first.isSealed()).isTrue();
		ClusterHttp.Reply refused = ClusterHttp.get(first, "secret/data/app", ROOT);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.firstError()).isEqualTo("Vault is sealed");
		ClusterHttp.Reply health = ClusterHttp.get(first, "sys/health", null);
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().path("sealed").asBoolean()).isTrue();
		assertThat(health.json().has("cluster_id")).isFalse();
		ClusterHttp.Reply status = ClusterHttp.get(first, "sys/seal-status", null);
		assertThat(status.json().path("sealed").asBoolean()).isTrue();
		assertThat(ClusterHttp.get(this.cluster.node(1), "sys/seal-status", null).json().path("sealed").asBoolean())
			.isFalse();
		this.cluster.clock().advance(Duration.ofSeconds(1));
		assertThat(this.cluster.active()).isSameAs(this.cluster.node(1));
		ClusterHttp.Reply noKey = ClusterHttp.request("PUT", first, "sys/unseal").body("{}").send();
		assertThat(noKey.status()).isEqualTo(400);
		ClusterHttp.Reply unsealed = ClusterHttp.request("PUT", first, "sys/unseal").body("{\"key\":\"any\"}").send();
		assertThat(unsealed.status()).isEqualTo(200);
		assertThat(unsealed.json().path("sealed").asBoolean()).isFalse();
		assertThat(first.isSealed()).isFalse();
		assertThat(ClusterHttp.get(first, "sys/health", null).status()).isEqualTo(429);
		assertThat(ClusterHttp.post(first, "secret/data/app", ROOT, "{\"data\":{\"a\":\"b\"}}").status())
			.isEqualTo(200);
	}

	@Test
	void sysSealSealsTheActiveNodeOnly() {
		start(EmbeddedVaultCluster.builder().nodes(3).electionDelay(Duration.ofSeconds(1)));
		ClusterHttp.Reply created = ClusterHttp.post(this.cluster.node(0), "auth/token/create", ROOT,
				"{\"policies\":[\"default\"]}");
		String weak = created.json().path("auth").path("client_token").asString();
		ClusterHttp.Reply denied = ClusterHttp.request("PUT", this.cluster.node(2), "sys/seal").token(weak).send();
		assertThat(denied.status()).isEqualTo(403);
		assertThat(this.cluster.node(0).isSealed()).isFalse();
		ClusterHttp.Reply sealed = ClusterHttp.request("PUT", this.cluster.node(2), "sys/seal").token(ROOT).send();
		assertThat(sealed.status()).isEqualTo(204);
		assertThat(this.cluster.node(0).isSealed()).isTrue();
		assertThat(this.cluster.node(1).isSealed()).isFalse();
		assertThat(this.cluster.node(2).isSealed()).isFalse();
		this.cluster.clock().advance(Duration.ofSeconds(1));
		assertThat(this.cluster.active()).isSameAs(this.cluster.node(1));
		// the new active node answers what node 2 forwards
		assertThat(ClusterHttp.get(this.cluster.node(2), "secret/data/missing", ROOT).status()).isEqualTo(404);
		assertThat(this.cluster.node(1).requestLog().count("GET", "secret/data/missing")).isEqualTo(1);
	}

	@Test
	void requestLogsPerNodeAndAggregate() {
		start(EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(1));
		write(this.cluster.node(0), "one");
		readPassword(this.cluster.node(1));
		readPassword(this.cluster.node(2));
		assertThat(this.cluster.node(0).requestLog().count("POST", "secret/data/app")).isEqualTo(1);
		// node 2 is a plain standby: its read was forwarded and is in the active node's log too
		assertThat(this.cluster.node(0).requestLog().count("GET", "secret/data/app")).isEqualTo(1);
		assertThat(this.cluster.node(1).requestLog().count("GET", "secret/data/app")).isEqualTo(1);
		assertThat(this.cluster.node(2).requestLog().count("GET", "secret/data/app")).isEqualTo(1);
		assertThat(this.cluster.requestLog().count("GET", "secret/data/app")).isEqualTo(2);
		assertThat(this.cluster.requestLog().count()).isEqualTo(3);
	}

	@Test
	void tokensAndLeasesAreSharedAcrossNodes() {
		start(EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(1));
		ClusterHttp.Reply created = ClusterHttp.post(this.cluster.node(1), "auth/token/create", ROOT,
				"{\"policies\":[\"default\"],\"ttl\":\"1h\"}");
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("X-Vault-Index")).isNotNull();
		String token = created.json().path("auth").path("client_token").asString();
		for (ClusterNode node : this.cluster.nodes()) {
			assertThat(ClusterHttp.get(node, "auth/token/lookup-self", token).status()).isEqualTo(200);
		}
		this.cluster.clock().advance(Duration.ofHours(2));
		for (ClusterNode node : this.cluster.nodes()) {
			assertThat(ClusterHttp.get(node, "auth/token/lookup-self", token).status()).isEqualTo(403);
		}
	}

	@Test
	void resetReturnsToTheStartState() {
		start(EmbeddedVaultCluster.builder().nodes(2).secret("secret/app", Map.of("password", "seed")));
		write(this.cluster.node(0), "changed");
		this.cluster.stepDown();
		this.cluster.node(1).stop();
		this.cluster.reset();
		assertThat(this.cluster.active()).isSameAs(this.cluster.node(0));
		assertThat(this.cluster.node(1).isRunning()).isTrue();
		assertThat(readPassword(this.cluster.node(1))).isEqualTo("seed");
		assertThat(this.cluster.requestLog().count()).isEqualTo(1);
	}

	@Test
	void concurrentWritesThroughEveryNodeReplicateInTheOrderTheyWereApplied() throws Exception {
		start(EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(2).replicationLag(Duration.ofSeconds(1)));
		List<Callable<Integer>> writers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ClusterNode node = this.cluster.node(i % 3);
			String key = "secret/data/k" + (i % 4);
			int value = i;
			writers.add(() -> ClusterHttp.post(node, key, ROOT, "{\"data\":{\"v\":" + value + "}}").status());
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (Future<Integer> status : pool.invokeAll(writers)) {
				assertThat(status.get()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		this.cluster.clock().advance(Duration.ofSeconds(1));
		for (int k = 0; k < 4; k++) {
			ClusterHttp.Reply expected = ClusterHttp.get(this.cluster.node(0), "secret/data/k" + k, ROOT);
			for (ClusterNode perf : List.of(this.cluster.node(1), this.cluster.node(2))) {
				ClusterHttp.Reply actual = ClusterHttp.get(perf, "secret/data/k" + k, ROOT);
				assertThat(actual.data().path("data")).isEqualTo(expected.data().path("data"));
				assertThat(actual.data().path("metadata")).isEqualTo(expected.data().path("metadata"));
			}
		}
		assertThat(this.cluster.index()).isEqualTo(40);
	}

	@Test
	void builderRejectsBadSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVaultCluster.builder().nodes(0))
			.withMessage("'nodes' must be at least 1 but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultCluster.builder().nodes(2).performanceStandbys(2).start())
			.withMessage("'performanceStandbys' must be at most nodes - 1 (1) but was 2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultCluster.builder().replicationLag(Duration.ofSeconds(-1)))
			.withMessageContaining("'replicationLag' must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedVaultCluster.builder().port(70000))
			.withMessageContaining("'port' must be between 0 and 65535");
	}

}
