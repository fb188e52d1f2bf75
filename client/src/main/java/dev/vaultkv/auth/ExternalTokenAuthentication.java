package dev.vaultkv.auth;

/**
 * A {@link ClientAuthentication} whose tokens are managed outside this application (a configured
 * token, a Vault Agent sink, a user token factory). The session manager never revokes such a token,
 * and asks for a new one only when {@link #canObtainNewToken()} says another call may give one.
 *
 * @since 0.1.0
 */
public interface ExternalTokenAuthentication extends ClientAuthentication {

	/**
	 * Return whether calling {@link #login} again may give a different token, so that a rejected or
	 * expiring token can be replaced.
	 * @return whether a new token can be obtained
	 */
	boolean canObtainNewToken();

}
