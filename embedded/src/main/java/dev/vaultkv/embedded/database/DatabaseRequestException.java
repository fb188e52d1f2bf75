package dev.vaultkv.embedded.database;

/**
 * A request the engine answers with one of Vault's error responses (400). Errors a Vault backend returns as
 * Go errors are {@link DatabaseException}s instead.
 *
 * @author vaultkv
 */
final class DatabaseRequestException extends RuntimeException {

	private final int status;

	private DatabaseRequestException(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	static DatabaseRequestException badRequest(String message) {
		return new DatabaseRequestException(400, message);
	}

	int status() {
		return this.status;
	}

}
