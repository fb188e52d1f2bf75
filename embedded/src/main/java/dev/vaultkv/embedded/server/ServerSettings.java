package dev.vaultkv.embedded.server;

import java.time.Duration;

/**
 * Fixed settings of a server instance.
 *
 * @param rootToken the root token value
 * @param defaultLeaseTtl the system default lease TTL
 * @param maxLeaseTtl the system max lease TTL
 * @param maxRequestSize the largest accepted request body in bytes
 * @param version the version reported by health and seal status
 * @param clusterName the cluster name
 * @param clusterId the cluster ID
 * @param unsealKey the unseal key printed at start
 * @param openBao whether the server answers as OpenBao rather than Vault
 * @author vaultkv
 * @since 0.1.0
 */
public record ServerSettings(String rootToken, Duration defaultLeaseTtl, Duration maxLeaseTtl, long maxRequestSize,
		String version, String clusterName, String clusterId, String unsealKey, boolean openBao) {

	@Override
	public String toString() {
		return "ServerSettings[defaultLeaseTtl=" + this.defaultLeaseTtl + ", maxLeaseTtl=" + this.maxLeaseTtl
				+ ", maxRequestSize=" + this.maxRequestSize + ", version=" + this.version + ", openBao=" + this.openBao
				+ "]";
	}

}
