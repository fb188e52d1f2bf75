package dev.vaultkv.embedded.auth;

/**
 * A JWT that failed validation. Messages follow Vault's JWT validator and never contain the token.
 *
 * @author vaultkv
 */
final class JwtValidationException extends Exception {

	JwtValidationException(String message) {
		super(message, null, false, false);
	}

	boolean isSignatureFailure() {
		return getMessage().contains("verifying token signature");
	}

}
