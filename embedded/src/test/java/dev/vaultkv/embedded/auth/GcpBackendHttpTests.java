package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.auth.VaultHttp.Reply;
import dev.vaultkv.embedded.standin.GoogleCloudStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code gcp} auth method over HTTP against {@link GoogleCloudStandIn}: GCE identity tokens and
 * self-signed service account JWTs, and the refusals of Vault's GCP plugin.
 */
class GcpBackendHttpTests {

	private static EmbeddedVaultServer server;

	private static GoogleCloudStandIn google;

	private static GoogleCloudStandIn otherGoogle;

	private static VaultHttp http;

	private static String root;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.start();
		google = GoogleCloudStandIn.builder().projectId("vaultkv-prod").zone("europe-west1-b").clock(server.clock())
			.start();
		otherGoogle = GoogleCloudStandIn.builder().clock(server.clock()).start();
		http = new VaultHttp(server);
		root = server.getRootToken();
		assertThat(http.call("POST", "sys/auth/gcp", root, Map.of("type", "gcp")).status()).isEqualTo(204);
		String address = google.getAddress().toString();
		assertThat(http.call("POST", "auth/gcp/config", root,
				Map.of("custom_endpoint", Map.of("api", address, "iam", address))).status()).isEqualTo(204);
		role("vm", Map.of("type", "gce", "bound_projects", "vaultkv-prod", "bound_zones", "europe-west1-b",
				"token_policies", "app", "token_ttl", "30m"));
		role("sa", Map.of("type", "iam", "bound_service_accounts", google.getServiceAccountEmail(),
				"max_jwt_exp", "10m", "token_policies", "app"));
	}

	@AfterAll
	static void stop() {
		google.close();
		otherGoogle.close();
		server.close();
	}

	@Test
	void gceLoginWithIdentityToken() {
		Reply login = login("vm", identityToken("http://vault/vm"));
		assertThat(login.status()).as(login.errors()).isEqualTo(200);
		JsonNode auth = login.body().get("auth");
		assertThat(auth.get("lease_duration").asLong()).isEqualTo(1800);
		assertThat(auth.get("policies").toString()).contains("app");
		JsonNode metadata = auth.get("metadata");
		assertThat(metadata.get("role").asString()).isEqualTo("vm");
		assertThat(metadata.get("project_id").asString()).isEqualTo("vaultkv-prod");
		assertThat(metadata.get("zone").asString()).isEqualTo("europe-west1-b");
		assertThat(metadata.get("instance_name").asString()).isEqualTo(google.getInstanceName());
		assertThat(metadata.get("service_account_email").asString()).isEqualTo(google.getServiceAccountEmail());
		JsonNode self = http.call("GET", "auth/token/lookup-self", login.clientToken(), null).data();
		assertThat(self.get("display_name").asString()).isEqualTo("gcp-" + google.getInstanceName());
	}

	@Test
	void gceLoginRefusesAnAudienceForAnotherRole() {
		Reply login = login("vm", identityToken("http://vault/other"));
		assertThat(login.status()).isEqualTo(400);
		assertThat(login.errors()).contains("at least one of the JWT claim 'aud' must end in \\\"vault/vm\\\"");
	}

	@Test
	void gceLoginRefusesAnExpiredToken() {
		String expired = google.identityToken("http://vault/vm", server.clock().instant().minus(Duration.ofHours(2)),
				Duration.ofHours(1));
		Reply login = login("vm", expired);
		assertThat(login.status()).isEqualTo(400);
		assertThat(login.errors()).contains("JWT is expired or does not have proper 'exp' claim");
	}

	@Test
	void gceLoginRefusesATokenNotSignedByTheConfiguredGoogle() {
		String forged = otherGoogle.identityToken("http://vault/vm", server.clock().instant(), Duration.ofHours(1));
		Reply login = login("vm", forged);
		assertThat(login.status()).isEqualTo(400);
		assertThat(login.errors()).contains("unable to get public key");
	}

	@Test
	void gceLoginRefusesAnUnboundProject() {
		role("vm-other-project", Map.of("type", "gce", "bound_projects", "someone-else"));
		Reply login = login("vm-other-project", identityToken("http://vault/vm-other-project"));
		assertThat(login.status()).isEqualTo(400);
		assertThat(login.errors()).contains("not in bound projects [someone-else]");
	}

	@Test
	void gceLoginRefusesAnUnboundZoneAndServiceAccount() {
		role("vm-zone", Map.of("type", "gce", "bound_zones", "us-central1-a"));
		assertThat(login("vm-zone", identityToken("http://vault/vm-zone")).errors())
			.contains("instance not in bound zones");
		role("vm-sa", Map.of("type", "gce", "bound_service_accounts", "other@vaultkv-prod.iam.gserviceaccount.com"));
		assertThat(login("vm-sa", identityToken("http://vault/vm-sa")).errors())
			.contains("is not in bound service accounts");
		role("vm-region", Map.of("type", "gce", "bound_regions", "europe-west1"));
		assertThat(login("vm-region", identityToken("http://vault/vm-region")).status()).isEqualTo(200);
	}

	@Test
	void iamLoginWithServiceAccountJwt() {
		Reply login = login("sa", serviceAccountJwt("http://vault/sa", Duration.ofMinutes(5)));
		assertThat(login.status()).as(login.errors()).isEqualTo(200);
		JsonNode auth = login.body().get("auth");
		assertThat(auth.get("metadata").get("service_account_id").asString()).isEqualTo(google.getServiceAccountId());
		assertThat(auth.get("metadata").get("project_id").asString()).isEqualTo("vaultkv-prod");
		JsonNode self = http.call("GET", "auth/token/lookup-self", login.clientToken(), null).data();
		assertThat(self.get("display_name").asString()).isEqualTo("gcp-" + google.getServiceAccountEmail());
	}

	@Test
	void iamLoginRefusesAJwtValidForLongerThanMaxJwtExp() {
		Reply login = login("sa", serviceAccountJwt("http://vault/sa", Duration.ofMinutes(14)));
		assertThat(login.status()).isEqualTo(400);
		assertThat(login.errors()).contains("role requires that service account JWTs expire within 600 seconds");
	}

	@Test
	void iamLoginRefusesAnUnboundServiceAccountAndABadSignature() {
		role("sa-other", Map.of("type", "iam", "bound_service_accounts", "other@vaultkv-prod.iam.gserviceaccount.com"));
		Reply unbound = login("sa-other", serviceAccountJwt("http://vault/sa-other", Duration.ofMinutes(5)));
		assertThat(unbound.status()).isEqualTo(400);
		assertThat(unbound.errors()).contains("is not authorized for role");
		String jwt = serviceAccountJwt("http://vault/sa", Duration.ofMinutes(5));
		String tampered = jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAA" + jwt.substring(jwt.lastIndexOf('.') + 5);
		Reply badSignature = login("sa", tampered);
		assertThat(badSignature.status()).isEqualTo(400);
		assertThat(badSignature.errors()).contains("error in cryptographic primitive");
	}

	@Test
	void roleValidationAsTheGcpPlugin() {
		Reply noType = http.call("POST", "auth/gcp/role/bad", root, Map.of("bound_projects", "p"));
		assertThat(noType.status()).isEqualTo(400);
		assertThat(noType.errors()).contains("role type cannot be empty");
		Reply noAccounts = http.call("POST", "auth/gcp/role/bad", root, Map.of("type", "iam"));
		assertThat(noAccounts.errors()).contains("IAM role type must have at least one service account");
		JsonNode read = http.call("GET", "auth/gcp/role/sa", root, null).data();
		assertThat(read.get("type").asString()).isEqualTo("iam");
		assertThat(read.get("max_jwt_exp").asLong()).isEqualTo(600);
		assertThat(read.get("role_id").asString()).isNotEmpty();
	}

	private static String identityToken(String audience) {
		return google.identityToken(audience, server.clock().instant(), Duration.ofHours(1));
	}

	private static String serviceAccountJwt(String audience, Duration ttl) {
		Instant now = server.clock().instant();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", google.getServiceAccountEmail());
		claims.put("aud", audience);
		claims.put("exp", now.plus(ttl).getEpochSecond());
		return google.signServiceAccountJwt(claims);
	}

	private static void role(String name, Map<String, ?> body) {
		Reply reply = http.call("POST", "auth/gcp/role/" + name, root, body);
		assertThat(reply.status()).as(reply.errors()).isEqualTo(204);
	}

	private static Reply login(String role, String jwt) {
		return http.call("POST", "auth/gcp/login", null, Map.of("role", role, "jwt", jwt));
	}

}
