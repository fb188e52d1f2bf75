package dev.vaultkv.database;

import org.springframework.util.Assert;

import dev.vaultkv.secret.SecretLocation;

/**
 * A role of Vault's database secrets engine that credentials come from.
 *
 * @param name the name of this set of credentials ({@code default} for the one feeding
 * {@code spring.datasource.*})
 * @param mount the engine's mount, without slashes
 * @param role the role
 * @param kind dynamic ({@code creds/<role>}, a new user under a lease) or static ({@code static-creds/<role>},
 * an existing user whose password Vault rotates)
 * @since 0.1.0
 */
public record DatabaseRole(String name, String mount, String role, Kind kind) {

	/**
	 * Create a new instance.
	 */
	public DatabaseRole {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(mount, "'mount' must not be empty");
		Assert.hasText(role, "'role' must not be empty");
		Assert.notNull(kind, "'kind' must not be null");
		mount = mount.replaceAll("^/+|/+$", "");
	}

	/**
	 * Return the path credentials are read from.
	 * @return {@code <mount>/creds/<role>} or {@code <mount>/static-creds/<role>}
	 */
	public String credentialsPath() {
		return this.mount + "/" + credentialsSubPath();
	}

	private String credentialsSubPath() {
		return ((this.kind == Kind.DYNAMIC) ? "creds/" : "static-creds/") + this.role;
	}

	/**
	 * Return the location the credentials are known by to the propagation of changed secrets.
	 * @return the location
	 */
	public SecretLocation location() {
		return new SecretLocation(this.mount, credentialsSubPath(), 0);
	}

	/**
	 * The kinds of database roles.
	 */
	public enum Kind {

		/**
		 * Vault creates a user for each read, under a lease.
		 */
		DYNAMIC,

		/**
		 * Vault owns an existing user's password and rotates it.
		 */
		STATIC

	}

}
