package dev.vaultkv.client;

import java.io.IOException;

/**
 * Raised by the transport when an answer is larger than the configured limit; turned into a
 * {@link MalformedResponseException} by {@link DefaultVaultClient}.
 *
 * @since 0.1.0
 */
final class ResponseTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final long limit;

	ResponseTooLargeException(int status, long limit) {
		super("The answer is larger than the limit of " + limit + " bytes");
		this.status = status;
		this.limit = limit;
	}

	int getStatus() {
		return this.status;
	}

	long getLimit() {
		return this.limit;
	}

}
