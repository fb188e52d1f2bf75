package dev.vaultkv.client;

/**
 * Source of the token that authenticates requests. Implemented by the session manager, which keeps the
 * token valid; a static implementation serves a fixed token.
 *
 * @since 0.1.0
 */
public interface TokenProvider {

	/**
	 * Return the token to send now. May log in first when no valid token is held.
	 * @return the current token
	 * @throws VaultException if no token can be obtained
	 */
	VaultToken getToken();

	/**
	 * Called when Vault rejected {@code rejected} with a 403. Implementations decide whether the token is
	 * dead (then obtain a new one, once, however many threads report the same token at the same time) or
	 * whether the 403 was a plain policy denial (then rethrow {@code cause}).
	 * @param rejected the token that was sent
	 * @param cause the rejection
	 * @return the token to retry the request with, which differs from {@code rejected}
	 * @throws VaultException {@code cause} when the token is still valid, or an
	 * {@link AuthenticationException} when no new token can be obtained
	 */
	VaultToken handleRejection(VaultToken rejected, PermissionDeniedException cause);

	/**
	 * Return a provider for a fixed token that is never replaced.
	 * @param token the token
	 * @return the provider
	 */
	static TokenProvider of(VaultToken token) {
		return new TokenProvider() {

			@Override
			public VaultToken getToken() {
				return token;
			}

			@Override
			public VaultToken handleRejection(VaultToken rejected, PermissionDeniedException cause) {
				throw cause;
			}

		};
	}

}
