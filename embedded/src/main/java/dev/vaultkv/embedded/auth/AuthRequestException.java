package dev.vaultkv.embedded.auth;

/**
 * A request an auth method rejects with a Vault error response.
 *
 * @author vaultkv
 */
final class AuthRequestException extends RuntimeException {

	private final int status;

	AuthRequestException(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	static AuthRequestException badRequest(String message) {
		return new AuthRequestException(400, message);
	}

	int status() {
		return this.status;
	}

}
