package dev.vaultkv.embedded.cluster;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.HealthAnswer;
import dev.vaultkv.embedded.server.HttpCall;
import dev.vaultkv.embedded.server.HttpResult;
import dev.vaultkv.embedded.server.Json;
import dev.vaultkv.embedded.server.ServerState;

/**
 * The per-node answers of {@code sys/health} and {@code sys/leader}, which every node gives itself, without
 * forwarding, as Vault's nodes do.
 *
 * @author vaultkv
 */
final class NodeStatus {

	private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

	private NodeStatus() {
	}

	/**
	 * A snapshot of what a node knows when it answers.
	 */
	record View(boolean active, boolean performanceStandby, boolean partitioned, @Nullable ClusterNode leader,
			@Nullable Instant activeSince, long index, Instant now, boolean sealed, boolean openBao) {
	}

	static HttpResult health(ServerState state, View view, HttpCall call, boolean head) {
		HealthAnswer answer = HealthAnswer.of(call, view.openBao());
		if (answer == null) {
			return HttpResult.errors(400);
		}
		boolean standby = !view.active();
		if (view.openBao()) {
			// OpenBao: a standby is a standby, read-enabled or not, reachable or not
			boolean sealed = state.isSealed() || view.sealed();
			int status = answer.status(state.isInitialized(), sealed, standby, false, false);
			return head ? HttpResult.empty(status)
					: HttpResult.json(status, HealthAnswer.openBaoBody(state, view.now(), sealed, standby));
		}
		boolean perfStandby = standby && view.performanceStandby();
		boolean sealed = state.isSealed() || view.sealed();
		int status = answer.status(state.isInitialized(), sealed, standby, perfStandby, view.partitioned());
		if (head) {
			return HttpResult.empty(status);
		}
		ObjectNode body = HealthAnswer.body(state, view.now(), sealed, standby, perfStandby, true);
		if (standby) {
			body.put("ha_connection_healthy", !view.partitioned() && view.leader() != null);
			body.put("last_request_forwarding_heartbeat_ms", 0);
		}
		if (!standby && !sealed) {
			body.put("last_wal", view.index());
		}
		return HttpResult.json(status, body);
	}

	/**
	 * A seal status answer of the shared store, turned into that of a node sealed on its own.
	 */
	static HttpResult sealed(HttpResult sealStatus) {
		if (sealStatus.status() != 200 || sealStatus.body() == null) {
			return sealStatus;
		}
		JsonNode body = Json.MAPPER.readTree(sealStatus.body());
		if (!(body instanceof ObjectNode object)) {
			return sealStatus;
		}
		object.put("sealed", true);
		object.remove("cluster_name");
		object.remove("cluster_id");
		return HttpResult.json(200, object);
	}

	static ObjectNode leader(View view) {
		ClusterNode leader = view.leader();
		if (view.openBao()) {
			return openBaoLeader(view, leader);
		}
		ObjectNode body = Json.object();
		body.put("ha_enabled", true);
		body.put("is_self", view.active());
		Instant since = view.activeSince();
		body.put("active_time",
				(view.active() && since != null) ? DateTimeFormatter.ISO_INSTANT.format(since) : ZERO_TIME);
		body.put("leader_address", (leader != null) ? leader.address().toString() : "");
		body.put("leader_cluster_address",
				(leader != null) ? "https://127.0.0.1:" + clusterPort(leader.address().getPort()) : "");
		body.put("performance_standby", !view.active() && view.performanceStandby());
		body.put("performance_standby_last_remote_wal",
				(!view.active() && view.performanceStandby()) ? view.index() : 0);
		return body;
	}

	/**
	 * OpenBao's {@code LeaderResponse}: {@code is_self}, {@code active_time} and the addresses only when set,
	 * no performance standby fields (and no Raft indexes: the nodes share one store, not Raft).
	 */
	private static ObjectNode openBaoLeader(View view, @Nullable ClusterNode leader) {
		ObjectNode body = Json.object();
		body.put("ha_enabled", true);
		if (view.active()) {
			body.put("is_self", true);
		}
		Instant since = view.activeSince();
		if (view.active() && since != null) {
			body.put("active_time", DateTimeFormatter.ISO_INSTANT.format(since));
		}
		if (leader != null) {
			body.put("leader_address", leader.address().toString());
			body.put("leader_cluster_address", "https://127.0.0.1:" + clusterPort(leader.address().getPort()));
		}
		return body;
	}

	/**
	 * The cluster port Vault derives from the API port by default (one above it); informational, nothing
	 * listens there.
	 */
	private static int clusterPort(int apiPort) {
		return (apiPort < 65535) ? apiPort + 1 : apiPort;
	}

}
