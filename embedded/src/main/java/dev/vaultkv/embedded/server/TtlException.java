package dev.vaultkv.embedded.server;

/**
 * A token TTL rule was violated; the message is Vault's error text.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class TtlException extends RuntimeException {

	TtlException(String message) {
		super(message);
	}

}
