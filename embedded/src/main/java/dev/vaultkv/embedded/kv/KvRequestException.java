package dev.vaultkv.embedded.kv;

/**
 * A request the KV engine refuses, rendered as Vault renders a backend error response: the status (400
 * unless said otherwise) and the message as the single entry of {@code errors}.
 *
 * @author vaultkv
 */
final class KvRequestException extends RuntimeException {

	private final int status;

	KvRequestException(String message) {
		this(400, message);
	}

	KvRequestException(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
