package dev.vaultkv.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

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
		return new ByteArrayInputStream(this.body);
	}

	@Override
	public void close() {
	}

}
