package dev.vaultkv.propagation.jdbc;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.propagation.SecretChange;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

/**
 * Follows the keys of a secret that a pool built by the application took its credentials from.
 */
final class SecretKeyHikariCredentialsConsumer implements HikariCredentialsConsumer {

	private final HikariPoolCredentials pool;

	private final SecretStore store;

	private final SecretKeyMatch match;

	SecretKeyHikariCredentialsConsumer(HikariPoolCredentials pool, SecretStore store, SecretKeyMatch match) {
		this.pool = pool;
		this.store = store;
		this.match = match;
	}

	@Override
	public String getName() {
		return this.pool.getName();
	}

	@Override
	public Set<SecretLocation> getFollowedSecrets() {
		return Set.of(this.match.location());
	}

	@Override
	public synchronized void apply(SecretChange change) {
		if (change.location().equals(this.match.location())) {
			applyFrom(change.secret());
		}
	}

	@Override
	public synchronized boolean applyIfChanged() {
		return applyFrom(this.store.read(this.match.location()));
	}

	private boolean applyFrom(@Nullable VersionedSecret secret) {
		if (secret == null) {
			throw new IllegalStateException("Secret " + this.match.location() + " is absent");
		}
		String password = required(secret, this.match.passwordKey());
		String usernameKey = this.match.usernameKey();
		String username = (usernameKey != null) ? required(secret, usernameKey) : this.pool.getUsername();
		if (username == null) {
			throw new IllegalStateException(this.pool.getName() + " has no user name");
		}
		return this.pool.apply(username, password);
	}

	private String required(VersionedSecret secret, String key) {
		String value = secret.data().getString(key);
		if (value == null || value.isEmpty()) {
			throw new IllegalStateException(
					"Secret " + this.match.location() + " has no value for key '" + key + "'");
		}
		return value;
	}

	@Override
	public String toString() {
		return "SecretKeyHikariCredentialsConsumer[" + this.pool.getName() + ", " + this.match + "]";
	}

}
