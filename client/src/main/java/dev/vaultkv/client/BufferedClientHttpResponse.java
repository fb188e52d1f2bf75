package dev.vaultkv.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@link ClientHttpResponse} whose body was received whole.
 *
 * @since 0.1.0
 */
final class BufferedClientHttpResponse implements ClientHttpResponse {

	private final int status;

	private final HttpHeaders headers;

	private final byte[] body;

	BufferedClientHttpResponse(int status, HttpHeaders headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatusCode.valueOf(this.status);
	}

	@Override
	public String getStatusText() {
		HttpStatus status = HttpStatus.resolve(this.status);
		return (status != null) ? status.getReasonPhrase() : "";
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public InputStream getBody() {
		return new Body(this.body);
	}

	@Override
	public void close() {
	}

	/**
	 * Return the whole body of a response if {@code stream} is the untouched body of a
	 * {@link BufferedClientHttpResponse}, so that a caller reading it all need not copy it.
	 * @param stream a response body, possibly handed on by a wrapper or an interceptor
	 * @return the body, or {@code null} when the stream is another one or was read from
	 */
	static byte @Nullable [] bodyOf(InputStream stream) {
		return (stream instanceof Body body) ? body.untouched() : null;
	}

	/**
	 * The body stream, which can hand over its array while nothing was read from it.
	 */
	private static final class Body extends ByteArrayInputStream {

		Body(byte[] body) {
			super(body);
		}

		synchronized byte @Nullable [] untouched() {
			return (this.pos == 0 && this.mark == 0 && this.count == this.buf.length) ? this.buf : null;
		}

	}

}
