package dev.vaultkv.database;

import java.util.Map;

import org.springframework.util.Assert;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionMetadata;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.propagation.SecretPropagator;

/**
 * Publishes every set of database credentials to the {@link SecretPropagator}, as a secret whose version is
 * the credentials' generation, so that the components following the properties they feed (a connection
 * pool) take new ones; a component that sees them refused makes the manager read them again.
 *
 * @since 0.1.0
 */
public final class DatabaseCredentialsPropagation {

	/**
	 * Connect managers to a propagator, publishing the credentials already obtained.
	 * @param managers the managers
	 * @param propagator the propagator
	 */
	public DatabaseCredentialsPropagation(DatabaseCredentialsManagers managers, SecretPropagator propagator) {
		Assert.notNull(managers, "'managers' must not be null");
		Assert.notNull(propagator, "'propagator' must not be null");
		for (DatabaseCredentialsManager manager : managers.getManagers()) {
			manager.addListener((credentials) -> propagator.publish(manager.getLocation(), asSecret(credentials),
					manager::refreshRejected));
			DatabaseCredentials current = manager.getIfObtained();
			if (current != null) {
				propagator.publish(manager.getLocation(), asSecret(current), manager::refreshRejected);
			}
		}
	}

	static VersionedSecret asSecret(DatabaseCredentials credentials) {
		return new VersionedSecret(
				SecretData.of(Map.of("username", credentials.username(), "password", credentials.password())),
				new VersionMetadata(credentials.generation(), credentials.obtainedAt(), null, false, Map.of()));
	}

}
