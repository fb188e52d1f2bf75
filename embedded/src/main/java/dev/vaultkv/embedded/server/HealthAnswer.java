package dev.vaultkv.embedded.server;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer of {@code sys/health} as Vault gives it: the status code chosen by the node's state and the
 * request's {@code *code}, {@code standbyok} and {@code perfstandbyok} parameters, and the common body.
 *
 * @param activeCode the code of an active node
 * @param standbyCode the code of a standby
 * @param drSecondaryCode the code of a DR secondary
 * @param performanceStandbyCode the code of a performance standby
 * @param haUnhealthyCode the code of a standby that cannot reach the active node
 * @param removedCode the code of a node removed from the cluster
 * @param sealedCode the code of a sealed node
 * @param uninitializedCode the code of an uninitialized node
 * @param standbyOk whether a standby answers the active code
 * @param performanceStandbyOk whether a performance standby answers the active code
 * @author vaultkv
 * @since 0.1.0
 */
public record HealthAnswer(int activeCode, int standbyCode, int drSecondaryCode, int performanceStandbyCode,
		int haUnhealthyCode, int removedCode, int sealedCode, int uninitializedCode, boolean standbyOk,
		boolean performanceStandbyOk) {

	/**
	 * Read the parameters of a {@code sys/health} request.
	 * @param call the request
	 * @return its parameters, or {@code null} when one is not a number or a boolean (Vault answers 400)
	 */
	public static @Nullable HealthAnswer of(HttpCall call) {
		return of(call, false);
	}

	/**
	 * Read the parameters of a {@code sys/health} request as Vault or OpenBao does: OpenBao knows only
	 * {@code activecode}, {@code standbycode}, {@code sealedcode}, {@code uninitcode} and {@code standbyok}
	 * and ignores the others.
	 * @param call the request
	 * @param openBao whether to read them as OpenBao
	 * @return its parameters, or {@code null} when one is not a number or a boolean (answered with 400)
	 */
	public static @Nullable HealthAnswer of(HttpCall call, boolean openBao) {
		Integer active = code(call, "activecode", 200);
		Integer standby = code(call, "standbycode", 429);
		Integer drSecondary = openBao ? Integer.valueOf(472) : code(call, "drsecondarycode", 472);
		Integer performanceStandby = openBao ? Integer.valueOf(473) : code(call, "performancestandbycode", 473);
		Integer haUnhealthy = openBao ? Integer.valueOf(474) : code(call, "haunhealthycode", 474);
		Integer removed = openBao ? Integer.valueOf(530) : code(call, "removedcode", 530);
		Integer sealed = code(call, "sealedcode", 503);
		Integer uninitialized = code(call, "uninitcode", 501);
		Boolean standbyOk = flag(call, "standbyok");
		Boolean performanceStandbyOk = openBao ? Boolean.FALSE : flag(call, "perfstandbyok");
		if (active == null || standby == null || drSecondary == null || performanceStandby == null
				|| haUnhealthy == null || removed == null || sealed == null || uninitialized == null
				|| standbyOk == null || performanceStandbyOk == null) {
			return null;
		}
		return new HealthAnswer(active, standby, drSecondary, performanceStandby, haUnhealthy, removed, sealed,
				uninitialized, standbyOk, performanceStandbyOk);
	}

	/**
	 * Choose the status code in Vault's order: uninitialized, sealed, standby kinds, active.
	 * @param initialized whether the node is initialized
	 * @param sealed whether it is sealed
	 * @param standby whether it is a standby (of any kind)
	 * @param performanceStandby whether it is a performance standby
	 * @param haUnhealthy whether it is a standby that cannot reach the active node
	 * @return the status code
	 */
	public int status(boolean initialized, boolean sealed, boolean standby, boolean performanceStandby,
			boolean haUnhealthy) {
		if (!initialized) {
			return this.uninitializedCode;
		}
		if (sealed) {
			return this.sealedCode;
		}
		if (standby && haUnhealthy) {
			// whatever standbyok says (Vault 1.19)
			return this.haUnhealthyCode;
		}
		if (standby && performanceStandby) {
			return this.performanceStandbyOk ? this.activeCode : this.performanceStandbyCode;
		}
		if (standby) {
			return this.standbyOk ? this.activeCode : this.standbyCode;
		}
		return this.activeCode;
	}

	/**
	 * Build the body fields every node answers.
	 * @param state the server state
	 * @param now the time to report
	 * @param sealed whether the node is sealed
	 * @param standby whether it is a standby
	 * @param performanceStandby whether it is a performance standby
	 * @param enterprise whether to report an enterprise build
	 * @return the body
	 */
	public static ObjectNode body(ServerState state, Instant now, boolean sealed, boolean standby,
			boolean performanceStandby, boolean enterprise) {
		ServerSettings settings = state.settings();
		ObjectNode body = Json.object();
		body.put("initialized", state.isInitialized());
		body.put("sealed", sealed);
		body.put("standby", standby);
		body.put("performance_standby", performanceStandby);
		body.put("replication_performance_mode", "disabled");
		body.put("replication_dr_mode", "disabled");
		body.put("server_time_utc", now.getEpochSecond());
		body.put("version", settings.version());
		body.put("enterprise", enterprise);
		body.put("cluster_name", settings.clusterName());
		if (!sealed) {
			body.put("cluster_id", settings.clusterId());
		}
		body.put("echo_duration_ms", 0);
		body.put("clock_skew_ms", 0);
		body.put("replication_primary_canary_age_ms", 0);
		body.put("removed_from_cluster", false);
		return body;
	}

	/**
	 * Build the body OpenBao 2.6 answers ({@code http/sys_health.go}): no {@code enterprise}, no performance
	 * standby, clock skew, echo or removal fields; the cluster name and ID only while unsealed.
	 * @param state the server state
	 * @param now the time to report
	 * @param sealed whether the node is sealed
	 * @param standby whether it is a standby
	 * @return the body
	 */
	public static ObjectNode openBaoBody(ServerState state, Instant now, boolean sealed, boolean standby) {
		ServerSettings settings = state.settings();
		ObjectNode body = Json.object();
		body.put("initialized", state.isInitialized());
		body.put("sealed", sealed);
		body.put("standby", standby);
		body.put("replication_performance_mode", "disabled");
		body.put("replication_dr_mode", "disabled");
		body.put("server_time_utc", now.getEpochSecond());
		body.put("version", settings.version());
		if (!sealed) {
			body.put("cluster_name", settings.clusterName());
			body.put("cluster_id", settings.clusterId());
		}
		return body;
	}

	private static @Nullable Integer code(HttpCall call, String name, int defaultValue) {
		String value = call.queryParam(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Boolean flag(HttpCall call, String name) {
		String value = call.queryParam(name);
		return (value != null) ? Json.parseBool(value) : Boolean.FALSE;
	}

}
