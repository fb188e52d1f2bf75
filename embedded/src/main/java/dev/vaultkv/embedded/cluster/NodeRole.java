package dev.vaultkv.embedded.cluster;

/**
 * The role a node of an {@link EmbeddedVaultCluster} plays at a moment.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public enum NodeRole {

	/**
	 * The node holding the lock: it takes every write and answers everything itself.
	 */
	ACTIVE,

	/**
	 * A standby: it forwards every request to the active node (or redirects with 307 when forwarding is off).
	 */
	STANDBY,

	/**
	 * A performance standby: it answers KV reads from its lagging copy and forwards the rest.
	 */
	PERFORMANCE_STANDBY

}
