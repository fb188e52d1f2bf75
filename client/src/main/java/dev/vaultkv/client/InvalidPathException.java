package dev.vaultkv.client;

/**
 * Thrown before any request is sent when a path cannot be addressed in Vault.
 *
 * @since 0.1.0
 */
public class InvalidPathException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param path the rejected path
	 * @param reason why it was rejected
	 */
	public InvalidPathException(String path, String reason) {
		super("Invalid Vault path '" + abbreviate(path) + "': " + reason, null, null, 0, java.util.List.of(), null);
	}

	private static String abbreviate(String path) {
		return (path.length() > 200) ? path.substring(0, 200) + "...(" + path.length() + " chars)" : path;
	}

}
