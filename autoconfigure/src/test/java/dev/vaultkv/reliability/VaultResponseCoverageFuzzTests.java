package dev.vaultkv.reliability;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.reliability.VaultResponseFuzzTests.Reply;

/**
 * Coverage-guided fuzzing (Jazzer) of how the client turns Vault's answer into a secret or a
 * {@link dev.vaultkv.client.VaultException}: status, content type and body come from the fuzzer and
 * are served in memory to {@link KvTemplate} on {@link DefaultVaultClient}, with the checks of
 * {@link VaultResponseFuzzTests} (the data a read returns is the data the answer carried; any
 * failure is a {@code VaultException} with a message that shows no secret). Transport faults (slow,
 * truncated and huge answers over a socket) stay in {@link VaultResponseFuzzTests}. In
 * {@code ./mvnw verify} it fuzzes for a bounded time (the build's {@code coverage-guided-fuzzing}
 * execution sets {@code JAZZER_FUZZ}); run on its own, it replays its seeds only.
 */
class VaultResponseCoverageFuzzTests {

	private static final int[] STATUSES = { 200, 200, 200, 201, 204, 301, 307, 400, 401, 403, 404, 405, 409, 412,
			429, 500, 502, 503, 599 };

	private static final String[] CONTENT_TYPES = { "application/json", "application/json; charset=utf-8",
			"text/html", "text/plain", "" };

	private static final AtomicReference<Reply> REPLY = new AtomicReference<>();

	private static final KvOperations KV = new KvTemplate(
			DefaultVaultClient.builder(URI.create("http://vault.invalid:8200"))
				.tokenProvider(TokenProvider.of(VaultToken.of("hvs.fuzz-token")))
				.requestFactory(inMemory())
				.build(),
			"secret", KvVersion.V2);

	@FuzzTest(maxDuration = "20s")
	void answersGiveTheirDataOrAVaultException(FuzzedDataProvider data) {
		int status = data.pickValue(STATUSES);
		String contentType = data.pickValue(CONTENT_TYPES);
		Reply reply = new Reply(status, contentType.isEmpty() ? null : contentType, data.consumeRemainingAsBytes(),
				false);
		REPLY.set(reply);
		VaultResponseFuzzTests.checkRead(KV, reply);
	}

	private static ClientHttpRequestFactory inMemory() {
		return (uri, method) -> {
			Reply reply = REPLY.get();
			MockClientHttpResponse response = new MockClientHttpResponse(reply.body(),
					HttpStatusCode.valueOf(reply.status()));
			if (reply.contentType() != null) {
				response.getHeaders().set("Content-Type", reply.contentType());
			}
			MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
			request.setResponse(response);
			return request;
		};
	}

}
