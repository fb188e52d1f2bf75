package dev.vaultkv.embedded.kv;

/**
 * The mount-wide settings of a KV v2 engine ({@code {mount}/config}).
 *
 * @param maxVersions versions kept per key, {@code 0} for the default
 * @param casRequired whether every write must carry {@code options.cas}
 * @param deleteVersionAfterSeconds automatic soft-delete delay, {@code 0} unset, {@code -1} disabled for
 * every key
 * @author vaultkv
 */
record KvV2Config(long maxVersions, boolean casRequired, long deleteVersionAfterSeconds) {

	static final KvV2Config DEFAULT = new KvV2Config(0, false, 0);

	static final long DELETE_VERSION_AFTER_DISABLED = -1;

	boolean isDeleteVersionAfterDisabled() {
		return this.deleteVersionAfterSeconds == DELETE_VERSION_AFTER_DISABLED;
	}

}
