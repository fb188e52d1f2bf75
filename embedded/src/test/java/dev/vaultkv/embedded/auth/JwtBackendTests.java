package dev.vaultkv.embedded.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static dev.vaultkv.embedded.auth.ApproleBackendTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

class JwtBackendTests {

	private static final JwtMinter MINTER = JwtMinter.rsa();

	private final TestMountContext context = new TestMountContext("auth/jwt/", "jwt");

	private final Backend backend = new JwtBackendFactory().create(this.context);

	private HttpServer jwksServer;

	@AfterEach
	void stopJwksServer() {
		if (this.jwksServer != null) {
			this.jwksServer.stop(0);
		}
	}

	@Test
	void configNeedsExactlyOneKeySource() {
		String message = "exactly one of 'jwt_validation_pubkeys', 'jwks_url', 'jwks_pairs' or 'oidc_discovery_url' must be set";
		assertError(call("POST", "config", Map.of("bound_issuer", "x")), 400, message);
		assertError(call("POST", "config", Map.of("jwt_validation_pubkeys", MINTER.publicKeyPem(), "jwks_url",
				"http://127.0.0.1:1/keys")), 400, message);
		assertError(call("POST", "config", Map.of("jwt_validation_pubkeys", "junk")), 400,
				"error parsing public key");
		assertError(call("POST", "config", Map.of("jwt_validation_pubkeys", MINTER.publicKeyPem(),
				"jwt_supported_algs", "HS256")), 400, "invalid jwt_supported_algs");
		assertThat(call("POST", "config", Map.of("jwt_validation_pubkeys", List.of(MINTER.publicKeyPem()),
				"bound_issuer", "https://issuer", "default_role", "app")).getStatus()).isEqualTo(204);
		ObjectNode config = call("GET", "config", null).getData();
		assertThat(config.get("bound_issuer").asString()).isEqualTo("https://issuer");
		assertThat(config.get("default_role").asString()).isEqualTo("app");
		assertThat(config.get("jwt_validation_pubkeys")).hasSize(1);
	}

	@Test
	void roleValidation() {
		assertError(call("POST", "role/r", Map.of("user_claim", "sub")), 400,
				"'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.");
		assertError(call("POST", "role/r", Map.of("role_type", "jwt")), 400, "a user claim must be defined on the role");
		assertError(call("POST", "role/r", Map.of("role_type", "jwt", "user_claim", "sub")), 400,
				"must have at least one bound constraint when creating/updating a role");
		assertError(call("POST", "role/r", Map.of("role_type", "saml", "user_claim", "sub")), 400,
				"invalid 'role_type': saml");
		assertError(call("POST", "role/r", Map.of("role_type", "jwt", "user_claim", "sub", "bound_subject", "a",
				"bound_claims_type", "regex")), 400, "invalid 'bound_claims_type': regex");
		assertError(call("POST", "role/r", Map.of("role_type", "jwt", "user_claim", "sub", "bound_subject", "a",
				"claim_mappings", Map.of("email", "role"))), 400,
				"metadata key \"role\" is reserved and may not be a mapping destination");
		assertThat(call("POST", "role/r", Map.of("role_type", "jwt", "user_claim", "sub", "bound_audiences", "vault",
				"token_policies", "jwt")).getStatus()).isEqualTo(204);
		ObjectNode role = call("GET", "role/r", null).getData();
		assertThat(role.get("role_type").asString()).isEqualTo("jwt");
		assertThat(role.get("bound_audiences").toString()).isEqualTo("[\"vault\"]");
		assertThat(role.get("bound_claims_type").asString()).isEqualTo("string");
		assertThat(call("POST", "role/web", Map.of("user_claim", "sub", "allowed_redirect_uris", "http://x/cb"))
			.getStatus()).isEqualTo(204);
		assertThat(call("GET", "role/web", null).getData().get("role_type").asString()).isEqualTo("oidc");
	}

	@Test
	void loginWithStaticKeys() {
		configurePem("https://issuer");
		call("POST", "role/app", Map.of("role_type", "jwt", "user_claim", "email", "bound_audiences", "vault",
				"bound_subject", "alice", "claim_mappings", Map.of("/org/team", "team"), "bound_claims",
				Map.of("groups", List.of("ops", "dev")), "token_policies", "jwt", "token_ttl", "15m"));
		ApiResponse login = login("app", MINTER.sign(claims()));
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsEntry("role", "app").containsEntry("team", "payments");
		assertThat(this.context.lastIssued().displayName()).isEqualTo("jwt-alice@example.com");
		assertThat(this.context.lastIssued().policies()).containsExactly("jwt");
		assertThat(this.context.lastIssued().ttl()).hasMinutes(15);
	}

	@Test
	void loginUsesTheDefaultRole() {
		call("POST", "config", Map.of("jwt_validation_pubkeys", MINTER.publicKeyPem(), "default_role", "app"));
		call("POST", "role/app", Map.of("role_type", "jwt", "user_claim", "sub", "bound_audiences", "vault"));
		assertThat(call("POST", "login", Map.of("jwt", MINTER.sign(claims()))).getStatus()).isEqualTo(200);
	}

	@Test
	void loginErrors() {
		assertError(login("app", "x"), 400, "could not load configuration");
		configurePem("https://issuer");
		call("POST", "role/app", Map.of("role_type", "jwt", "user_claim", "sub", "bound_audiences", "vault",
				"bound_claims", Map.of("groups", "admins")));
		call("POST", "role/noaud", Map.of("role_type", "jwt", "user_claim", "sub", "bound_subject", "alice"));
		call("POST", "role/email", Map.of("role_type", "jwt", "user_claim", "missing", "bound_subject", "alice"));
		call("POST", "role/web", Map.of("user_claim", "sub", "allowed_redirect_uris", "http://x/cb"));
		assertError(call("POST", "login", Map.of("jwt", "x")), 400, "missing role");
		assertError(login("nope", "x"), 400, "role \"nope\" could not be found");
		assertError(login("web", "x"), 400, "role with oidc role_type is not allowed");
		assertError(call("POST", "login", Map.of("role", "app")), 400, "missing token");
		assertError(login("app", JwtMinter.rsa().sign(claims())), 400,
				"error validating token: error verifying token signature: no known key successfully validated the token signature");
		Map<String, Object> otherAudience = claims();
		otherAudience.put("aud", "other");
		assertError(login("app", MINTER.sign(otherAudience)), 400,
				"error validating token: invalid audience (aud) claim: audience claim does not match any expected audience");
		Map<String, Object> otherIssuer = claims();
		otherIssuer.put("iss", "https://evil");
		assertError(login("app", MINTER.sign(otherIssuer)), 400, "error validating token: invalid issuer (iss) claim");
		Map<String, Object> expired = claims();
		expired.put("exp", this.context.now.minusSeconds(120).getEpochSecond());
		assertError(login("app", MINTER.sign(expired)), 400,
				"error validating token: invalid expiration time (exp) claim: token is expired");
		assertError(login("noaud", MINTER.sign(claims())), 400,
				"audience claim found in JWT but no audiences bound to the role");
		Map<String, Object> noAudience = claims();
		noAudience.remove("aud");
		assertError(login("email", MINTER.sign(noAudience)), 400, "claim \"missing\" not found in token");
		assertError(login("app", MINTER.sign(claims())), 400,
				"error validating claims: claim \"groups\" does not match any associated bound claim values");
	}

	@Test
	void loginWithJwksUrl() throws IOException {
		JwtMinter ec = JwtMinter.ec();
		AtomicReference<String> keys = new AtomicReference<>(ec.jwks());
		String base = startKeyServer(keys);
		assertError(call("POST", "config", Map.of("jwks_url", base + "/nothing")), 400, "error checking jwks URL");
		assertThat(call("POST", "config", Map.of("jwks_url", base + "/keys", "jwt_supported_algs", List.of("ES256")))
			.getStatus()).isEqualTo(204);
		call("POST", "role/app", Map.of("role_type", "jwt", "user_claim", "sub", "bound_audiences", "vault"));
		assertThat(login("app", ec.sign(claims())).getStatus()).isEqualTo(200);
		assertError(login("app", MINTER.sign(claims())), 400, "error verifying token signature");
		JwtMinter rotated = JwtMinter.ec();
		keys.set(rotated.jwks());
		assertThat(login("app", rotated.sign(claims())).getStatus()).isEqualTo(200);
		assertError(login("app", ec.sign(claims())), 400, "error verifying token signature");
	}

	@Test
	void loginWithOidcDiscovery() throws IOException {
		JwtMinter ec = JwtMinter.ec();
		String base = startKeyServer(new AtomicReference<>(ec.jwks()));
		assertError(call("POST", "config", Map.of("oidc_discovery_url", base + "/elsewhere")), 400,
				"error checking oidc discovery URL");
		assertThat(call("POST", "config", Map.of("oidc_discovery_url", base, "bound_issuer", "https://issuer"))
			.getStatus()).isEqualTo(204);
		assertThat(call("GET", "config", null).getData().get("oidc_discovery_url").asString()).isEqualTo(base);
		call("POST", "role/app", Map.of("role_type", "jwt", "user_claim", "sub", "bound_audiences", "vault"));
		assertThat(login("app", ec.sign(claims())).getStatus()).isEqualTo(200);
	}

	private String startKeyServer(AtomicReference<String> keys) throws IOException {
		this.jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		String base = "http://127.0.0.1:" + this.jwksServer.getAddress().getPort();
		this.jwksServer.createContext("/keys", (exchange) -> respond(exchange, keys.get()));
		this.jwksServer.createContext("/.well-known/openid-configuration",
				(exchange) -> respond(exchange, "{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/keys\"}"));
		this.jwksServer.start();
		return base;
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private Map<String, Object> claims() {
		Instant now = this.context.now;
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", "https://issuer");
		claims.put("sub", "alice");
		claims.put("aud", "vault");
		claims.put("email", "alice@example.com");
		claims.put("groups", List.of("dev"));
		claims.put("org", Map.of("team", "payments"));
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plusSeconds(300).getEpochSecond());
		return claims;
	}

	private void configurePem(String issuer) {
		assertThat(call("POST", "config", Map.of("jwt_validation_pubkeys", MINTER.publicKeyPem(), "bound_issuer",
				issuer)).getStatus()).isEqualTo(204);
	}

	private ApiResponse login(String role, String jwt) {
		return call("POST", "login", Map.of("role", role, "jwt", jwt));
	}

	private ApiResponse call(String method, String subPath, Map<String, ?> body) {
		ObjectNode data = (body != null) ? Json.MAPPER.valueToTree(body) : null;
		return this.backend.handle(this.context.request(method, subPath, data));
	}

}
