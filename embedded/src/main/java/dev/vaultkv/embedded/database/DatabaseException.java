package dev.vaultkv.embedded.database;

/**
 * An error Vault's database backend or plugin returns as a Go error: answered as a 500 with the text in a
 * multierror, or wrapped by the core when a lease hook fails. Secret values are masked in the message.
 *
 * @author vaultkv
 */
final class DatabaseException extends RuntimeException {

	DatabaseException(String message) {
		super(message, null, false, false);
	}

}
