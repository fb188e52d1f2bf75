package dev.vaultkv.secret;

/**
 * How a {@link SecretStore#read(SecretLocation) read} of the secret store was served.
 *
 * @since 0.1.0
 */
public enum SecretReadOutcome {

	/**
	 * Served from the cache, within its time to live.
	 */
	HIT,

	/**
	 * Read from Vault, because it was not cached or its time to live had ended.
	 */
	MISS,

	/**
	 * Served from the cache past its time to live, because Vault could not be read.
	 */
	STALE,

	/**
	 * Failed: Vault could not be read and no usable cached value existed.
	 */
	ERROR

}
