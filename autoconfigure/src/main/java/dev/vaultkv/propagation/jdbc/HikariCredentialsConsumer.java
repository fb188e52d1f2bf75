package dev.vaultkv.propagation.jdbc;

import dev.vaultkv.propagation.SecretConsumer;

/**
 * Gives a HikariCP pool the credentials of a changed secret: the user name and the password together,
 * tried on the database first when the pool runs, then the pool's connections are retired gracefully
 * ({@code softEvictConnections}: in-flight work finishes on its connection). Applying the credentials the
 * pool has already does nothing. When they cannot be applied (the secret lost a key, the database rejects
 * them, the pool is closed), {@link #apply} throws and the pool keeps its last good credentials.
 * <p>
 * Which secret a pool follows is decided once, after the application's singletons exist:
 * <ul>
 * <li>a pool whose user name and password are the current values of {@code spring.datasource.username}
 * and {@code spring.datasource.password} (the one Spring Boot builds) follows those properties, whichever
 * secrets they read ({@code ${vault:...}} placeholders, directly or through other properties, or
 * {@code spring.config.import=vault:...} properties);</li>
 * <li>any other pool (built by the application from {@code @Value} or {@code @ConfigurationProperties}
 * values) follows the key of a cached secret whose value equals its password, if exactly one key does (or,
 * when several do, exactly one in a secret that also holds its user name), and the key of that secret
 * holding its user name, if exactly one does; on a change it takes the new values of those keys;</li>
 * <li>a pool without a user name or password, or whose password comes from no cached secret, is not
 * followed.</li>
 * </ul>
 *
 * @since 0.1.0
 * @see HikariCredentialsConsumers
 */
public sealed interface HikariCredentialsConsumer extends SecretConsumer
		permits PropertiesHikariCredentialsConsumer, SecretKeyHikariCredentialsConsumer {

	/**
	 * Read the credentials from the cache again and apply them if they differ from those the pool has;
	 * for a pool whose credentials the database rejected.
	 * @return whether new credentials were applied
	 * @throws Exception if they cannot be read or applied; the pool keeps its credentials
	 */
	boolean applyIfChanged() throws Exception;

}
