package dev.vaultkv.client;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Tests for {@link VaultResponseParser}, through {@link DefaultVaultClient} and
 * {@link MockRestServiceServer}.
 */
class VaultResponseParserTests {

	private static final String ENDPOINT = "https://vault.example.com:8200";

	private static final String SECRET = "s3cr3t-value";

	private MockRestServiceServer server;

	private final DefaultVaultClient client = DefaultVaultClient.builder(URI.create(ENDPOINT))
		.tokenProvider(new RecordingTokenProvider("hvs.token", null))
		.customizer((builder) -> this.server = MockRestServiceServer.bindTo(builder).build())
		.build();

	private VaultResponse read(String body) {
		this.server.reset();
		this.server.expect(requestTo(ENDPOINT + "/v1/auth/approle/login"))
			.andRespond(withSuccess(body, MediaType.APPLICATION_JSON));
		return this.client.execute(VaultRequest.post("auth/approle/login").unauthenticated().build());
	}

	private MalformedResponseException malformed(String body, MediaType contentType) {
		this.server.reset();
		this.server.expect(requestTo(ENDPOINT + "/v1/secret/data/app"))
			.andRespond(withSuccess(body, contentType));
		MalformedResponseException ex = catchThrowableOfType(MalformedResponseException.class,
				() -> this.client.execute(VaultRequest.get("secret/data/app").build()));
		assertThat(ex).as("MalformedResponseException").isNotNull();
		assertThat(ex.getMessage()).contains("(GET secret/data/app -> 200)").doesNotContain(SECRET);
		assertThat(ex.getCause()).isNull();
		assertThat(ex.getStatus()).isEqualTo(200);
		assertThat(ex.isTransient()).isFalse();
		return ex;
	}

	@Test
	void parsesLoginEnvelope() {
		VaultResponse response = read("{\"request_id\":\"req-1\",\"lease_id\":\"\",\"renewable\":false,\"lease_duration\":0,"
				+ "\"data\":null,\"wrap_info\":null,\"warnings\":null,\"auth\":{\"client_token\":\"hvs.CAES-login\","
				+ "\"accessor\":\"acc\",\"policies\":[\"app\",\"default\"],\"token_policies\":[\"app\",\"default\"],"
				+ "\"metadata\":{\"role_name\":\"app\",\"n\":null},\"lease_duration\":1200,\"renewable\":true,"
				+ "\"entity_id\":\"ent\",\"token_type\":\"service\",\"orphan\":true,\"mfa_requirement\":null,\"num_uses\":0},"
				+ "\"mount_type\":\"\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.requestId()).isEqualTo("req-1");
		assertThat(response.data()).isNull();
		VaultAuth auth = response.requireAuth();
		assertThat(auth.clientToken().getToken()).isEqualTo("hvs.CAES-login");
		assertThat(auth.accessor()).isEqualTo("acc");
		assertThat(auth.policies()).containsExactly("app", "default");
		assertThat(auth.metadata()).containsExactly(java.util.Map.entry("role_name", "app"));
		assertThat(auth.leaseDuration()).isEqualTo(1200);
		assertThat(auth.renewable()).isTrue();
		assertThat(auth.tokenType()).isEqualTo("service");
		assertThat(auth.orphan()).isTrue();
		assertThat(auth.entityId()).isEqualTo("ent");
		assertThat(response.toString()).doesNotContain("hvs.CAES-login");
	}

	@Test
	void parsesLeaseFieldsAndWarnings() {
		VaultResponse response = read("{\"lease_id\":\"database/creds/app/abc\",\"renewable\":true,"
				+ "\"lease_duration\":3600,\"data\":{\"username\":\"u\"},\"warnings\":[\"w1\",\"w2\"]}");
		assertThat(response.leaseId()).isEqualTo("database/creds/app/abc");
		assertThat(response.renewable()).isTrue();
		assertThat(response.leaseDuration()).isEqualTo(3600);
		assertThat(response.warnings()).containsExactly("w1", "w2");
		assertThat(response.body()).isNotNull();
	}

	@Test
	void acceptsWarningsOnlyAndTopLevelData() {
		VaultResponse warningsOnly = read("{\"data\":null,\"warnings\":[\"Endpoint ignored these unrecognized parameters: [x]\"]}");
		assertThat(warningsOnly.data()).isNull();
		assertThat(warningsOnly.warnings()).hasSize(1);
		VaultResponse health = read("{\"initialized\":true,\"sealed\":false,\"standby\":false,\"version\":\"1.17.0\"}");
		assertThat(health.data()).isNull();
		assertThat(health.body().get("version").stringValue()).isEqualTo("1.17.0");
	}

	@Test
	void noContentAndEmptyBody() {
		this.server.expect(requestTo(ENDPOINT + "/v1/a")).andRespond(withStatus(HttpStatus.NO_CONTENT));
		this.server.expect(requestTo(ENDPOINT + "/v1/b")).andRespond(withStatus(HttpStatus.OK));
		assertThat(this.client.execute(VaultRequest.post("a").build())).isEqualTo(VaultResponse.noContent());
		VaultResponse empty = this.client.execute(VaultRequest.post("b").build());
		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.data()).isNull();
		assertThat(empty.warnings()).isEmpty();
	}

	@Test
	void htmlFromAProxy() {
		assertThat(malformed("<html><body>Login " + SECRET + "</body></html>", MediaType.TEXT_HTML))
			.hasMessageContaining("markup, not JSON (text/html)")
			.hasMessageContaining("proxy");
	}

	@Test
	void truncatedJson() {
		assertThat(malformed("{\"data\":{\"password\":\"" + SECRET + "\"", MediaType.APPLICATION_JSON))
			.hasMessageContaining("ends too early");
	}

	@Test
	void invalidJsonQuotesNothingOfTheBody() {
		assertThat(malformed("{\"data\": " + SECRET + "}", MediaType.APPLICATION_JSON))
			.hasMessageContaining("not valid JSON (application/json) at line 1");
	}

	@Test
	void trailingGarbage() {
		assertThat(malformed("{\"data\":{}} {\"data\":{\"p\":\"" + SECRET + "\"}}", MediaType.APPLICATION_JSON))
			.hasMessageContaining("not valid JSON");
	}

	@Test
	void deeplyNestedJson() {
		assertThat(malformed("[".repeat(2000) + "]".repeat(2000), MediaType.APPLICATION_JSON))
			.hasMessageContaining("parser's limits");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "[1,2]|the body is JSON but an array", "\"text\"|the body is JSON but a string",
			"{\"data\":\"s3cr3t-value\"}|'data' is a string, expected an object or null",
			"{\"data\":[1]}|'data' is an array, expected an object or null",
			"{\"auth\":{\"accessor\":\"a\"}}|'auth.client_token' is missing or empty",
			"{\"auth\":{\"client_token\":\"\"}}|'auth.client_token' is missing or empty",
			"{\"auth\":{\"client_token\":42}}|'client_token' is a number, expected a string",
			"{\"auth\":\"s3cr3t-value\"}|'auth' is a string",
			"{\"auth\":{\"client_token\":\"t\",\"policies\":\"app\"}}|'policies' is a string, expected an array of strings",
			"{\"wrap_info\":{\"ttl\":300}}|'wrap_info.token' is missing or empty",
			"{\"warnings\":\"careful\"}|'warnings' is a string, expected an array of strings",
			"{\"lease_duration\":\"forever\"}|'lease_duration' is a string, expected a whole number",
			"{\"lease_duration\":1.5}|'lease_duration' is a number, expected a whole number",
			"{\"renewable\":\"yes\"}|'renewable' is a string, expected a boolean" })
	void wrongShape(String body, String expected) {
		assertThat(malformed(body, MediaType.APPLICATION_JSON)).hasMessageContaining(expected);
	}

	@Test
	void requireDataFailsClearly() {
		VaultResponse response = read("{\"data\":null}");
		assertThat(catchThrowableOfType(MalformedResponseException.class, response::requireData))
			.hasMessageContaining("no 'data' object");
	}

}
