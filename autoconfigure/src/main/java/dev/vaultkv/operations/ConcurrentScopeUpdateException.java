package dev.vaultkv.operations;

import dev.vaultkv.client.VaultException;

/**
 * Thrown when a change to a {@link ScopedSecretMap} lost the check-and-set race on every attempt.
 *
 * @since 0.1.0
 */
public class ConcurrentScopeUpdateException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param path the path of the map's secret
	 * @param attempts the number of attempts made
	 */
	public ConcurrentScopeUpdateException(String path, int attempts) {
		super("Could not update the scoped map at '" + path + "': other writers changed it during each of "
				+ attempts + " check-and-set attempts; retry later or raise vault.scopes.max-attempts");
	}

	@Override
	public boolean isTransient() {
		return true;
	}

}
