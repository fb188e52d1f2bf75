package dev.vaultkv.embedded.spi;

/**
 * Issues tokens for auth methods.
 *
 * @author vaultkv
 * @since 0.1.0
 */
@FunctionalInterface
public interface TokenIssuer {

	/**
	 * Issue a token. TTLs are resolved against the auth mount's default and maximum TTL, capping with
	 * warnings as Vault does.
	 * @param spec what to issue
	 * @return the issued token
	 * @since 0.1.0
	 */
	IssuedToken issue(TokenSpec spec);

}
