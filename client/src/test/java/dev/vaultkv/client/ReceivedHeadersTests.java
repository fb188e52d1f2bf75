package dev.vaultkv.client;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReceivedHeaders}.
 */
class ReceivedHeadersTests {

	private static HttpHeaders headers() {
		return new HttpHeaders(new ReceivedHeaders(new Header[] { new BasicHeader("Content-Type", "application/json"),
				new BasicHeader("Content-Length", "42"), new BasicHeader("X-Vault-Index", "state-1"),
				new BasicHeader("x-vault-index", "state-2") }));
	}

	@Test
	void looksUpHeadersIgnoringCase() {
		HttpHeaders headers = headers();
		assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(headers.getContentLength()).isEqualTo(42);
		assertThat(headers.get("X-VAULT-INDEX")).containsExactly("state-1", "state-2");
		assertThat(headers.getFirst("x-vault-index")).isEqualTo("state-1");
		assertThat(headers.containsHeader("content-type")).isTrue();
		assertThat(headers.get("Location")).isNull();
		assertThat(headers.getFirst("Location")).isNull();
		assertThat(headers.containsHeader("Location")).isFalse();
	}

	@Test
	void iteratesNamesOnceEachInTheOrderReceived() {
		HttpHeaders headers = headers();
		assertThat(headers.headerNames()).containsExactly("Content-Type", "Content-Length", "X-Vault-Index");
		assertThat(headers.size()).isEqualTo(3);
		assertThat(headers.toSingleValueMap()).containsEntry("X-Vault-Index", "state-1");
	}

	@Test
	void changesApplyToACopyThatLaterLookupsSee() {
		HttpHeaders headers = headers();
		headers.add("x-vault-index", "state-3");
		headers.set("Content-Length", "7");
		headers.remove("Content-Type");
		assertThat(headers.get("X-Vault-Index")).containsExactly("state-1", "state-2", "state-3");
		assertThat(headers.getContentLength()).isEqualTo(7);
		assertThat(headers.getContentType()).isNull();
		assertThat(headers.headerNames()).containsExactly("Content-Length", "X-Vault-Index");
	}

	@Test
	void emptyWithoutHeaders() {
		HttpHeaders headers = new HttpHeaders(new ReceivedHeaders(new Header[0]));
		assertThat(headers.isEmpty()).isTrue();
		assertThat(headers.getContentLength()).isEqualTo(-1);
	}

}
