package dev.vaultkv.kv;

/**
 * Version of a key-value secrets engine mount.
 *
 * @since 0.1.0
 */
public enum KvVersion {

	/**
	 * KV version 1: one unversioned value per path.
	 */
	V1,

	/**
	 * KV version 2: versioned values with metadata, check-and-set and soft delete.
	 */
	V2

}
