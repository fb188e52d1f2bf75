package dev.vaultkv.kv;

import dev.vaultkv.client.VaultException;

/**
 * Thrown, before any request is sent, for an operation that the mount's KV version does not have
 * (versions, check-and-set, patch and metadata on KV version 1).
 *
 * @since 0.1.0
 */
public class UnsupportedKvOperationException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param mount the mount
	 * @param operation what was asked, e.g. {@code "patch"}
	 */
	public UnsupportedKvOperationException(String mount, String operation) {
		super("Mount '" + mount + "' is a KV version 1 engine, which has no " + operation
				+ "; upgrade it to version 2 (vault kv enable-versioning " + mount + ") to use it");
	}

}
