package dev.vaultkv.database;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.lease.Lease;

/**
 * A database user name and password from Vault. {@link #toString()} shows neither the password nor the
 * lease id.
 *
 * @param username the user name
 * @param password the password
 * @param lease the lease of dynamic credentials, {@code null} for a static role
 * @param obtainedAt when they were read from Vault
 * @param expiresAt when they stop working (the lease's end, or a static role's next rotation), or
 * {@code null} when unknown
 * @param generation counts the credentials obtained for the role, from 1
 * @since 0.1.0
 */
public record DatabaseCredentials(String username, String password, @Nullable Lease lease, Instant obtainedAt,
		@Nullable Instant expiresAt, long generation) {

	/**
	 * Create a new instance.
	 */
	public DatabaseCredentials {
		Assert.hasText(username, "'username' must not be empty");
		Assert.hasText(password, "'password' must not be empty");
		Assert.notNull(obtainedAt, "'obtainedAt' must not be null");
	}

	@Override
	public String toString() {
		return "DatabaseCredentials[username=" + this.username + ", password=****, lease=" + this.lease
				+ ", obtainedAt=" + this.obtainedAt + ", expiresAt=" + this.expiresAt + ", generation="
				+ this.generation + "]";
	}

}
