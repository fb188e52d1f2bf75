package dev.vaultkv.samples.rotating;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.zaxxer.hikari.HikariDataSource;

import dev.vaultkv.operations.VaultKvOperations;

/**
 * Rotates the database password: a new random password goes to the database ({@code ALTER USER} over the
 * admin connection) and to Vault (through the operations bean, then read back, which hands it to the pool
 * at once), in either order; then it waits until the pool has taken it and opened a connection with it.
 */
final class PasswordRotator {

	private static final Duration POLL = Duration.ofMillis(2);

	private final SecureRandom random = new SecureRandom();

	private final VaultKvOperations vault;

	private final String path;

	private final DemoDatabase database;

	private final HikariDataSource pool;

	PasswordRotator(VaultKvOperations vault, String path, DemoDatabase database, HikariDataSource pool) {
		this.vault = vault;
		this.path = path;
		this.database = database;
		this.pool = pool;
	}

	/**
	 * Rotate the password once.
	 * @param order which side changes first
	 * @param timeout how long to wait for the pool to connect with the new password
	 * @return the rotation
	 * @throws SQLException if the database refuses the change
	 */
	Rotation rotate(Order order, Duration timeout) throws SQLException {
		String username = this.vault.readString(this.path, "username");
		if (username == null) {
			throw new IllegalStateException("Vault holds no username at " + this.path);
		}
		String password = newPassword();
		long start = System.nanoTime();
		OffsetDateTime changed;
		if (order == Order.DATABASE_FIRST) {
			changed = this.database.changePassword(username, password);
			write(password);
		}
		else {
			write(password);
			changed = this.database.changePassword(username, password);
		}
		// vaultkv tries the new password on a connection of its own before the pool takes it; once the pool
		// has it, a connection since 'changed' (when the database began to refuse the old one) is the pool's
		long deadline = start + timeout.toNanos();
		while (!password.equals(this.pool.getCredentials().getPassword())
				|| !this.database.connectedSince(username, changed)) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("The pool did not take the new password and open a connection with it "
						+ "within " + timeout);
			}
			LockSupport.parkNanos(POLL.toNanos());
		}
		return new Rotation(order, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start) / 1000.0);
	}

	/**
	 * Write the password to Vault and read the secret back: the write drops the cached secret, and the
	 * read puts the new one in the cache, from where it goes to the pool.
	 */
	private void write(String password) {
		this.vault.patch(this.path, Map.of("password", password));
		this.vault.read(this.path);
	}

	private String newPassword() {
		byte[] bytes = new byte[18];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Which side gets the new password first.
	 */
	enum Order {

		/** The database, then Vault: connections opened in between fail and read Vault again. */
		DATABASE_FIRST("database first, then Vault"),

		/** Vault, then the database: the pool may try the new password before the database takes it. */
		VAULT_FIRST("Vault first, then database");

		private final String description;

		Order(String description) {
			this.description = description;
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

	/**
	 * One rotation.
	 *
	 * @param order which side changed first
	 * @param millis from the first change to the pool's first connection with the new password
	 */
	record Rotation(Order order, double millis) {

	}

}
