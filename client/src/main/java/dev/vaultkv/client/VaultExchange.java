package dev.vaultkv.client;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * What was asked and what came back for one HTTP exchange: the input of the response parser and the
 * error mapper.
 *
 * @param operation the operation for messages ({@code GET}, {@code LIST}...)
 * @param path the request path relative to {@code /v1/}
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the response body, possibly empty
 * @since 0.1.0
 */
record VaultExchange(String operation, String path, int status, HttpHeaders headers, byte[] body) {

	boolean hasBody() {
		for (byte b : this.body) {
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return true;
			}
		}
		return false;
	}

	@Nullable MediaType contentType() {
		try {
			return this.headers.getContentType();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	String describeContentType() {
		MediaType contentType = contentType();
		return (contentType != null) ? contentType.getType() + "/" + contentType.getSubtype() : "no Content-Type";
	}

	@Override
	public String toString() {
		return this.operation + " " + this.path + " -> " + this.status;
	}

}
