package dev.vaultkv.embedded.server;

/**
 * A lease operation failed; the message is Vault's error text, answered as a 400.
 *
 * @author vaultkv
 */
final class LeaseException extends RuntimeException {

	LeaseException(String message) {
		super(message, null, false, false);
	}

}
