package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.auth.VaultHttp.Reply;
import dev.vaultkv.embedded.standin.AzureImdsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code azure} auth method over HTTP against {@link AzureImdsStandIn}: managed identity tokens and the
 * refusals of Vault's Azure plugin (answered with 500, as Vault does).
 */
class AzureBackendHttpTests {

	private static final String RESOURCE = "https://management.azure.com/";

	private static EmbeddedVaultServer server;

	private static AzureImdsStandIn imds;

	private static AzureImdsStandIn otherTenantKey;

	private static VaultHttp http;

	private static String root;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.start();
		imds = AzureImdsStandIn.builder().clock(server.clock()).start();
		otherTenantKey = AzureImdsStandIn.builder().tenantId(imds.getTenantId()).clock(server.clock()).start();
		http = new VaultHttp(server);
		root = server.getRootToken();
		assertThat(http.call("POST", "sys/auth/azure", root, Map.of("type", "azure")).status()).isEqualTo(204);
		assertThat(http.call("POST", "auth/azure/config", root, Map.of("tenant_id", imds.getTenantId(), "resource",
				RESOURCE, "jwks_url", imds.getJwksUrl())).status()).isEqualTo(204);
		role("app", Map.of("bound_service_principal_ids", imds.getPrincipalId(), "bound_subscription_ids",
				imds.getSubscriptionId(), "bound_resource_groups", imds.getResourceGroupName(), "token_policies", "app"));
	}

	@AfterAll
	static void stop() {
		imds.close();
		otherTenantKey.close();
		server.close();
	}

	@Test
	void loginWithManagedIdentityToken() {
		Reply login = login("app", token(RESOURCE), Map.of());
		assertThat(login.status()).as(login.errors()).isEqualTo(200);
		JsonNode auth = login.body().get("auth");
		assertThat(auth.get("policies").toString()).contains("app");
		assertThat(auth.get("metadata").get("vm_name").asString()).isEqualTo(imds.getVmName());
		assertThat(auth.get("metadata").get("subscription_id").asString()).isEqualTo(imds.getSubscriptionId());
		JsonNode self = http.call("GET", "auth/token/lookup-self", login.clientToken(), null).data();
		assertThat(self.get("display_name").asString()).isEqualTo("azure-" + imds.getPrincipalId());
		assertThat(http.call("GET", "auth/azure/config", root, null).data().get("tenant_id").asString())
			.isEqualTo(imds.getTenantId());
	}

	@Test
	void loginRefusesAnotherAudience() {
		Reply login = login("app", token("https://vault.example.com/"), Map.of());
		assertThat(login.status()).isEqualTo(500);
		assertThat(login.errors()).contains("oidc: expected audience");
	}

	@Test
	void loginRefusesAnExpiredToken() {
		String expired = imds.accessToken(RESOURCE, server.clock().instant().minus(Duration.ofHours(2)),
				Duration.ofHours(1));
		Reply login = login("app", expired, Map.of());
		assertThat(login.status()).isEqualTo(500);
		assertThat(login.errors()).contains("oidc: token is expired");
	}

	@Test
	void loginRefusesATokenSignedWithAnotherKey() {
		String forged = otherTenantKey.accessToken(RESOURCE, server.clock().instant(), Duration.ofHours(1));
		Reply login = login("app", forged, Map.of("subscription_id", otherTenantKey.getSubscriptionId()));
		assertThat(login.status()).isEqualTo(500);
		assertThat(login.errors()).contains("failed to verify id token signature");
	}

	@Test
	void loginRefusesAnUnboundSubscriptionAndResourceGroup() {
		role("other-subscription", Map.of("bound_service_principal_ids", "*", "bound_group_ids", "g1",
				"bound_subscription_ids", "00000000-0000-0000-0000-000000000000"));
		role("sp-only-other-subscription", Map.of("bound_service_principal_ids", imds.getPrincipalId(),
				"bound_subscription_ids", "00000000-0000-0000-0000-000000000000"));
		Reply subscription = login("sp-only-other-subscription", token(RESOURCE), Map.of());
		assertThat(subscription.status()).isEqualTo(500);
		assertThat(subscription.errors()).contains("subscription not authorized");
		role("other-group", Map.of("bound_service_principal_ids", imds.getPrincipalId(), "bound_resource_groups",
				"elsewhere"));
		assertThat(login("other-group", token(RESOURCE), Map.of()).errors()).contains("resource group not authorized");
		Reply wrongVm = login("app", token(RESOURCE), Map.of("vm_name", "another-vm"));
		assertThat(wrongVm.errors()).contains("xms_mirid token claim does not match vm_name another-vm");
	}

	@Test
	void loginRefusesAnotherServicePrincipal() {
		role("other-sp", Map.of("bound_service_principal_ids", "11111111-1111-1111-1111-111111111111"));
		Reply login = login("other-sp", token(RESOURCE), Map.of());
		assertThat(login.status()).isEqualTo(500);
		assertThat(login.errors()).contains("service principal not authorized: " + imds.getPrincipalId());
	}

	private static String token(String resource) {
		return imds.accessToken(resource, server.clock().instant(), Duration.ofHours(1));
	}

	private static void role(String name, Map<String, ?> body) {
		Reply reply = http.call("POST", "auth/azure/role/" + name, root, body);
		assertThat(reply.status()).as(reply.errors()).isEqualTo(204);
	}

	private static Reply login(String role, String jwt, Map<String, String> overrides) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("role", role);
		body.put("jwt", jwt);
		body.put("subscription_id", imds.getSubscriptionId());
		body.put("resource_group_name", imds.getResourceGroupName());
		body.put("vm_name", imds.getVmName());
		body.putAll(overrides);
		return http.call("POST", "auth/azure/login", null, body);
	}

}
