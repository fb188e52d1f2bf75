package dev.vaultkv.embedded.spi;

import java.time.Clock;
import java.util.Map;

/**
 * What a {@link Backend} knows about the mount it serves.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public interface MountContext {

	/**
	 * Return the mount path with a trailing slash, relative to its namespace, e.g. {@code secret/} or
	 * {@code auth/approle/}.
	 * @return the mount path
	 * @since 0.1.0
	 */
	String path();

	/**
	 * Return the engine or auth method type, e.g. {@code kv} or {@code approle}.
	 * @return the type
	 * @since 0.1.0
	 */
	String type();

	/**
	 * Return the mount options, e.g. {@code version} to {@code 2}. The map reflects the current options,
	 * including later tuning.
	 * @return the options
	 * @since 0.1.0
	 */
	Map<String, String> options();

	/**
	 * Return the namespace of the mount ({@code ""} for root, else with a trailing slash).
	 * @return the namespace
	 * @since 0.1.0
	 */
	String namespace();

	/**
	 * Return the server clock.
	 * @return the clock
	 * @since 0.1.0
	 */
	Clock clock();

	/**
	 * Return the token issuer for logins.
	 * @return the token issuer
	 * @since 0.1.0
	 */
	TokenIssuer tokens();

	/**
	 * Return the effective default lease TTL of the mount (system default if the mount sets none).
	 * @return the default TTL in seconds
	 * @since 0.1.0
	 */
	long defaultLeaseTtlSeconds();

	/**
	 * Return the effective maximum lease TTL of the mount (system default if the mount sets none).
	 * @return the maximum TTL in seconds
	 * @since 0.1.0
	 */
	long maxLeaseTtlSeconds();

	/**
	 * Return whether LIST requests honour the {@code after} and {@code limit} parameters, as OpenBao's engines
	 * do (see {@link ListPage}); Vault ignores them.
	 * @return whether lists are paginated
	 * @since 0.1.0
	 */
	default boolean paginatesLists() {
		return false;
	}

}
