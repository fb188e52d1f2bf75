package dev.vaultkv.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.client.response.DefaultResponseCreator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;

/**
 * Tests for {@link VaultResponseErrorMapper}, through {@link DefaultVaultClient} and
 * {@link MockRestServiceServer}.
 */
class VaultResponseErrorMapperTests {

	private static final String ENDPOINT = "https://vault.example.com:8200";

	private static final String TOKEN = "hvs.CAESIJ-secret-token-value";

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private MockRestServiceServer server;

	private final DefaultVaultClient client = DefaultVaultClient.builder(URI.create(ENDPOINT))
		.tokenProvider(new RecordingTokenProvider(TOKEN, null))
		.clock(Clock.fixed(NOW, ZoneOffset.UTC))
		.customizer((builder) -> this.server = MockRestServiceServer.bindTo(builder).build())
		.build();

	private VaultException fail(DefaultResponseCreator response) {
		return fail(VaultRequest.get("secret/data/app").query("version", "s3cr3t-query").build(), response);
	}

	private VaultException fail(VaultRequest request, DefaultResponseCreator response) {
		this.server.reset();
		this.server.expect(requestTo(org.hamcrest.Matchers.startsWith(ENDPOINT + "/v1/" + request.getPath())))
			.andRespond(response);
		VaultException ex = catchThrowableOfType(VaultException.class, () -> this.client.execute(request));
		assertThat(ex).as("exception").isNotNull();
		this.server.verify();
		assertThat(ex.getMessage()).doesNotContain(TOKEN).doesNotContain("s3cr3t-query");
		assertThat(ex.toString()).doesNotContain(TOKEN);
		return ex;
	}

	private static DefaultResponseCreator json(int status, String body) {
		return withStatus(HttpStatusCode.valueOf(status)).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "400, InvalidRequestException, false", "405, InvalidRequestException, false",
			"409, InvalidRequestException, false", "413, InvalidRequestException, false",
			"415, InvalidRequestException, false", "422, InvalidRequestException, false",
			"401, PermissionDeniedException, false", "501, VaultNotInitializedException, false", "403, PermissionDeniedException, false",
			"412, PreconditionFailedException, true", "429, RateLimitedException, true",
			"500, VaultServerException, true", "502, VaultServerException, true", "503, VaultServerException, true",
			"504, VaultServerException, true", "404, SecretNotFoundException, false" })
	void mapsStatus(int status, String type, boolean transientFailure) {
		VaultException ex = fail(VaultRequest.get("sys/x").unauthenticated().build(),
				json(status, "{\"errors\":[\"something went wrong\"]}"));
		assertThat(ex.getClass().getSimpleName()).isEqualTo(type);
		assertThat(ex.isTransient()).isEqualTo(transientFailure);
		assertThat(ex.getStatus()).isEqualTo(status);
		assertThat(ex.getOperation()).isEqualTo("GET");
		assertThat(ex.getPath()).isEqualTo("sys/x");
		assertThat(ex.getErrors()).containsExactly("something went wrong");
		assertThat(ex.getMessage()).contains("(GET sys/x -> " + status + ")")
			.endsWith(": Vault said something went wrong");
	}

	@Test
	void invalidRequestNamesWhatVaultSaid() {
		VaultException ex = fail(VaultRequest.post("secret/data/app").body(java.util.Map.of("data", "x")).build(),
				json(400, "{\"errors\":[\"check-and-set parameter did not match the current version\"]}"));
		assertThat(ex).isInstanceOf(InvalidRequestException.class)
			.hasMessage("Vault rejected the request as invalid (POST secret/data/app -> 400): "
					+ "Vault said check-and-set parameter did not match the current version");
	}

	@Test
	void flattensMultiErrors() {
		VaultException ex = fail(json(403,
				"{\"errors\":[\"2 errors occurred:\\n\\t* permission denied\\n\\t* invalid token\\n\\n\"]}"));
		assertThat(ex).isInstanceOf(PermissionDeniedException.class)
			.hasMessageEndingWith("Vault said permission denied, invalid token");
		assertThat(((PermissionDeniedException) ex).isInvalidToken()).isTrue();
	}

	@Test
	void joinsSeveralErrors() {
		VaultException ex = fail(json(400, "{\"errors\":[\"first\",\"second\"]}"));
		assertThat(ex).hasMessageEndingWith("Vault said first; second");
	}

	@Test
	void notFoundWithEmptyErrors() {
		VaultException ex = fail(json(404, "{\"errors\":[]}"));
		assertThat(ex).isExactlyInstanceOf(SecretNotFoundException.class)
			.hasMessage("Nothing found at this path (GET secret/data/app -> 404)");
	}

	@Test
	void notFoundWithEmptyBody() {
		VaultException ex = fail(withStatus(HttpStatusCode.valueOf(404)));
		assertThat(ex).isExactlyInstanceOf(SecretNotFoundException.class);
		assertThat(ex.getErrors()).isEmpty();
	}

	@Test
	void notFoundKeepsEnvelopeDataAndWarnings() {
		VaultException ex = fail(json(404,
				"{\"request_id\":\"r\",\"data\":{\"data\":null,\"metadata\":{\"deletion_time\":\"2024-05-02T09:14:07Z\","
						+ "\"destroyed\":false,\"version\":3}},\"warnings\":[\"w1\"]}"));
		assertThat(ex).isExactlyInstanceOf(SecretNotFoundException.class);
		SecretNotFoundException notFound = (SecretNotFoundException) ex;
		assertThat(notFound.getData()).isNotNull();
		assertThat(notFound.getData().get("metadata").get("version").asInt()).isEqualTo(3);
		assertThat(notFound.getWarnings()).containsExactly("w1");
	}

	@Test
	void notFoundWithoutHandlerIsMountNotFound() {
		VaultException ex = fail(json(404, "{\"errors\":[\"no handler for route \\\"secrt/data/app\\\". route entry not found.\"]}"));
		assertThat(ex).isExactlyInstanceOf(MountNotFoundException.class)
			.hasMessageContaining("check the mount name and the namespace")
			.hasMessageContaining("no handler for route");
	}

	@Test
	void notFoundUnsupportedPathSaysTheSubPathIsUnknown() {
		VaultException ex = fail(json(404, "{\"errors\":[\"1 error occurred:\\n\\t* unsupported path\\n\\n\"]}"));
		assertThat(ex).isExactlyInstanceOf(SecretNotFoundException.class)
			.hasMessageContaining("does not know this sub-path")
			.hasMessageEndingWith("Vault said unsupported path");
	}

	@Test
	void notFoundPageFromAProxyIsNotAnAbsentSecret() {
		VaultException ex = fail(withStatus(HttpStatusCode.valueOf(404)).contentType(MediaType.TEXT_HTML)
			.body("<html><body>Not Found</body></html>"));
		assertThat(ex).isExactlyInstanceOf(MalformedResponseException.class)
			.hasMessageContaining("404")
			.hasMessageContaining("text/html")
			.hasMessageNotContaining("Not Found</body>");
	}

	@Test
	void notInitializedSaysSo() {
		VaultException ex = fail(withStatus(HttpStatusCode.valueOf(501)));
		assertThat(ex).isInstanceOf(VaultNotInitializedException.class);
		assertThat(ex.isTransient()).isFalse();
		assertThat(ex.getMessage()).startsWith("Vault is not initialized: run vault operator init (GET secret/data/app");
	}

	@Test
	void unauthorizedIsPermanentAndPointsAtWhatIsInFrontOfVault() {
		VaultException ex = fail(json(401, "{\"errors\":[]}"));
		assertThat(ex).isInstanceOf(PermissionDeniedException.class);
		assertThat(ex.isTransient()).isFalse();
		assertThat(ex.getMessage()).contains("Unauthorized").contains("proxy");
	}

	@Test
	void sealed() {
		VaultException ex = fail(json(503, "{\"errors\":[\"Vault is sealed\"]}"));
		assertThat(ex).isExactlyInstanceOf(VaultSealedException.class).hasMessageEndingWith("Vault said Vault is sealed");
		assertThat(ex.isTransient()).isTrue();
		assertThat(ex).isInstanceOf(VaultServerException.class);
	}

	@Test
	void standbyWithoutActiveNodeIsServerError() {
		VaultException ex = fail(json(503, "{\"errors\":[\"no active Vault instance found\"]}"));
		assertThat(ex).isExactlyInstanceOf(VaultServerException.class);
	}

	@Test
	void gatewayPageFromAProxyKeepsTheStatusMeaning() {
		VaultException ex = fail(withStatus(HttpStatusCode.valueOf(502)).contentType(MediaType.TEXT_HTML)
			.body("<html><h1>502 Bad Gateway</h1></html>"));
		assertThat(ex).isExactlyInstanceOf(VaultServerException.class)
			.hasMessageContaining("not Vault's JSON but text/html")
			.hasMessageNotContaining("Bad Gateway</h1>");
		assertThat(ex.isTransient()).isTrue();
	}

	@Test
	void rateLimitedWithRetryAfterSeconds() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Retry-After", "7");
		VaultException ex = fail(json(429, "{\"errors\":[\"request path \\\"secret/data/app\\\": rate limit quota exceeded\"]}")
			.headers(headers));
		assertThat(ex).isExactlyInstanceOf(RateLimitedException.class).hasMessageContaining("retry after 7s");
		assertThat(((RateLimitedException) ex).getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void rateLimitedWithRetryAfterDate() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Retry-After", "Thu, 01 Jan 2026 10:00:30 GMT");
		VaultException ex = fail(json(429, "{\"errors\":[]}").headers(headers));
		assertThat(((RateLimitedException) ex).getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void rateLimitedWithoutOrWithBadRetryAfter() {
		assertThat(((RateLimitedException) fail(json(429, "{\"errors\":[]}"))).getRetryAfter()).isNull();
		HttpHeaders headers = new HttpHeaders();
		headers.set("Retry-After", "soon");
		assertThat(((RateLimitedException) fail(json(429, "{\"errors\":[]}").headers(headers))).getRetryAfter())
			.isNull();
	}

	@Test
	void errorsOfTheWrongShapeAreMalformed() {
		VaultException ex = fail(json(400, "{\"errors\":\"not a list\"}"));
		assertThat(ex).isExactlyInstanceOf(MalformedResponseException.class).hasMessageContaining("'errors'");
	}

	@Test
	void permanentRedirectIsNotFollowed() {
		HttpHeaders headers = new HttpHeaders();
		headers.setLocation(URI.create("https://elsewhere.example.com/v1/secret/data/app?token=abc"));
		VaultException ex = fail(withStatus(HttpStatusCode.valueOf(301)).headers(headers));
		assertThat(ex).isExactlyInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("redirect that is not followed (to https://elsewhere.example.com:443)")
			.hasMessageNotContaining("token=abc");
	}

	@Test
	void longErrorsAreShortenedAndBounded() {
		String longError = "x".repeat(2000);
		StringBuilder body = new StringBuilder("{\"errors\":[");
		for (int i = 0; i < 50; i++) {
			body.append((i > 0) ? "," : "").append('"').append(longError).append('"');
		}
		VaultException ex = fail(json(400, body.append("]}").toString()));
		assertThat(ex.getErrors()).hasSize(20);
		assertThat(ex.getMessage().length()).isLessThan(20 * 520);
		assertThat(List.of(ex.getMessage().split("; "))).allSatisfy((part) -> assertThat(part.length()).isLessThan(600));
	}

}
