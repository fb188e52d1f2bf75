package dev.vaultkv.sys;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Health of a Vault node, from {@code sys/health}.
 *
 * @param initialized whether Vault is initialized
 * @param sealed whether Vault is sealed
 * @param standby whether the node is a standby
 * @param performanceStandby whether the node is a performance standby (Vault Enterprise)
 * @param replicationPerformanceMode the performance replication mode, or {@code null}
 * @param replicationDrMode the disaster recovery replication mode, or {@code null}
 * @param serverTime the node's clock, or {@code null}
 * @param version the server version, or {@code null}
 * @param clusterName the cluster name, or {@code null} (absent while sealed)
 * @param clusterId the cluster id, or {@code null} (absent while sealed)
 * @param enterprise whether the server is Vault Enterprise
 * @param haConnectionHealthy whether a standby reaches the active node ({@code ha_connection_healthy},
 * Vault 1.19; {@code true} when the node does not say, as an active node or an older Vault)
 * @since 0.1.0
 */
public record HealthStatus(boolean initialized, boolean sealed, boolean standby, boolean performanceStandby,
		@Nullable String replicationPerformanceMode, @Nullable String replicationDrMode, @Nullable Instant serverTime,
		@Nullable String version, @Nullable String clusterName, @Nullable String clusterId, boolean enterprise,
		boolean haConnectionHealthy) {

	/**
	 * Return whether the node is initialized, unsealed and active (not a standby).
	 * @return whether the node serves requests itself
	 */
	public boolean isActive() {
		return this.initialized && !this.sealed && !this.standby && !this.performanceStandby;
	}

}
