package dev.vaultkv.auth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.TokenProvider;

/**
 * Owns the client's token: logs in lazily, renews ahead of expiry, logs in again when renewal can go no
 * further or the token was revoked, and revokes a login-obtained token on close.
 *
 * @since 0.1.0
 * @see DefaultSessionManager
 */
public interface SessionManager extends TokenProvider, AutoCloseable {

	/**
	 * Return the state of the current token, without its value, or {@code null} before the first login.
	 * @return the token state or {@code null}
	 */
	@Nullable TokenState getTokenState();

	/**
	 * Renew the current token now (logging in first when no token is held) and reschedule the next
	 * renewal from the TTL Vault grants.
	 * @param increment the TTL to ask for ({@code increment} of {@code auth/token/renew-self}), or
	 * {@code null} for the token's default; Vault caps it at the token's max TTL
	 * @return the state of the renewed token
	 * @throws dev.vaultkv.client.VaultException if Vault does not renew the token
	 */
	default TokenState renew(@Nullable Duration increment) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot renew on demand");
	}

	/**
	 * Drop the current token and stop renewing it; the next request logs in again. Unlike
	 * {@link #close()} the session manager stays usable.
	 * @param revoke whether to revoke a login-obtained token with {@code auth/token/revoke-self}
	 * first; {@code false} drops it locally only (it lives on in Vault until it expires), for
	 * example when another process still uses it
	 */
	default void logout(boolean revoke) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot log out");
	}

	/**
	 * Revoke a login-obtained token and stop renewing.
	 */
	@Override
	void close();

}
