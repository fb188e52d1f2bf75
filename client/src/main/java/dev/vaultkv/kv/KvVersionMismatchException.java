package dev.vaultkv.kv;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.VaultException;

/**
 * Vault answered that a path is not valid for a versioned (KV version 2) engine: the mount is KV version 2
 * but was addressed with a version 1 path, usually because version 1 was configured for it.
 *
 * @since 0.1.0
 */
public class KvVersionMismatchException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param mount the mount
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param warnings Vault's warnings
	 * @param cause the 404 Vault answered with
	 */
	public KvVersionMismatchException(String mount, String operation, String path, List<String> warnings,
			@Nullable Throwable cause) {
		super("Mount '" + mount + "' is a KV version 2 engine, but '" + path
				+ "' is a KV version 1 style path; configure version 2 for this mount (or let vaultkv detect it)",
				operation, path, 404, warnings, cause);
	}

}
