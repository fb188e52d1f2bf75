package dev.vaultkv.auth;

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
	@org.jspecify.annotations.Nullable TokenState getTokenState();

	/**
	 * Revoke a login-obtained token and stop renewing.
	 */
	@Override
	void close();

}
