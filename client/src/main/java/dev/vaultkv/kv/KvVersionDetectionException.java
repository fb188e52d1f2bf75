package dev.vaultkv.kv;

import dev.vaultkv.client.VaultException;

/**
 * The KV version of a mount could not be detected and no fallback version is configured. vaultkv never
 * guesses: treating a version 2 mount as version 1 would read and write the wrong paths.
 *
 * @since 0.1.0
 */
public class KvVersionDetectionException extends VaultException {

	private static final long serialVersionUID = 1L;

	private final String mount;

	/**
	 * Create a new instance.
	 * @param mount the mount
	 * @param message what happened and how to fix it
	 * @param cause the failure of the detection request
	 */
	public KvVersionDetectionException(String mount, String message, VaultException cause) {
		super(message, cause.getOperation(), cause.getPath(), cause.getStatus(), cause.getErrors(), cause);
		this.mount = mount;
	}

	/**
	 * Create a new instance for a detection that got an answer it cannot use.
	 * @param mount the mount
	 * @param message what happened and how to fix it
	 */
	public KvVersionDetectionException(String mount, String message) {
		super(message);
		this.mount = mount;
	}

	/**
	 * Return the mount whose version is unknown.
	 * @return the mount
	 */
	public String getMount() {
		return this.mount;
	}

}
