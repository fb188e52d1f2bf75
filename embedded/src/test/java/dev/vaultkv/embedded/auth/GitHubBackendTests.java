package dev.vaultkv.embedded.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.standin.GitHubApiStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static dev.vaultkv.embedded.auth.ApproleBackendTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub auth method against {@link GitHubApiStandIn}: organization checks, team and user mappings and
 * Vault's refusals.
 */
class GitHubBackendTests {

	private static GitHubApiStandIn github;

	private final TestMountContext context = new TestMountContext("auth/github/", "github");

	private final Backend backend = new GitHubBackendFactory().create(this.context);

	@BeforeAll
	static void startGitHub() {
		github = GitHubApiStandIn.start()
			.organization("acme", 4242)
			.organization("other", 7)
			.user("alice", "ghp_alice", "acme", "other")
			.user("mallory", "ghp_mallory", "other")
			.team("acme", "Platform Team", "platform-team", "alice")
			.team("acme", "readers", "readers", "alice")
			.team("other", "Platform Team", "platform-team", "mallory");
		String[] manyOrganizations = new String[150];
		for (int i = 0; i < manyOrganizations.length; i++) {
			manyOrganizations[i] = "org-" + i;
			github.organization(manyOrganizations[i], 10_000 + i);
		}
		github.user("joiner", "ghp_joiner", manyOrganizations);
	}

	@AfterAll
	static void stopGitHub() {
		github.close();
	}

	@Test
	void loginGivesTheTeamAndUserPolicies() {
		configure(Map.of("organization", "acme", "token_policies", "base"));
		call("POST", "map/teams/platform-team", Map.of("value", "platform, shared"));
		call("POST", "map/teams/readers", Map.of("value", "reader"));
		call("POST", "map/teams/default", Map.of("value", "everyone"));
		call("POST", "map/users/Alice", Map.of("value", "alice-own"));
		ApiResponse login = login("ghp_alice");
		assertThat(login.getStatus()).as(String.valueOf(login.getErrors())).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsOnly(Map.entry("username", "alice"), Map.entry("org", "acme"));
		assertThat(this.context.lastIssued().policies()).containsExactly("base", "everyone", "platform", "reader",
				"shared", "alice-own");
		assertThat(this.context.lastIssued().displayName()).isEqualTo("github-alice");
	}

	@Test
	void configLooksUpTheOrganizationId() {
		configure(Map.of("organization", "acme"));
		ObjectNode config = call("GET", "config", null).getData();
		assertThat(config.get("organization_id").asLong()).isEqualTo(4242);
		assertThat(config.get("base_url").asString()).isEqualTo(github.getBaseUrl());
	}

	@Test
	void configWithAnUnknownOrganizationFails() {
		ApiResponse response = call("POST", "config", Map.of("organization", "nope", "base_url", github.getBaseUrl()));
		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getErrors().get(0)).contains(
				"unable to fetch the organization_id, you must manually set it in the config: GET "
						+ github.getBaseUrl() + "orgs/nope: 404 Not Found []");
		assertThat(call("GET", "config", null).getStatus()).isEqualTo(404);
		assertError(call("POST", "config", Map.of("base_url", github.getBaseUrl())), 400,
				"organization is a required parameter");
	}

	@Test
	void userOutsideTheOrganizationIsRefused() {
		configure(Map.of("organization", "acme"));
		ApiResponse login = login("ghp_mallory");
		assertError(login, 500, "user is not part of required org");
		assertThat(this.context.issued).isEmpty();
	}

	@Test
	void badTokenIsRefusedWithGitHubsAnswer() {
		configure(Map.of("organization", "acme"));
		ApiResponse login = login("ghp_stolen");
		assertError(login, 500, "GET " + github.getBaseUrl() + "user: 401 Bad credentials []");
		assertThat(login.getErrors().toString()).doesNotContain("ghp_stolen");
		assertError(login(""), 500, "GET " + github.getBaseUrl() + "user: 401 Requires authentication []");
	}

	@Test
	void organizationsAreReadPageByPage() {
		configure(Map.of("organization", "org-149"));
		ApiResponse login = login("ghp_joiner");
		assertThat(login.getStatus()).as(String.valueOf(login.getErrors())).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsEntry("org", "org-149");
	}

	@Test
	void loginWithoutConfigurationFails() {
		assertError(login("ghp_alice"), 500, "configuration has not been set");
	}

	@Test
	void organizationRenameGivesAWarning() {
		configure(Map.of("organization", "acme-old", "organization_id", 4242));
		ApiResponse login = login("ghp_alice");
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsEntry("org", "acme");
		assertThat(login.getWarnings()).singleElement().asString()
			.startsWith("the organization name has changed to \"acme\"");
	}

	@Test
	void teamsOfOtherOrganizationsAreIgnored() {
		configure(Map.of("organization", "other"));
		call("POST", "map/teams/platform-team", Map.of("value", "platform"));
		call("POST", "map/teams/readers", Map.of("value", "reader"));
		assertThat(login("ghp_alice").getStatus()).isEqualTo(200);
		assertThat(this.context.lastIssued().policies()).isEmpty();
	}

	@Test
	void mapsListReadAndDelete() {
		call("POST", "map/teams/Dev-Team", Map.of("value", "dev"));
		assertThat(call("LIST", "map/teams", null).getData().get("keys").toString()).isEqualTo("[\"dev-team\"]");
		ObjectNode entry = call("GET", "map/teams/dev-team", null).getData();
		assertThat(entry.get("value").asString()).isEqualTo("dev");
		assertThat(entry.get("key").asString()).isEqualTo("Dev-Team");
		assertThat(call("DELETE", "map/teams/dev-team", null).getStatus()).isEqualTo(204);
		assertThat(call("GET", "map/teams/dev-team", null).getStatus()).isEqualTo(404);
		assertThat(call("POST", "map/teams/no spaces", Map.of("value", "x")).getStatus()).isEqualTo(404);
	}

	private void configure(Map<String, Object> settings) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("base_url", github.getBaseUrl());
		body.putAll(settings);
		ApiResponse response = call("POST", "config", body);
		assertThat(response.isError()).as(String.valueOf(response.getErrors())).isFalse();
	}

	private ApiResponse login(String token) {
		return call("POST", "login", Map.of("token", token));
	}

	private ApiResponse call(String method, String subPath, Map<String, ?> body) {
		ObjectNode data = (body != null) ? Json.MAPPER.valueToTree(body) : null;
		return this.backend.handle(this.context.request(method, subPath, data));
	}

}
