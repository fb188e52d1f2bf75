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
	 * What {@link #getReplacementAdvice()} says by default.
	 */
	String DEFAULT_REPLACEMENT_ADVICE = "configure a new token, or a login method such as AppRole or Kubernetes "
			+ "that can obtain new tokens";

	/**
	 * Return whether calling {@link #login} again may give a different token, so that a rejected or
	 * expiring token can be replaced.
	 * @return whether a new token can be obtained
	 */
	boolean canObtainNewToken();

	/**
	 * Return how the token came to the application, for messages such as "The configured Vault token
	 * expired".
	 * @return the description
	 */
	default String getTokenDescription() {
		return "configured Vault token";
	}

	/**
	 * Return what to do once a token that cannot be replaced has ended or is about to.
	 * @return the advice
	 */
	default String getReplacementAdvice() {
		return DEFAULT_REPLACEMENT_ADVICE;
	}

}
