package dev.vaultkv.embedded.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's static files and its dev-only {@code /ui/api/} endpoints, over real HTTP.
 */
class ConsoleApiTests {

	private static final String ROOT_TOKEN = "api-root-5d1e";

	private final EmbeddedVaultServer server = EmbeddedVaultServer.builder()
		.rootToken(ROOT_TOKEN)
		.console(true)
		.start();

	private final ConsoleHttp http = new ConsoleHttp(this.server.getAddress());

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void servesTheConsoleFilesWithoutTheTokenAndWithStrictHeaders() {
		ConsoleHttp.Reply page = this.http.send("GET", "/ui/", null, null);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.text()).contains("id=\"login-form\"").doesNotContain(ROOT_TOKEN);
		assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'")
			.contains("frame-ancestors 'none'");
		assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(this.http.send("GET", "/ui/console.js", null, null).header("Content-Type"))
			.startsWith("text/javascript");
		assertThat(this.http.send("GET", "/ui/console.css", null, null).header("Content-Type")).startsWith("text/css");
		assertThat(this.http.send("GET", "/ui/../pom.xml", null, null).status()).isEqualTo(404);
		assertThat(this.http.send("GET", "/ui/nothing.js", null, null).status()).isEqualTo(404);
		assertThat(this.http.send("POST", "/ui/", null, "{}").status()).isEqualTo(405);
		ConsoleHttp.Reply redirect = this.http.send("GET", "/ui", null, null);
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).isEqualTo("/ui/");
		assertThat(this.http.send("GET", "/uix", null, null).status()).isEqualTo(404);
	}

	@Test
	void apiNeedsTheRootToken() {
		String appToken = createToken("app", "default");
		for (String endpoint : new String[] { "requests", "clock", "faults" }) {
			assertThat(this.http.send("GET", "/ui/api/" + endpoint, null, null).status()).isEqualTo(403);
			assertThat(this.http.send("GET", "/ui/api/" + endpoint, "not-a-token", null).status()).isEqualTo(403);
			assertThat(this.http.send("GET", "/ui/api/" + endpoint, appToken, null).status()).isEqualTo(403);
			assertThat(this.http.send("GET", "/ui/api/" + endpoint, ROOT_TOKEN, null).status()).isEqualTo(200);
		}
		Instant before = this.server.clock().instant();
		ConsoleHttp.Reply denied = this.http.send("POST", "/ui/api/clock/advance", appToken, "{\"duration\":\"5h\"}");
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.json().path("errors").get(0).asString()).contains("root token");
		assertThat(Duration.between(before, this.server.clock().instant())).isLessThan(Duration.ofHours(1));
		assertThat(this.http.send("GET", "/ui/api/requests", null, null, "Authorization", "Bearer " + ROOT_TOKEN)
			.status()).isEqualTo(200);
	}

	@Test
	void requestLogNamesTheCallerButNeverAToken() {
		this.server.putSecret("secret/app/db", Map.of("password", "db-s3cr3t"));
		String appToken = createToken("orders", "default");
		this.http.send("GET", "/v1/secret/data/app/db", appToken, null, "User-Agent", "orders-service/2.0");
		this.http.send("GET", "/v1/secret/data/app/db", "no-such-token", null);
		ConsoleHttp.Reply log = this.http.send("GET", "/ui/api/requests", ROOT_TOKEN, null);
		assertThat(log.status()).isEqualTo(200);
		assertThat(log.text()).doesNotContain(appToken).doesNotContain(ROOT_TOKEN).doesNotContain("no-such-token")
			.doesNotContain("db-s3cr3t");
		JsonNode entries = log.json().path("entries");
		JsonNode appRead = entries.get(entries.size() - 2);
		assertThat(appRead.path("method").asString()).isEqualTo("GET");
		assertThat(appRead.path("path").asString()).isEqualTo("secret/data/app/db");
		assertThat(appRead.path("status").asInt()).isEqualTo(403);
		assertThat(appRead.path("caller").asString()).isEqualTo("token-orders");
		assertThat(appRead.path("policies").toString()).isEqualTo("[\"default\"]");
		assertThat(appRead.path("user_agent").asString()).isEqualTo("orders-service/2.0");
		assertThat(entries.get(entries.size() - 1).path("caller").asString()).isEqualTo("unknown token");
		assertThat(log.json().path("total").asInt()).isEqualTo(entries.size());
		// the console's own files and API are not Vault requests
		assertThat(this.server.requestLog().countPathPrefix("/ui")).isZero();
		assertThat(this.http.send("GET", "/ui/api/requests?limit=1", ROOT_TOKEN, null).json().path("entries").size())
			.isEqualTo(1);
		assertThat(this.http.send("GET", "/ui/api/requests?limit=zero", ROOT_TOKEN, null).status()).isEqualTo(400);
		assertThat(this.http.send("DELETE", "/ui/api/requests", ROOT_TOKEN, null).status()).isEqualTo(204);
		assertThat(this.server.requestLog().count()).isZero();
	}

	@Test
	void approleCallersAreNamedByTheirRole() {
		root("POST", "/v1/sys/auth/approle", "{\"type\":\"approle\"}");
		root("POST", "/v1/auth/approle/role/payments", "{\"token_policies\":[\"default\"]}");
		String roleId = root("GET", "/v1/auth/approle/role/payments/role-id", null).json().path("data").path("role_id")
			.asString();
		String secretId = root("POST", "/v1/auth/approle/role/payments/secret-id", null).json().path("data")
			.path("secret_id").asString();
		String token = this.http.send("POST", "/v1/auth/approle/login", null,
				"{\"role_id\":\"" + roleId + "\",\"secret_id\":\"" + secretId + "\"}")
			.json().path("auth").path("client_token").asString();
		this.http.send("GET", "/v1/auth/token/lookup-self", token, null);
		ConsoleHttp.Reply log = this.http.send("GET", "/ui/api/requests", ROOT_TOKEN, null);
		JsonNode last = log.json().path("entries").get(log.json().path("entries").size() - 1);
		assertThat(last.path("caller").asString()).isEqualTo("approle (role payments)");
		assertThat(log.text()).doesNotContain(token).doesNotContain(secretId);
	}

	@Test
	void advancesAndResetsTheClock() {
		Instant before = this.server.clock().instant();
		ConsoleHttp.Reply advanced = root("POST", "/ui/api/clock/advance", "{\"duration\":\"1h30m\"}");
		assertThat(advanced.status()).isEqualTo(200);
		assertThat(Duration.between(before, this.server.clock().instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(90));
		assertThat(advanced.json().path("offset_seconds").asLong()).isBetween(5390L, 5410L);
		ConsoleHttp.Reply bad = root("POST", "/ui/api/clock/advance", "{\"duration\":\"soon\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").get(0).asString()).contains("'duration'").contains("soon");
		assertThat(root("POST", "/ui/api/clock/advance", "{}").status()).isEqualTo(400);
		assertThat(root("POST", "/ui/api/clock/advance", "not json").status()).isEqualTo(400);
		assertThat(root("GET", "/ui/api/clock/advance", null).status()).isEqualTo(405);
		assertThat(root("POST", "/ui/api/clock/reset", null).json().path("offset_seconds").asLong()).isBetween(-5L, 5L);
	}

	@Test
	void switchesFaultsOnAndOff() {
		this.server.putSecret("secret/app/db", Map.of("password", "x"));
		ConsoleHttp.Reply added = root("POST", "/ui/api/faults",
				"{\"type\":\"fail\",\"path\":\"secret/data/.*\",\"status\":502,\"error\":\"upstream gone\"}");
		assertThat(added.status()).isEqualTo(200);
		String id = added.json().path("id").asString();
		ConsoleHttp.Reply failed = this.http.send("GET", "/v1/secret/data/app/db", ROOT_TOKEN, null);
		assertThat(failed.status()).isEqualTo(502);
		assertThat(failed.text()).contains("upstream gone");
		assertThat(this.http.send("GET", "/v1/sys/health", null, null).status()).isEqualTo(200);
		JsonNode rules = root("GET", "/ui/api/faults", null).json();
		assertThat(rules.path("rules").get(0).path("hits").asInt()).isEqualTo(1);
		assertThat(rules.path("rules").get(0).path("remaining").asInt()).isEqualTo(-1);
		assertThat(root("DELETE", "/ui/api/faults/" + id, null).status()).isEqualTo(204);
		assertThat(this.http.send("GET", "/v1/secret/data/app/db", ROOT_TOKEN, null).status()).isEqualTo(200);
		assertThat(root("DELETE", "/ui/api/faults/" + id, null).status()).isEqualTo(404);

		root("POST", "/ui/api/faults", "{\"type\":\"rate-limit\",\"count\":1,\"duration\":\"3s\"}");
		ConsoleHttp.Reply limited = this.http.send("GET", "/v1/sys/health", null, null);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).isEqualTo("3");
		assertThat(root("GET", "/ui/api/faults", null).json().path("rules").size()).isZero();

		// a fault set from code is counted, and never hits the console itself
		this.server.faults().failNext(1, 500, "boom");
		assertThat(root("GET", "/ui/api/faults", null).json().path("other_rules").asInt()).isEqualTo(1);
		assertThat(root("DELETE", "/ui/api/faults", null).status()).isEqualTo(204);
		assertThat(this.server.faults().rules()).isEmpty();
	}

	@Test
	void rejectsBadFaultsWithAClearError() {
		assertThat(error(root("POST", "/ui/api/faults", "{\"type\":\"explode\"}"))).contains("'type' must be one of");
		assertThat(error(root("POST", "/ui/api/faults", "{\"type\":\"fail\",\"path\":\"(\"}")))
			.contains("'path' must be a regular expression");
		assertThat(error(root("POST", "/ui/api/faults", "{\"type\":\"fail\",\"count\":0}"))).contains("'count'");
		assertThat(error(root("POST", "/ui/api/faults", "{\"type\":\"fail\",\"status\":200}"))).contains("'status'");
		assertThat(error(root("POST", "/ui/api/faults", "{\"type\":\"delay\"}"))).contains("'duration'");
		assertThat(error(root("POST", "/ui/api/faults", "{\"type\":\"truncate\"}"))).contains("positive 'count'");
		assertThat(this.server.faults().rules()).isEmpty();
	}

	@Test
	void revokesAllTokensButRoot() {
		String appToken = createToken("app", "default");
		assertThat(root("POST", "/ui/api/tokens/revoke-all", null).status()).isEqualTo(204);
		assertThat(this.http.send("GET", "/v1/auth/token/lookup-self", appToken, null).status()).isEqualTo(403);
		assertThat(this.http.send("GET", "/v1/auth/token/lookup-self", ROOT_TOKEN, null).status()).isEqualTo(200);
	}

	@Test
	void unknownEndpointsAnswer404() {
		assertThat(root("GET", "/ui/api/secrets", null).status()).isEqualTo(404);
	}

	@Test
	void answersOnlyLoopbackHostNames() throws IOException {
		assertThat(rawStatus("evil.example:" + this.server.getPort(), "/ui/")).isEqualTo(403);
		assertThat(rawStatus("evil.example", "/ui/api/clock")).isEqualTo(403);
		assertThat(rawStatus("localhost:" + this.server.getPort(), "/ui/")).isEqualTo(200);
		assertThat(rawStatus("127.0.0.1:" + this.server.getPort(), "/ui/")).isEqualTo(200);
	}

	private int rawStatus(String host, String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.server.getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream output = socket.getOutputStream();
			output.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nX-Vault-Token: " + ROOT_TOKEN
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			output.flush();
			InputStream input = socket.getInputStream();
			String response = new String(input.readAllBytes(), StandardCharsets.ISO_8859_1);
			return Integer.parseInt(response.substring(9, 12));
		}
	}

	private String createToken(String displayName, String policy) {
		return root("POST", "/v1/auth/token/create",
				"{\"display_name\":\"" + displayName + "\",\"policies\":[\"" + policy + "\"]}")
			.json().path("auth").path("client_token").asString();
	}

	private ConsoleHttp.Reply root(String method, String path, String json) {
		return this.http.send(method, path, ROOT_TOKEN, json);
	}

	private static String error(ConsoleHttp.Reply reply) {
		assertThat(reply.status()).isEqualTo(400);
		return reply.json().path("errors").get(0).asString();
	}

}
