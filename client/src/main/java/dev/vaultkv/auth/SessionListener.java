package dev.vaultkv.auth;

import dev.vaultkv.client.VaultException;

/**
 * Receives the session manager's lifecycle events, for application events, metrics and health. Events
 * carry the {@link TokenState} and the method name, never a token. Callbacks run on the thread that
 * did the work (a caller or the renewal scheduler) and must be quick; exceptions they throw are logged
 * and ignored.
 *
 * @since 0.1.0
 */
public interface SessionListener {

	/**
	 * A listener that does nothing.
	 */
	SessionListener NONE = new SessionListener() {
	};

	/**
	 * A token was obtained (a login, or a configured or supplied token looked up).
	 * @param method the auth method name
	 * @param state the new token's state
	 */
	default void onLogin(String method, TokenState state) {
	}

	/**
	 * Obtaining a token failed.
	 * @param method the auth method name
	 * @param failure the failure
	 */
	default void onLoginFailure(String method, VaultException failure) {
	}

	/**
	 * The token was renewed.
	 * @param state the token's state after renewal
	 */
	default void onRenewal(TokenState state) {
	}

	/**
	 * Renewing the token failed.
	 * @param state the token's state
	 * @param failure the failure
	 */
	default void onRenewalFailure(TokenState state, VaultException failure) {
	}

	/**
	 * The token can be used no longer: Vault rejected it, it expired, or it can be renewed no further.
	 * A new one is obtained if the method can.
	 * @param state the state of the token that ended
	 * @param reason why, without secret data
	 */
	default void onTokenExpired(TokenState state, String reason) {
	}

	/**
	 * A login-obtained token was revoked on close.
	 * @param state the state of the revoked token
	 */
	default void onRevoked(TokenState state) {
	}

}
