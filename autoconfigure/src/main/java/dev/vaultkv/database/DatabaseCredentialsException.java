package dev.vaultkv.database;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.VaultException;

/**
 * Database credentials could not be obtained from Vault. The message names the role and the path, and
 * what Vault said; never a password.
 *
 * @since 0.1.0
 */
public class DatabaseCredentialsException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final transient DatabaseRole role;

	/**
	 * Create a new instance.
	 * @param role the role
	 * @param cause what failed
	 */
	public DatabaseCredentialsException(DatabaseRole role, RuntimeException cause) {
		super("Could not obtain database credentials '" + role.name() + "' from " + role.credentialsPath() + " ("
				+ role.kind().name().toLowerCase(java.util.Locale.ROOT) + " role '" + role.role() + "'): "
				+ cause.getMessage(), cause);
		this.role = role;
	}

	/**
	 * Return the role.
	 * @return the role
	 */
	public DatabaseRole getRole() {
		return this.role;
	}

	/**
	 * Return the Vault failure behind this one.
	 * @return the failure, or {@code null} when Vault answered but not with credentials
	 */
	public @Nullable VaultException getVaultFailure() {
		return (getCause() instanceof VaultException vault) ? vault : null;
	}

}
