package dev.vaultkv.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.client.ExpectedCount.once;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.headerDoesNotExist;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Tests for {@link DefaultVaultClient}: URIs, headers, bodies, token rejection, redirects and
 * observations, against {@link MockRestServiceServer}.
 */
class DefaultVaultClientTests {

	private static final String ENDPOINT = "https://vault.example.com:8200";

	private static final String TOKEN = "hvs.CAESIJ-secret-token-value";

	private static final String NEW_TOKEN = "hvs.CAESIJ-renewed-token-value";

	private static final String OK = "{\"request_id\":\"r1\",\"data\":{\"k\":\"v\"}}";

	private MockRestServiceServer server;

	private final RecordingTokenProvider tokens = new RecordingTokenProvider(TOKEN, NEW_TOKEN);

	private DefaultVaultClient client() {
		return client(DefaultVaultClient.builder(URI.create(ENDPOINT)).tokenProvider(this.tokens));
	}

	private DefaultVaultClient client(DefaultVaultClient.Builder builder) {
		return builder.customizer((restClient) -> this.server = MockRestServiceServer.bindTo(restClient).build())
			.build();
	}

	@Test
	void sendsTokenAndRequestHeaderWithoutNamespace() {
		DefaultVaultClient client = client();
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andExpect(method(HttpMethod.GET))
			.andExpect(header("X-Vault-Token", TOKEN))
			.andExpect(header("X-Vault-Request", "true"))
			.andExpect(headerDoesNotExist("X-Vault-Namespace"))
			.andExpect(headerDoesNotExist("X-Vault-Wrap-TTL"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		VaultResponse response = client.execute(VaultRequest.get("secret/data/app").build());
		assertThat(response.requireData().get("k").stringValue()).isEqualTo("v");
		this.server.verify();
	}

	@Test
	void sendsConfiguredNamespaceAndRequestOverrides() {
		DefaultVaultClient client = client(
				DefaultVaultClient.builder(URI.create(ENDPOINT)).tokenProvider(this.tokens).namespace("ns1"));
		this.server.expect(requestTo(ENDPOINT + "/v1/a")).andExpect(header("X-Vault-Namespace", "ns1"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.server.expect(requestTo(ENDPOINT + "/v1/b")).andExpect(header("X-Vault-Namespace", "ns1/team"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.server.expect(requestTo(ENDPOINT + "/v1/sys/health")).andExpect(headerDoesNotExist("X-Vault-Namespace"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		client.execute(VaultRequest.get("a").build());
		client.execute(VaultRequest.get("b").namespace("ns1/team").build());
		client.execute(VaultRequest.get("sys/health").namespace("").unauthenticated().build());
		this.server.verify();
		assertThat(client.getNamespace()).isEqualTo("ns1");
	}

	@Test
	void rejectsNamespaceThatCannotBeAHeader() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DefaultVaultClient.builder(URI.create(ENDPOINT)).namespace("ns1\r\nX-Evil: 1"))
			.withMessageContaining("control character");
		DefaultVaultClient client = client();
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("a").namespace("ns\n1").build()))
			.withMessageContaining("control character");
	}

	@Test
	void sendsWrapTtlInSecondsRoundedUp() {
		DefaultVaultClient client = client();
		this.server.expect(requestTo(ENDPOINT + "/v1/auth/approle/role/app/secret-id"))
			.andExpect(header("X-Vault-Wrap-TTL", "300"))
			.andRespond(withSuccess(
					"{\"data\":null,\"wrap_info\":{\"token\":\"hvs.wrapping\",\"accessor\":\"acc\",\"ttl\":300,"
							+ "\"creation_time\":\"2024-05-02T09:14:07.118294512Z\",\"creation_path\":\"auth/approle/role/app/secret-id\","
							+ "\"wrapped_accessor\":\"wa\"}}",
					MediaType.APPLICATION_JSON));
		this.server.expect(requestTo(ENDPOINT + "/v1/sys/wrapping/wrap")).andExpect(header("X-Vault-Wrap-TTL", "2"))
			.andRespond(withStatus(HttpStatus.NO_CONTENT));
		VaultResponse wrapped = client
			.execute(VaultRequest.post("auth/approle/role/app/secret-id").wrapTtl(Duration.ofMinutes(5)).build());
		client.execute(VaultRequest.post("sys/wrapping/wrap").wrapTtl(Duration.ofMillis(1500)).build());
		assertThat(wrapped.wrapInfo()).isNotNull();
		assertThat(wrapped.wrapInfo().token().getToken()).isEqualTo("hvs.wrapping");
		assertThat(wrapped.wrapInfo().ttl()).isEqualTo(300);
		assertThat(wrapped.wrapInfo().creationTime()).hasToString("2024-05-02T09:14:07.118294512Z");
		assertThat(wrapped.wrapInfo().wrappedAccessor()).isEqualTo("wa");
		assertThat(wrapped.toString()).doesNotContain("hvs.wrapping");
		this.server.verify();
	}

	@Test
	void unauthenticatedRequestSendsNoTokenAndExplicitTokenIsUsedAsGiven() {
		DefaultVaultClient client = client();
		this.server.expect(requestTo(ENDPOINT + "/v1/auth/approle/login"))
			.andExpect(headerDoesNotExist("X-Vault-Token"))
			.andExpect(header("X-Vault-Request", "true"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.server.expect(requestTo(ENDPOINT + "/v1/sys/wrapping/unwrap"))
			.andExpect(header("X-Vault-Token", "hvs.wrapping"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		client.execute(VaultRequest.post("auth/approle/login").body(Map.of("role_id", "r")).unauthenticated().build());
		client.execute(VaultRequest.post("sys/wrapping/unwrap").token(VaultToken.of("hvs.wrapping")).build());
		this.server.verify();
	}

	@Test
	void tokenRequestWithoutTokenProviderFailsClearly() {
		DefaultVaultClient client = client(DefaultVaultClient.builder(URI.create(ENDPOINT)));
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("secret/data/app").build()))
			.withMessageContaining("No TokenProvider")
			.withMessageContaining("GET secret/data/app");
	}

	@Test
	void tokenWithNewlineIsNotSentAndNotShown() {
		RecordingTokenProvider bad = new RecordingTokenProvider("hvs.abc\n", null);
		DefaultVaultClient client = client(DefaultVaultClient.builder(URI.create(ENDPOINT)).tokenProvider(bad));
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("secret/data/app").build()))
			.withMessageContaining("trailing newline")
			.withMessageNotContaining("hvs.abc");
	}

	@Test
	void encodesPathSegmentsOnceAndQueryValuesForGo() {
		DefaultVaultClient client = client();
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/my%20app/%C3%BCber/a+b;c"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/subkeys/x?version=2&depth=a%2Bb%20c%26d%3De"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		client.execute(VaultRequest.get("secret/data/my app/über/a+b;c").build());
		client.execute(VaultRequest.get("secret/subkeys/x").query("version", 2).query("depth", "a+b c&d=e").build());
		this.server.verify();
	}

	@Test
	void listIsSentAsGetWithListParameter() {
		DefaultVaultClient client = client();
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/metadata/app/?list=true"))
			.andExpect(method(HttpMethod.GET))
			.andRespond(withSuccess("{\"data\":{\"keys\":[\"a\",\"b/\"]}}", MediaType.APPLICATION_JSON));
		VaultResponse response = client.execute(VaultRequest.list("secret/metadata/app").build());
		assertThat(response.requireData().get("keys").size()).isEqualTo(2);
		this.server.verify();
	}

	@Test
	void postSendsJsonAndPatchSendsMergePatch() {
		DefaultVaultClient client = client();
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andExpect(method(HttpMethod.POST))
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(content().json("{\"data\":{\"password\":\"s3cr3t\"}}"))
			.andRespond(withSuccess("{\"data\":{\"version\":1}}", MediaType.APPLICATION_JSON));
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andExpect(method(HttpMethod.PATCH))
			.andExpect(header(HttpHeaders.CONTENT_TYPE, "application/merge-patch+json"))
			.andExpect(content().json("{\"data\":{\"password\":null}}"))
			.andRespond(withSuccess("{\"data\":{\"version\":2}}", MediaType.APPLICATION_JSON));
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andExpect(method(HttpMethod.DELETE))
			.andExpect(headerDoesNotExist(HttpHeaders.CONTENT_TYPE))
			.andRespond(withStatus(HttpStatus.NO_CONTENT));
		client.execute(VaultRequest.post("secret/data/app").body(Map.of("data", Map.of("password", "s3cr3t"))).build());
		java.util.Map<String, Object> patch = new java.util.HashMap<>();
		patch.put("password", null);
		client.execute(VaultRequest.patch("secret/data/app").body(Map.of("data", patch)).build());
		VaultResponse deleted = client.execute(VaultRequest.delete("secret/data/app").build());
		assertThat(deleted).isEqualTo(VaultResponse.noContent());
		this.server.verify();
	}

	@Test
	void rejectedTokenIsReplacedOnceAndTheRequestRetried() {
		DefaultVaultClient client = client();
		this.server.expect(once(), requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andExpect(header("X-Vault-Token", TOKEN))
			.andRespond(withStatus(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
				.body("{\"errors\":[\"2 errors occurred:\\n\\t* permission denied\\n\\t* invalid token\\n\\n\"]}"));
		this.server.expect(once(), requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andExpect(header("X-Vault-Token", NEW_TOKEN))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		VaultResponse response = client.execute(VaultRequest.get("secret/data/app").build());
		assertThat(response.requireData().get("k").stringValue()).isEqualTo("v");
		assertThat(this.tokens.rejected).containsExactly(VaultToken.of(TOKEN));
		this.server.verify();
	}

	@Test
	void freshTokenRejectedTooFailsWithoutLooping() {
		DefaultVaultClient client = client();
		this.server.expect(once(), requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andExpect(header("X-Vault-Token", TOKEN))
			.andRespond(withStatus(HttpStatus.FORBIDDEN).body("{\"errors\":[\"permission denied\"]}"));
		this.server.expect(once(), requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andExpect(header("X-Vault-Token", NEW_TOKEN))
			.andRespond(withStatus(HttpStatus.FORBIDDEN).body("{\"errors\":[\"permission denied\"]}"));
		AuthenticationException ex = org.junit.jupiter.api.Assertions.assertThrows(AuthenticationException.class,
				() -> client.execute(VaultRequest.get("secret/data/app").build()));
		assertThat(ex).hasMessageContaining("freshly obtained token").hasMessageContaining("GET secret/data/app -> 403")
			.hasMessageContaining("Vault said permission denied")
			.hasCauseInstanceOf(PermissionDeniedException.class);
		assertThat(ex.isTransient()).isFalse();
		assertThat(this.tokens.rejected).hasSize(1);
		assertNoToken(ex);
		this.server.verify();
	}

	@Test
	void policyDenialRethrownByTheProviderIsNotRetried() {
		RecordingTokenProvider fixed = new RecordingTokenProvider(TOKEN, null);
		DefaultVaultClient client = client(DefaultVaultClient.builder(URI.create(ENDPOINT)).tokenProvider(fixed));
		this.server.expect(once(), requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andRespond(withStatus(HttpStatus.FORBIDDEN)
				.body("{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}"));
		PermissionDeniedException ex = org.junit.jupiter.api.Assertions.assertThrows(PermissionDeniedException.class,
				() -> client.execute(VaultRequest.get("secret/data/app").build()));
		assertThat(ex).hasMessage("Permission denied (GET secret/data/app -> 403): Vault said permission denied");
		assertThat(ex.isInvalidToken()).isFalse();
		assertThat(fixed.rejected).hasSize(1);
		assertNoToken(ex);
		this.server.verify();
	}

	@Test
	void forbiddenWithoutTokenAuthenticationDoesNotAskTheProvider() {
		DefaultVaultClient client = client();
		this.server.expect(once(), requestTo(ENDPOINT + "/v1/auth/kubernetes/login"))
			.andRespond(withStatus(HttpStatus.FORBIDDEN).body("{\"errors\":[\"namespace not authorized\"]}"));
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> client.execute(VaultRequest.post("auth/kubernetes/login").unauthenticated().build()))
			.withMessageContaining("namespace not authorized");
		assertThat(this.tokens.rejected).isEmpty();
		this.server.verify();
	}

	@Test
	void followsTemporaryRedirectKeepingMethodBodyAndHeaders() {
		DefaultVaultClient client = client();
		HttpHeaders redirect = new HttpHeaders();
		redirect.setLocation(URI.create("https://active.example.com:8200/v1/secret/data/app"));
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andRespond(withStatus(HttpStatus.TEMPORARY_REDIRECT).headers(redirect));
		this.server.expect(requestTo("https://active.example.com:8200/v1/secret/data/app"))
			.andExpect(method(HttpMethod.POST))
			.andExpect(header("X-Vault-Token", TOKEN))
			.andExpect(header("X-Vault-Request", "true"))
			.andExpect(content().json("{\"data\":{\"a\":\"b\"}}"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		client.execute(VaultRequest.post("secret/data/app").body(Map.of("data", Map.of("a", "b"))).build());
		this.server.verify();
	}

	@Test
	void refusesRedirectFromHttpsToHttpAndEndlessRedirects() {
		DefaultVaultClient client = client();
		HttpHeaders downgrade = new HttpHeaders();
		downgrade.setLocation(URI.create("http://active.example.com:8200/v1/secret/data/app"));
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andRespond(withStatus(HttpStatus.TEMPORARY_REDIRECT).headers(downgrade));
		assertThatExceptionOfType(VaultConnectionException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("secret/data/app").build()))
			.withMessageContaining("from https to http");
		this.server.reset();
		HttpHeaders loop = new HttpHeaders();
		loop.setLocation(URI.create("/v1/secret/data/app"));
		this.server.expect(org.springframework.test.web.client.ExpectedCount.times(4),
				requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andRespond(withStatus(HttpStatus.TEMPORARY_REDIRECT).headers(loop));
		assertThatExceptionOfType(VaultConnectionException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("secret/data/app").build()))
			.withMessageContaining("more than 3 times");
		this.server.verify();
	}

	@Test
	void observationsUseTheUriTemplateAndTheGivenBuilderIsNotChanged() {
		List<ClientRequestObservationContext> observed = new ArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ClientRequestObservationContext;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add((ClientRequestObservationContext) context);
			}

		});
		RestClient.Builder applicationBuilder = RestClient.builder().observationRegistry(registry);
		DefaultVaultClient client = client(DefaultVaultClient.builder(URI.create(ENDPOINT))
			.tokenProvider(this.tokens)
			.restClientBuilder(applicationBuilder));
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		client.execute(VaultRequest.get("secret/data/app").build());
		this.server.verify();
		assertThat(observed).singleElement()
			.satisfies((context) -> assertThat(context.getUriTemplate()).isEqualTo("/v1/{path}"));

		MockRestServiceServer other = MockRestServiceServer.bindTo(applicationBuilder).build();
		other.expect(requestTo("https://other.example.com/api"))
			.andExpect(headerDoesNotExist("X-Vault-Token"))
			.andExpect(headerDoesNotExist("X-Vault-Request"))
			.andRespond(withSuccess("{}", MediaType.APPLICATION_JSON));
		applicationBuilder.build().get().uri("https://other.example.com/api").retrieve().toBodilessEntity();
		other.verify();
	}

	@Test
	void builderValidatesEndpointAndFactorySettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> DefaultVaultClient.builder(URI.create("ftp://vault")))
			.withMessageContaining("http or https");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DefaultVaultClient.builder(URI.create("https://vault:8200/v1")))
			.withMessageContaining("must not end with /v1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DefaultVaultClient.builder(URI.create("https://vault:8200?token=x")))
			.withMessageContaining("query")
			.withMessageNotContaining("token=x");
		assertThatIllegalStateException()
			.isThrownBy(() -> DefaultVaultClient.builder(URI.create(ENDPOINT))
				.requestFactory(VaultHttpRequestFactory.builder().build())
				.readTimeout(Duration.ofSeconds(1))
				.build())
			.withMessageContaining("default request factory");
	}

	@Test
	void endpointWithPathPrefixIsKept() {
		DefaultVaultClient client = client(
				DefaultVaultClient.builder(URI.create("https://proxy.example.com/vault/")).tokenProvider(this.tokens));
		this.server.expect(requestTo("https://proxy.example.com/vault/v1/secret/data/app"))
			.andRespond(withSuccess(OK, MediaType.APPLICATION_JSON));
		client.execute(VaultRequest.get("secret/data/app").build());
		this.server.verify();
	}

	private static void assertNoToken(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			assertThat(current.getMessage()).doesNotContain(TOKEN).doesNotContain(NEW_TOKEN);
			assertThat(current.toString()).doesNotContain(TOKEN).doesNotContain(NEW_TOKEN);
		}
	}

}
