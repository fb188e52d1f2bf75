package dev.vaultkv.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP-level contract of a Vault dev server (KV v2 at {@code secret/}, root token known). Subclasses point
 * it at the embedded server or, later, at a real Vault in a container; every case only uses HTTP.
 */
abstract class AbstractVaultContractTests {

	static final String ACL_DENIED = "1 error occurred:\n\t* permission denied\n\n";

	protected VaultHttp http;

	/**
	 * The server's base address, e.g. {@code http://127.0.0.1:8200}.
	 */
	protected abstract URI address();

	/**
	 * The root token.
	 */
	protected abstract String rootToken();

	/**
	 * Which server answers: the cases where Vault and OpenBao differ assert each one's answer.
	 */
	protected Flavour flavour() {
		return Flavour.VAULT;
	}

	@BeforeEach
	void createClient() {
		this.http = new VaultHttp(address());
	}

	protected String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	protected void writePolicy(String name, String hcl) {
		String body = VaultHttp.MAPPER.createObjectNode().put("policy", hcl).toString();
		assertThat(this.http.post("sys/policies/acl/" + name, rootToken(), body).status()).isEqualTo(204);
	}

	protected String createToken(String json) {
		VaultHttp.Reply reply = this.http.post("auth/token/create", rootToken(), json);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json().path("auth").path("client_token").asString();
	}

	// envelope, errors, input

	@Test
	void envelopeHasVaultShapeAndHeaders() {
		VaultHttp.Reply reply = this.http.get("auth/token/lookup-self", rootToken());
		assertThat(reply.status()).isEqualTo(200);
		JsonNode json = reply.json();
		assertThat(json.path("request_id").asString()).isNotEmpty();
		assertThat(json.path("lease_id").asString()).isEmpty();
		assertThat(json.path("renewable").asBoolean()).isFalse();
		assertThat(json.path("lease_duration").asInt()).isZero();
		assertThat(json.get("wrap_info").isNull()).isTrue();
		assertThat(json.get("warnings").isNull()).isTrue();
		assertThat(json.get("auth").isNull()).isTrue();
		assertThat(json.path("data").path("policies").toString()).isEqualTo("[\"root\"]");
		assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
		assertThat(reply.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void pathOutsideV1IsNotFoundWithEmptyErrors() {
		VaultHttp.Reply reply = this.http.call("GET", "/v2/secret").token(rootToken()).send();
		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.json().path("errors").isEmpty()).isTrue();
	}

	@Test
	void unknownMountIsNoHandler() {
		VaultHttp.Reply reply = this.http.get("nope-mount/x", rootToken());
		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.firstError()).isEqualTo("no handler for route \"nope-mount/x\". route entry not found.");
	}

	@Test
	void missingTokenIsPermissionDenied() {
		VaultHttp.Reply reply = this.http.get("auth/token/lookup-self", null);
		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.firstError()).contains("permission denied").doesNotContain("invalid token");
	}

	@Test
	void unknownTokenIsPermissionDeniedAndInvalidToken() {
		VaultHttp.Reply reply = this.http.get("auth/token/lookup-self", "hvs.not-a-real-token");
		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.firstError()).contains("permission denied").contains("invalid token");
	}

	@Test
	void bearerAuthorizationIsAccepted() {
		VaultHttp.Reply reply = this.http.call("GET", "auth/token/lookup-self")
			.header("Authorization", "Bearer " + rootToken())
			.send();
		assertThat(reply.status()).isEqualTo(200);
	}

	@Test
	void malformedJsonIsBadRequest() {
		VaultHttp.Reply reply = this.http.post("auth/token/create", rootToken(), "{\"policies\": [");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.firstError()).isEqualTo("error parsing JSON");
		VaultHttp.Reply policy = this.http.post("sys/policies/acl/x", rootToken(), "{\"policy\": ");
		assertThat(policy.status()).isEqualTo(400);
		assertThat(policy.firstError()).isEqualTo("error parsing JSON");
		// sys/unseal decodes its body itself and reports the decoder's error
		VaultHttp.Reply unseal = this.http.post("sys/unseal", null, "{\"key\": ");
		assertThat(unseal.status()).isEqualTo(400);
		assertThat(unseal.firstError()).startsWith("failed to parse JSON input: ");
	}

	@Test
	void writeToPathEndingInSlashIsRejected() {
		VaultHttp.Reply reply = this.http.post("cubbyhole/folder/", rootToken(), "{\"a\":\"b\"}");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.firstError()).isEqualTo("cannot write to a path ending in '/'");
	}

	@Test
	void unknownVerbIsMethodNotAllowed() {
		VaultHttp.Reply reply = this.http.call("FROB", "sys/mounts").token(rootToken()).send();
		assertThat(reply.status()).isEqualTo(405);
	}

	@Test
	void badListParameterIsBadRequest() {
		VaultHttp.Reply reply = this.http.get("sys/policies/acl?list=maybe", rootToken());
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().path("errors").isEmpty()).isTrue();
	}

	@Test
	void getWithListTrueLists() {
		VaultHttp.Reply reply = this.http.get("sys/policies/acl?list=true", rootToken());
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.data().path("keys").toString()).contains("\"default\"").contains("\"root\"");
	}

	@Test
	void patchNeedsMergePatchContentType() {
		VaultHttp.Reply missing = this.http.call("PATCH", "secret/data/x").token(rootToken()).body("{}").send();
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.firstError()).isEqualTo("mime: no media type");
		VaultHttp.Reply wrong = this.http.call("PATCH", "secret/data/x")
			.token(rootToken())
			.header("Content-Type", "application/json")
			.body("{}")
			.send();
		assertThat(wrong.status()).isEqualTo(415);
		assertThat(wrong.firstError())
			.isEqualTo("PATCH requires Content-Type of application/merge-patch+json, provided application/json");
	}

	@Test
	void namespaceHeaderIsEchoed() {
		VaultHttp.Reply reply = this.http.call("GET", "sys/health").header("X-Vault-Namespace", "").send();
		assertThat(reply.status()).isEqualTo(200);
		VaultHttp.Reply echoed = this.http.call("GET", "auth/token/lookup-self")
			.token(rootToken())
			.header("X-Vault-Namespace", "root")
			.send();
		assertThat(echoed.status()).isEqualTo(200);
		assertThat(echoed.header("X-Vault-Namespace")).isEqualTo("root");
	}

	@Test
	void h2cUpgradeRequestIsServedOverHttp11() {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
		VaultHttp h2c = new VaultHttp(address(), client);
		VaultHttp.Reply reply = h2c.get("auth/token/lookup-self", rootToken());
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.response().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
	}

	// tokens

	@Test
	void tokenCreateLookupAndRevoke() {
		VaultHttp.Reply created = this.http.post("auth/token/create", rootToken(),
				"{\"policies\":[\"default\"],\"ttl\":\"1h\",\"meta\":{\"app\":\"demo\"},\"display_name\":\"Demo\"}");
		assertThat(created.status()).isEqualTo(200);
		JsonNode auth = created.json().path("auth");
		String token = auth.path("client_token").asString();
		assertThat(token).startsWith("hvs.");
		assertThat(auth.path("accessor").asString()).isNotEmpty();
		assertThat(auth.path("policies").toString()).isEqualTo("[\"default\"]");
		assertThat(auth.path("lease_duration").asInt()).isEqualTo(3600);
		assertThat(auth.path("renewable").asBoolean()).isTrue();
		assertThat(auth.path("orphan").asBoolean()).isFalse();
		assertThat(auth.path("token_type").asString()).isEqualTo("service");
		assertThat(auth.path("metadata").path("app").asString()).isEqualTo("demo");

		JsonNode self = this.http.get("auth/token/lookup-self", token).data();
		assertThat(self.path("id").asString()).isEqualTo(token);
		assertThat(self.path("display_name").asString()).isEqualTo("token-demo");
		assertThat(self.path("path").asString()).isEqualTo("auth/token/create");
		assertThat(self.path("creation_ttl").asInt()).isEqualTo(3600);
		assertThat(self.path("ttl").asInt()).isBetween(3590, 3600);
		assertThat(self.path("expire_time").asString()).isNotEmpty();
		assertThat(self.path("meta").path("app").asString()).isEqualTo("demo");
		assertThat(self.path("type").asString()).isEqualTo("service");

		JsonNode byAccessor = this.http
			.post("auth/token/lookup-accessor", rootToken(), "{\"accessor\":\"" + auth.path("accessor").asString() + "\"}")
			.data();
		assertThat(byAccessor.path("id").asString()).isEmpty();
		assertThat(byAccessor.path("accessor").asString()).isEqualTo(auth.path("accessor").asString());

		assertThat(this.http.post("auth/token/lookup", rootToken(), "{\"token\":\"" + token + "\"}").status())
			.isEqualTo(200);
		assertThat(this.http.post("auth/token/revoke-self", token, "").status()).isEqualTo(204);
		VaultHttp.Reply after = this.http.get("auth/token/lookup-self", token);
		assertThat(after.status()).isEqualTo(403);
		assertThat(this.http.post("auth/token/lookup", rootToken(), "{\"token\":\"" + token + "\"}").firstError())
			.isEqualTo("bad token");
	}

	@Test
	void renewIsCappedByExplicitMaxTtl() {
		String token = createToken("{\"policies\":[\"default\"],\"ttl\":\"10m\",\"explicit_max_ttl\":\"30m\"}");
		VaultHttp.Reply renewed = this.http.post("auth/token/renew-self", token, "{\"increment\":\"1h\"}");
		assertThat(renewed.status()).isEqualTo(200);
		int lease = renewed.json().path("auth").path("lease_duration").asInt();
		assertThat(lease).isBetween(1790, 1800);
		assertThat(renewed.json().path("warnings").path(0).asString()).startsWith("TTL of \"1h\" exceeded the effective max_ttl of \"29m")
			.endsWith("\"; TTL value is capped accordingly");
	}

	@Test
	void creationTtlIsCappedWithWarning() {
		VaultHttp.Reply created = this.http.post("auth/token/create", rootToken(),
				"{\"policies\":[\"default\"],\"ttl\":\"2h\",\"explicit_max_ttl\":\"1h\"}");
		assertThat(created.json().path("auth").path("lease_duration").asInt()).isEqualTo(3600);
		assertThat(created.json().path("warnings").toString())
			.contains("TTL of \\\"2h\\\" exceeded the effective max_ttl of \\\"1h\\\"; TTL value is capped accordingly");
	}

	@Test
	void rootTokenIsNotRenewable() {
		VaultHttp.Reply reply = this.http.post("auth/token/renew-self", rootToken(), "");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.firstError()).contains("lease is not renewable");
	}

	@Test
	void tokenCreationRulesForNonPrivilegedParent() {
		writePolicy("contract-creator", "path \"auth/token/create\" { capabilities = [\"update\"] }");
		String parent = createToken("{\"policies\":[\"contract-creator\"]}");
		assertThat(this.http.post("auth/token/create", parent, "{\"no_parent\":true}").firstError())
			.isEqualTo("root or sudo privileges required to create orphan token");
		assertThat(this.http.post("auth/token/create", parent, "{\"period\":\"1h\"}").firstError())
			.isEqualTo("root or sudo privileges required to create periodic token");
		assertThat(this.http.post("auth/token/create", parent, "{\"num_uses\":-1}").firstError())
			.isEqualTo("number of uses cannot be negative");
		assertThat(this.http.post("auth/token/create", parent, "{\"policies\":[\"other\"]}").firstError())
			.isEqualTo("child policies must be subset of parent");
		VaultHttp.Reply child = this.http.post("auth/token/create", parent, "{}");
		assertThat(child.status()).isEqualTo(200);
		assertThat(child.json().path("auth").path("policies").toString()).contains("contract-creator");
	}

	@Test
	void limitedUseTokenCannotCreateChildren() {
		String token = createToken("{\"policies\":[\"default\"],\"num_uses\":5}");
		VaultHttp.Reply reply = this.http.post("auth/token/create", token, "{}");
		assertThat(reply.status()).isIn(400, 403);
		assertThat(reply.text()).containsAnyOf("restricted use token cannot generate child tokens", "permission denied");
	}

	@Test
	void revokingParentRevokesChildrenButNotOrphans() {
		String parent = createToken("{\"policies\":[\"default\"]}");
		String child = createToken("{\"policies\":[\"default\"]}");
		VaultHttp.Reply childOfParent = this.http.post("auth/token/create", parent, "{}");
		String grandChild = childOfParent.json().path("auth").path("client_token").asString();
		VaultHttp.Reply orphan = this.http.post("auth/token/create-orphan", rootToken(), "{\"policies\":[\"default\"]}");
		assertThat(orphan.json().path("auth").path("orphan").asBoolean()).isTrue();
		assertThat(this.http.post("auth/token/revoke", rootToken(), "{\"token\":\"" + parent + "\"}").status())
			.isEqualTo(204);
		assertThat(this.http.get("auth/token/lookup-self", grandChild).status()).isEqualTo(403);
		assertThat(this.http.get("auth/token/lookup-self", child).status()).isEqualTo(200);
		assertThat(this.http.get("auth/token/lookup-self", orphan.json().path("auth").path("client_token").asString())
			.status()).isEqualTo(200);
	}

	@Test
	void limitedUseTokenStopsWorking() {
		String token = createToken("{\"policies\":[\"default\"],\"num_uses\":2}");
		assertThat(this.http.get("auth/token/lookup-self", token).status()).isEqualTo(200);
		assertThat(this.http.get("auth/token/lookup-self", token).status()).isEqualTo(200);
		assertThat(this.http.get("auth/token/lookup-self", token).status()).isEqualTo(403);
	}

	@Test
	void batchTokensCannotBeRenewed() {
		VaultHttp.Reply created = this.http.post("auth/token/create", rootToken(),
				"{\"policies\":[\"default\"],\"type\":\"batch\",\"ttl\":\"10m\"}");
		String token = created.json().path("auth").path("client_token").asString();
		assertThat(token).startsWith("hvb.");
		assertThat(created.json().path("auth").path("token_type").asString()).isEqualTo("batch");
		VaultHttp.Reply renewed = this.http.post("auth/token/renew", rootToken(), "{\"token\":\"" + token + "\"}");
		assertThat(renewed.status()).isEqualTo(400);
		assertThat(renewed.firstError()).contains("batch tokens cannot be renewed");
	}

	@Test
	void renewErrors() {
		assertThat(this.http.post("auth/token/renew", rootToken(), "{}").firstError()).isEqualTo("missing token ID");
		assertThat(this.http.post("auth/token/renew", rootToken(), "{\"token\":\"hvs.unknown\"}").firstError())
			.isEqualTo("token not found");
	}

	// policies and ACL

	@Test
	void aclExactGlobSegmentAndDeny() {
		writePolicy("contract-acl", """
				# exact, glob, segment and deny rules
				path "sys/policies/acl/contract-exact" { capabilities = ["read"] }
				path "sys/policies/acl/contract-app-*" { capabilities = ["read", "list"] }
				path "sys/policies/acl/contract-app-secret" { capabilities = ["deny"] }
				path "contract/+/data" { capabilities = ["read"] }
				path "contract/x/*" { capabilities = ["deny"] }
				""");
		String token = createToken("{\"policies\":[\"contract-acl\"]}");
		assertThat(capabilities(token, "sys/policies/acl/contract-exact")).containsExactly("read");
		assertThat(capabilities(token, "sys/policies/acl/contract-app-one")).containsExactly("list", "read");
		assertThat(capabilities(token, "sys/policies/acl/contract-app-secret")).containsExactly("deny");
		assertThat(capabilities(token, "sys/policies/acl/other")).containsExactly("deny");
		assertThat(capabilities(token, "contract/a/data")).containsExactly("read");
		assertThat(capabilities(token, "contract/a/b/data")).containsExactly("deny");
		// "contract/x/*" has its first wildcard later than "contract/+/data", so it decides
		assertThat(capabilities(token, "contract/x/data")).containsExactly("deny");
		assertThat(this.http.get("sys/policies/acl/contract-exact", token).status()).isEqualTo(404);
		assertThat(this.http.get("sys/policies/acl/contract-app-one", token).status()).isEqualTo(404);
		VaultHttp.Reply denied = this.http.get("sys/policies/acl/contract-app-secret", token);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.firstError()).isEqualTo(ACL_DENIED);
		assertThat(this.http.get("sys/policies/acl/contract-acl", token).status()).isEqualTo(403);
	}

	@Test
	void aclPriorityPrefersLaterWildcardAndLongerPattern() {
		writePolicy("contract-priority", """
				path "sys/policies/acl/*" { capabilities = ["deny"] }
				path "sys/policies/acl/contract-p*" { capabilities = ["read"] }
				path "sys/+/acl/contract-pq" { capabilities = ["list"] }
				""");
		String token = createToken("{\"policies\":[\"contract-priority\"]}");
		assertThat(capabilities(token, "sys/policies/acl/contract-pa")).containsExactly("read");
		assertThat(capabilities(token, "sys/policies/acl/zzz")).containsExactly("deny");
		// the '+' pattern has its first wildcard earlier, so the glob on the longer prefix wins
		assertThat(capabilities(token, "sys/policies/acl/contract-pq")).containsExactly("read");
	}

	@Test
	void capabilitiesOfAnotherTokenAndByAccessor() {
		writePolicy("contract-caps", "path \"contract/caps/*\" { capabilities = [\"read\", \"update\"] }");
		VaultHttp.Reply created = this.http.post("auth/token/create", rootToken(), "{\"policies\":[\"contract-caps\"]}");
		String token = created.json().path("auth").path("client_token").asString();
		String accessor = created.json().path("auth").path("accessor").asString();
		VaultHttp.Reply byToken = this.http.post("sys/capabilities", rootToken(),
				"{\"token\":\"" + token + "\",\"paths\":[\"contract/caps/a\"]}");
		assertThat(byToken.json().path("capabilities").toString()).isEqualTo("[\"read\",\"update\"]");
		VaultHttp.Reply byAccessor = this.http.post("sys/capabilities-accessor", rootToken(),
				"{\"accessor\":\"" + accessor + "\",\"paths\":[\"contract/caps/a\",\"elsewhere\"]}");
		assertThat(byAccessor.data().path("contract/caps/a").toString()).isEqualTo("[\"read\",\"update\"]");
		assertThat(byAccessor.data().path("elsewhere").toString()).isEqualTo("[\"deny\"]");
	}

	@Test
	void tokenRolesShapeCreatedTokens() {
		String role = unique("contract-role-");
		assertThat(this.http.post("auth/token/roles/" + role, rootToken(),
				"{\"allowed_policies\":[\"default\",\"contract-role-policy\"],\"orphan\":true,\"token_period\":\"1h\"}")
			.status()).isEqualTo(204);
		assertThat(this.http.list("auth/token/roles", rootToken()).data().path("keys").toString()).contains(role);
		VaultHttp.Reply created = this.http.post("auth/token/create/" + role, rootToken(), "{}");
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		JsonNode auth = created.json().path("auth");
		assertThat(auth.path("orphan").asBoolean()).isTrue();
		assertThat(auth.path("lease_duration").asInt()).isEqualTo(3600);
		assertThat(auth.path("policies").toString()).contains("contract-role-policy");
		JsonNode lookup = this.http.get("auth/token/lookup-self", auth.path("client_token").asString()).data();
		assertThat(lookup.path("path").asString()).isEqualTo("auth/token/create/" + role);
		assertThat(lookup.path("role").asString()).isEqualTo(role);
		assertThat(this.http.post("auth/token/create/" + role, rootToken(), "{\"policies\":[\"other\"]}").status())
			.isEqualTo(400);
		assertThat(this.http.delete("auth/token/roles/" + role, rootToken()).status()).isEqualTo(204);
	}

	@Test
	void internalUiMountsListsWhatTheTokenCanReach() {
		VaultHttp.Reply root = this.http.get("sys/internal/ui/mounts", rootToken());
		assertThat(root.data().path("secret").has("secret/")).isTrue();
		assertThat(root.data().path("auth").has("token/")).isTrue();
		VaultHttp.Reply anonymous = this.http.get("sys/internal/ui/mounts", null);
		assertThat(anonymous.status()).isEqualTo(200);
		assertThat(anonymous.data().path("secret").has("secret/")).isFalse();
	}

	@Test
	void capabilitiesSelfForRootIsRoot() {
		assertThat(capabilities(rootToken(), "anything/at/all")).containsExactly("root");
	}

	protected List<String> capabilities(String token, String path) {
		VaultHttp.Reply reply = this.http.post("sys/capabilities-self", token, "{\"paths\":[\"" + path + "\"]}");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		reply.json().path("capabilities").forEach((node) -> names.add(node.asString()));
		assertThat(reply.data().path(path).size()).isEqualTo(names.size());
		return names;
	}

	@Test
	void policyCrudAndErrors() {
		String name = unique("contract-crud-");
		writePolicy(name, "path \"secret/data/x\" { capabilities = [\"read\"] }");
		VaultHttp.Reply read = this.http.get("sys/policies/acl/" + name, rootToken());
		assertThat(read.data().path("name").asString()).isEqualTo(name);
		assertThat(read.data().path("policy").asString()).contains("secret/data/x");
		assertThat(read.json().has("name")).isFalse();
		assertThat(this.http.list("sys/policies/acl", rootToken()).data().path("keys").toString()).contains(name);
		assertThat(this.http.post("sys/policies/acl/" + name, rootToken(), "{\"policy\":\"\"}").firstError())
			.isEqualTo("'policy' parameter not supplied or empty");
		assertThat(this.http.post("sys/policies/acl/" + name, rootToken(), "{\"policy\":\"path {\"}").firstError())
			.startsWith("failed to parse policy");
		assertThat(this.http.post("sys/policies/acl/root", rootToken(), "{\"policy\":\"path \\\"x\\\" {}\"}").firstError())
			.isEqualTo("cannot update \"root\" policy");
		VaultHttp.Reply deleteRoot = this.http.delete("sys/policies/acl/root", rootToken());
		assertThat(deleteRoot.status()).isEqualTo(400);
		assertThat(deleteRoot.firstError()).isEqualTo("cannot delete \"root\" policy");
		assertThat(this.http.delete("sys/policies/acl/default", rootToken()).firstError())
			.isEqualTo("cannot delete default policy");
		assertThat(this.http.delete("sys/policies/acl/" + name, rootToken()).status()).isEqualTo(204);
		assertThat(this.http.get("sys/policies/acl/" + name, rootToken()).status()).isEqualTo(404);
		assertThat(this.http.delete("sys/policies/acl/" + name, rootToken()).status()).isEqualTo(204);
	}

	@Test
	void policyNamesAreLowerCasedWithWarning() {
		String name = unique("Contract-Upper-");
		VaultHttp.Reply reply = this.http.post("sys/policies/acl/" + name, rootToken(),
				"{\"policy\":\"path \\\"x/*\\\" { capabilities = [\\\"read\\\"] }\"}");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("warnings").path(0).asString()).contains(name.toLowerCase());
		assertThat(this.http.get("sys/policies/acl/" + name.toLowerCase(), rootToken()).status()).isEqualTo(200);
	}

	@Test
	void base64AndJsonPolicies() {
		String json = "{\"path\":{\"sys/policies/acl/contract-json-*\":{\"capabilities\":[\"read\"]}}}";
		String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
		assertThat(this.http.post("sys/policies/acl/contract-b64", rootToken(), "{\"policy\":\"" + encoded + "\"}")
			.status()).isEqualTo(204);
		String token = createToken("{\"policies\":[\"contract-b64\"]}");
		assertThat(capabilities(token, "sys/policies/acl/contract-json-a")).containsExactly("read");
	}

	@Test
	void legacyPolicyEndpointsInjectData() {
		writePolicy("contract-legacy", "path \"a/*\" { capabilities = [\"read\"] }");
		VaultHttp.Reply list = this.http.get("sys/policy", rootToken());
		assertThat(list.json().path("policies").toString()).contains("contract-legacy");
		assertThat(list.data().path("keys").toString()).contains("contract-legacy");
		VaultHttp.Reply read = this.http.get("sys/policy/contract-legacy", rootToken());
		assertThat(read.json().path("rules").asString()).contains("a/*");
		assertThat(this.http.post("sys/policy/contract-legacy2", rootToken(), "{\"rules\":\"path \\\"b\\\" { capabilities = [\\\"read\\\"] }\"}")
			.status()).isEqualTo(204);
	}

	// mounts

	@Test
	void preflightAllowsTokensWithAccessInsideTheMount() {
		writePolicy("contract-kv-reader", "path \"secret/data/app/*\" { capabilities = [\"read\"] }");
		String token = createToken("{\"policies\":[\"contract-kv-reader\"]}");
		VaultHttp.Reply reply = this.http.get("sys/internal/ui/mounts/secret/app/db", token);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.data().path("type").asString()).isEqualTo("kv");
		assertThat(reply.data().path("path").asString()).isEqualTo("secret/");
		assertThat(reply.data().path("options").path("version").asString()).isEqualTo("2");
		assertThat(reply.json().has("type")).isFalse();

		String other = createToken("{\"policies\":[\"default\"]}");
		VaultHttp.Reply denied = this.http.get("sys/internal/ui/mounts/secret/app/db", other);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.firstError()).startsWith("preflight capability check returned 403, please ensure client's policies grant access to path \"secret/");
		assertThat(this.http.get("sys/internal/ui/mounts/secret/app/db", null).status()).isEqualTo(403);
	}

	@Test
	void sysMountsListsDevMountsAndInjectsData() {
		VaultHttp.Reply reply = this.http.get("sys/mounts", rootToken());
		assertThat(reply.status()).isEqualTo(200);
		JsonNode json = reply.json();
		for (String mount : List.of("secret/", "sys/", "cubbyhole/", "identity/")) {
			assertThat(json.path("data").has(mount)).as(mount).isTrue();
			assertThat(json.has(mount)).as(mount).isTrue();
		}
		assertThat(json.path("secret/").path("type").asString()).isEqualTo("kv");
		assertThat(json.path("secret/").path("options").path("version").asString()).isEqualTo("2");
	}

	@Test
	void enableTuneAndDisableKvMount() {
		String path = unique("contract-kv-");
		assertThat(this.http.post("sys/mounts/" + path, rootToken(), "{\"type\":\"kv-v1\"}").status()).isEqualTo(204);
		VaultHttp.Reply conflict = this.http.post("sys/mounts/" + path, rootToken(), "{\"type\":\"kv\"}");
		assertThat(conflict.status()).isEqualTo(400);
		assertThat(conflict.firstError()).isEqualTo("path is already in use at " + path + "/");
		VaultHttp.Reply read = this.http.get("sys/mounts/" + path, rootToken());
		assertThat(read.data().path("type").asString()).isEqualTo("kv");
		assertThat(read.data().path("options").path("version").asString()).isEqualTo("1");
		assertThat(this.http.post("sys/mounts/" + path + "/tune", rootToken(), "{\"options\":{\"version\":\"2\"}}").status())
			.isEqualTo(204);
		VaultHttp.Reply tuned = this.http.get("sys/mounts/" + path + "/tune", rootToken());
		assertThat(tuned.data().path("options").path("version").asString()).isEqualTo("2");
		assertThat(tuned.data().path("default_lease_ttl").asLong()).isPositive();
		VaultHttp.Reply downgrade = this.http.post("sys/mounts/" + path + "/tune", rootToken(),
				"{\"options\":{\"version\":\"1\"}}");
		assertThat(downgrade.status()).isEqualTo(400);
		assertThat(downgrade.firstError()).contains("cannot downgrade mount from version 2");
		assertThat(this.http.delete("sys/mounts/" + path, rootToken()).status()).isEqualTo(204);
		VaultHttp.Reply gone = this.http.get("sys/mounts/" + path, rootToken());
		assertThat(gone.status()).isEqualTo(400);
		assertThat(gone.firstError()).isEqualTo("No secret engine mount at " + path + "/");
		assertThat(this.http.delete("sys/mounts/" + path, rootToken()).status()).isEqualTo(204);
	}

	@Test
	void authTableHasTokenMethod() {
		VaultHttp.Reply reply = this.http.get("sys/auth", rootToken());
		assertThat(reply.data().path("token/").path("type").asString()).isEqualTo("token");
		assertThat(reply.json().path("token/").path("type").asString()).isEqualTo("token");
	}

	// health and seal status

	@Test
	void healthCodesAndParameters() {
		VaultHttp.Reply health = this.http.get("sys/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("initialized").asBoolean()).isTrue();
		assertThat(health.json().path("sealed").asBoolean()).isFalse();
		assertThat(health.json().path("standby").asBoolean()).isFalse();
		assertThat(health.json().path("version").asString()).isNotEmpty();
		assertThat(health.json().path("server_time_utc").asLong()).isPositive();
		assertThat(this.http.get("sys/health?activecode=299", null).status()).isEqualTo(299);
		VaultHttp.Reply bad = this.http.get("sys/health?activecode=abc", null);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").isEmpty()).isTrue();
		VaultHttp.Reply head = this.http.call("HEAD", "sys/health").send();
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.text()).isEmpty();
	}

	@Test
	void sealStatusOfUnsealedServer() {
		VaultHttp.Reply reply = this.http.get("sys/seal-status", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("sealed").asBoolean()).isFalse();
		assertThat(reply.json().path("type").asString()).isEqualTo("shamir");
		assertThat(reply.json().path("t").asInt()).isEqualTo(1);
	}

	@Test
	void initAndLeaderAnswerWithoutToken() {
		assertThat(this.http.get("sys/init", null).json().path("initialized").asBoolean()).isTrue();
		VaultHttp.Reply leader = this.http.get("sys/leader", null);
		assertThat(leader.status()).isEqualTo(200);
		assertThat(leader.json().has("ha_enabled")).isTrue();
	}

	// where Vault and OpenBao differ

	@Test
	void healthBodyIsTheFlavours() {
		JsonNode health = this.http.get("sys/health", null).json();
		assertThat(health.path("replication_performance_mode").asString()).isEqualTo("disabled");
		assertThat(health.path("cluster_id").asString()).isNotEmpty();
		if (flavour().isOpenBao()) {
			assertThat(health.propertyNames()).containsExactlyInAnyOrder("initialized", "sealed", "standby",
					"replication_performance_mode", "replication_dr_mode", "server_time_utc", "version",
					"cluster_name", "cluster_id");
			assertThat(health.path("version").asString()).startsWith("2.");
			// OpenBao knows no performance standby parameters: a bad one is ignored
			assertThat(this.http.get("sys/health?perfstandbyok=maybe", null).status()).isEqualTo(200);
		}
		else {
			assertThat(health.path("enterprise").isBoolean()).isTrue();
			assertThat(health.has("performance_standby")).isTrue();
			assertThat(health.has("echo_duration_ms")).isTrue();
			assertThat(this.http.get("sys/health?perfstandbyok=maybe", null).status()).isEqualTo(400);
		}
	}

	@Test
	void sealStatusFieldsAreTheFlavours() {
		JsonNode status = this.http.get("sys/seal-status", null).json();
		assertThat(status.path("version").asString())
			.isEqualTo(this.http.get("sys/health", null).json().path("version").asString());
		assertThat(status.path("recovery_seal").asBoolean(true)).isFalse();
		assertThat(status.path("cluster_name").asString()).isNotEmpty();
		if (flavour().isOpenBao()) {
			assertThat(status.has("commit_date")).isTrue();
			assertThat(status.has("build_date")).isFalse();
			assertThat(status.has("removed_from_cluster")).isFalse();
		}
		else {
			assertThat(status.has("build_date")).isTrue();
			assertThat(status.has("commit_date")).isFalse();
		}
	}

	@Test
	void leaderOfANonHaServerIsTheFlavours() {
		JsonNode leader = this.http.get("sys/leader", null).json();
		assertThat(leader.path("ha_enabled").asBoolean(true)).isFalse();
		if (flavour().isOpenBao()) {
			// every other field is left out when empty
			assertThat(leader.propertyNames()).containsExactly("ha_enabled");
		}
		else {
			assertThat(leader.has("is_self")).isTrue();
			assertThat(leader.has("performance_standby")).isTrue();
		}
	}

	@Test
	void versionHistoryListsTheRunningVersion() {
		String version = this.http.get("sys/health", null).json().path("version").asString();
		VaultHttp.Reply reply = this.http.list("sys/version-history", rootToken());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.data().path("keys").toString()).contains("\"" + version + "\"");
		JsonNode info = reply.data().path("key_info").path(version);
		assertThat(info.path("timestamp_installed").asString()).isNotEmpty();
		assertThat(info.has("previous_version")).isTrue();
		assertThat(info.has(flavour().isOpenBao() ? "commit_date" : "build_date")).isTrue();
	}

	@Test
	void kvV2ListIsPaginatedOnlyByOpenBao() {
		String folder = unique("paged");
		for (String key : List.of("a", "b", "c", "d/x")) {
			assertThat(this.http.post("secret/data/" + folder + "/" + key, rootToken(), "{\"data\":{\"k\":\"v\"}}")
				.status()).isEqualTo(200);
		}
		VaultHttp.Reply page = this.http.list("secret/metadata/" + folder + "?after=a&limit=2", rootToken());
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		VaultHttp.Reply unlimited = this.http.list("secret/metadata/" + folder + "?after=b", rootToken());
		VaultHttp.Reply past = this.http.list("secret/metadata/" + folder + "?after=e", rootToken());
		VaultHttp.Reply badLimit = this.http.list("secret/metadata/" + folder + "?limit=ten", rootToken());
		if (flavour().isOpenBao()) {
			// strictly after "a", at most 2; a folder compares with its slash
			assertThat(page.data().path("keys").toString()).isEqualTo("[\"b\",\"c\"]");
			assertThat(unlimited.data().path("keys").toString()).isEqualTo("[\"c\",\"d/\"]");
			assertThat(past.status()).isEqualTo(404);
			assertThat(badLimit.status()).isEqualTo(400);
			assertThat(badLimit.firstError()).isEqualTo("Field validation failed: error converting input for field "
					+ "\"limit\": '' cannot parse value as 'int': strconv.ParseInt: invalid syntax");
		}
		else {
			// Vault ignores both parameters
			assertThat(page.data().path("keys").toString()).isEqualTo("[\"a\",\"b\",\"c\",\"d/\"]");
			assertThat(past.status()).isEqualTo(200);
			assertThat(badLimit.status()).isEqualTo(200);
		}
	}

	@Test
	void userpassUserListIsPaginatedOnlyByOpenBao() {
		String mount = unique("up");
		assertThat(this.http.post("sys/auth/" + mount, rootToken(), "{\"type\":\"userpass\"}").status())
			.isEqualTo(204);
		for (String user : List.of("alice", "bob", "carol")) {
			assertThat(this.http.post("auth/" + mount + "/users/" + user, rootToken(), "{\"password\":\"pw\"}")
				.status()).isEqualTo(204);
		}
		VaultHttp.Reply page = this.http.list("auth/" + mount + "/users?after=alice&limit=1", rootToken());
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.data().path("keys").toString())
			.isEqualTo(flavour().isOpenBao() ? "[\"bob\"]" : "[\"alice\",\"bob\",\"carol\"]");
	}

	@Test
	void writesCarryNoIndexOrServerHeader() {
		VaultHttp.Reply reply = this.http.post("secret/data/" + unique("index"), rootToken(),
				"{\"data\":{\"k\":\"v\"}}");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("X-Vault-Index")).isNull();
		// neither Vault nor OpenBao names itself in a Server header
		assertThat(reply.header("Server")).isNull();
	}

	@Test
	void unknownSysPathIsUnsupported() {
		VaultHttp.Reply reply = this.http.get("sys/does-not-exist", rootToken());
		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.firstError()).contains("unsupported path");
	}

	@Test
	void unsealWithoutKeyOrResetIsBadRequest() {
		VaultHttp.Reply reply = this.http.post("sys/unseal", null, "{}");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.firstError())
			.isEqualTo("'key' must be specified in request body as JSON, or 'reset' set to true");
	}

	@Test
	void unsealResetWhileUnsealedIsBadRequest() {
		VaultHttp.Reply reply = this.http.post("sys/unseal", null, "{\"reset\": true}");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.firstError()).isEqualTo("vault is unsealed");
	}

	// wrapping

	@Test
	void wrapLookupUnwrapIsSingleUse() {
		VaultHttp.Reply wrapped = this.http.call("POST", "sys/wrapping/wrap")
			.token(rootToken())
			.header("X-Vault-Wrap-TTL", "5m")
			.body("{\"hello\":\"world\"}")
			.send();
		assertThat(wrapped.status()).isEqualTo(200);
		JsonNode info = wrapped.json().path("wrap_info");
		String wrappingToken = info.path("token").asString();
		assertThat(info.path("ttl").asInt()).isEqualTo(300);
		assertThat(info.path("creation_path").asString()).isEqualTo("sys/wrapping/wrap");
		assertThat(wrapped.json().get("data").isNull()).isTrue();

		VaultHttp.Reply lookup = this.http.post("sys/wrapping/lookup", null, "{\"token\":\"" + wrappingToken + "\"}");
		assertThat(lookup.status()).isEqualTo(200);
		assertThat(lookup.data().path("creation_ttl").asInt()).isEqualTo(300);
		assertThat(lookup.data().path("creation_path").asString()).isEqualTo("sys/wrapping/wrap");

		VaultHttp.Reply unwrapped = this.http.post("sys/wrapping/unwrap", wrappingToken, "");
		assertThat(unwrapped.status()).isEqualTo(200);
		assertThat(unwrapped.data().path("hello").asString()).isEqualTo("world");
		VaultHttp.Reply again = this.http.post("sys/wrapping/unwrap", wrappingToken, "");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.firstError()).contains("wrapping token is not valid or does not exist");
	}

	@Test
	void unwrapWithTokenInBody() {
		VaultHttp.Reply wrapped = this.http.call("POST", "auth/token/create")
			.token(rootToken())
			.header("X-Vault-Wrap-TTL", "120")
			.body("{\"policies\":[\"default\"]}")
			.send();
		JsonNode info = wrapped.json().path("wrap_info");
		assertThat(info.path("wrapped_accessor").asString()).isNotEmpty();
		assertThat(info.path("creation_path").asString()).isEqualTo("auth/token/create");
		VaultHttp.Reply unwrapped = this.http.post("sys/wrapping/unwrap", rootToken(),
				"{\"token\":\"" + info.path("token").asString() + "\"}");
		assertThat(unwrapped.status()).isEqualTo(200);
		assertThat(unwrapped.json().path("auth").path("accessor").asString())
			.isEqualTo(info.path("wrapped_accessor").asString());
		assertThat(this.http.post("sys/wrapping/unwrap", rootToken(), "{\"token\":\"" + info.path("token").asString() + "\"}")
			.status()).isEqualTo(400);
	}

	@Test
	void wrapTtlHeaderErrors() {
		VaultHttp.Reply bad = this.http.call("GET", "auth/token/lookup-self")
			.token(rootToken())
			.header("X-Vault-Wrap-TTL", "soon")
			.send();
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.firstError()).startsWith("error parsing X-Vault-Wrap-TTL header");
		VaultHttp.Reply negative = this.http.call("GET", "auth/token/lookup-self")
			.token(rootToken())
			.header("X-Vault-Wrap-TTL", "-5m")
			.send();
		assertThat(negative.status()).isEqualTo(400);
		assertThat(negative.firstError()).contains("requested wrap ttl cannot be negative");
		VaultHttp.Reply noHeader = this.http.post("sys/wrapping/wrap", rootToken(), "{\"a\":\"b\"}");
		assertThat(noHeader.status()).isEqualTo(400);
		assertThat(noHeader.firstError()).isEqualTo("endpoint requires response wrapping to be used");
	}

	// cubbyhole

	@Test
	void cubbyholeIsPerToken() {
		String one = createToken("{\"policies\":[\"default\"]}");
		String two = createToken("{\"policies\":[\"default\"]}");
		assertThat(this.http.post("cubbyhole/app/note", one, "{\"text\":\"mine\"}").status()).isEqualTo(204);
		assertThat(this.http.get("cubbyhole/app/note", one).data().path("text").asString()).isEqualTo("mine");
		assertThat(this.http.list("cubbyhole/app", one).data().path("keys").toString()).isEqualTo("[\"note\"]");
		assertThat(this.http.get("cubbyhole/app/note", two).status()).isEqualTo(404);
		assertThat(this.http.list("cubbyhole/app", two).status()).isEqualTo(404);
	}

	// AppRole secret-id listing, tidy and role-id errors

	@Test
	void approleListsSecretIdAccessors() {
		String mount = unique("approle-");
		assertThat(this.http.post("sys/auth/" + mount, rootToken(), "{\"type\":\"approle\"}").status())
			.isEqualTo(204);
		String role = "auth/" + mount + "/role/app";
		assertThat(this.http.post(role, rootToken(), "{\"token_policies\":\"default\"}").status()).isEqualTo(204);
		VaultHttp.Reply none = this.http.list(role + "/secret-id", rootToken());
		assertThat(none.status()).isEqualTo(404);
		assertThat(none.json().path("errors").isEmpty()).isTrue();
		List<String> accessors = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			VaultHttp.Reply created = this.http.post(role + "/secret-id", rootToken(), "{}");
			assertThat(created.status()).as(created.toString()).isEqualTo(200);
			accessors.add(created.data().path("secret_id_accessor").asString());
		}
		VaultHttp.Reply listed = this.http.list(role + "/secret-id", rootToken());
		assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
		List<String> keys = new ArrayList<>();
		listed.data().path("keys").forEach((key) -> keys.add(key.asString()));
		assertThat(keys).containsExactlyInAnyOrderElementsOf(accessors);
		assertThat(this.http.call("GET", role + "/secret-id?list=true").token(rootToken()).send().data().path("keys"))
			.hasSize(2);

		String accessorBody = "{\"secret_id_accessor\":\"" + accessors.get(0) + "\"}";
		VaultHttp.Reply lookup = this.http.post(role + "/secret-id-accessor/lookup", rootToken(), accessorBody);
		assertThat(lookup.data().path("secret_id_accessor").asString()).isEqualTo(accessors.get(0));
		assertThat(this.http.post(role + "/secret-id-accessor/destroy", rootToken(), accessorBody).status())
			.isEqualTo(204);
		assertThat(this.http.list(role + "/secret-id", rootToken()).data().path("keys")).hasSize(1);
		VaultHttp.Reply destroyedAgain = this.http.post(role + "/secret-id-accessor/destroy", rootToken(),
				accessorBody);
		assertThat(destroyedAgain.status()).isEqualTo(500);
		// a plugin's internal error, wrapped by Vault's core on an authenticated request
		assertThat(destroyedAgain.firstError()).isEqualTo("1 error occurred:\n\t* failed to find accessor entry for "
				+ "secret_id_accessor: \"" + accessors.get(0) + "\"\n\n");

		// Vault answers 404 for an unknown accessor since 1.9 (hashicorp/vault#12788)
		VaultHttp.Reply unknownAccessor = this.http.post(role + "/secret-id-accessor/lookup", rootToken(), accessorBody);
		assertThat(unknownAccessor.status()).isEqualTo(404);
		assertThat(unknownAccessor.firstError())
			.isEqualTo("failed to find accessor entry for secret_id_accessor: \"" + accessors.get(0) + "\"");
		String otherRole = "auth/" + mount + "/role/other";
		assertThat(this.http.post(otherRole, rootToken(), "{\"token_policies\":\"default\"}").status()).isEqualTo(204);
		String othersAccessor = "{\"secret_id_accessor\":\"" + accessors.get(1) + "\"}";
		VaultHttp.Reply crossRole = this.http.post(otherRole + "/secret-id-accessor/destroy", rootToken(),
				othersAccessor);
		assertThat(crossRole.status()).isEqualTo(403);
		assertThat(crossRole.firstError()).isEqualTo("invalid secret id accessor");
		assertThat(this.http.list(role + "/secret-id", rootToken()).data().path("keys")).hasSize(1);

		VaultHttp.Reply custom = this.http.post(role + "/custom-secret-id", rootToken(),
				"{\"secret_id\":\"my-own-secret-id\"}");
		assertThat(custom.status()).isEqualTo(200);
		assertThat(this.http.list(role + "/secret-id", rootToken()).data().path("keys")).hasSize(2);

		VaultHttp.Reply unknownRole = this.http.list("auth/" + mount + "/role/nope/secret-id", rootToken());
		assertThat(unknownRole.status()).isEqualTo(400);
		assertThat(unknownRole.firstError()).isEqualTo("role \"nope\" does not exist");
		VaultHttp.Reply roleIdOfUnknown = this.http.post("auth/" + mount + "/role/nope/role-id", rootToken(),
				"{\"role_id\":\"x\"}");
		assertThat(roleIdOfUnknown.status()).isEqualTo(404);
		assertThat(this.http.post(role + "/role-id", rootToken(), "{\"role_id\":\"fixed-" + mount + "\"}").status())
			.isEqualTo(204);
		assertThat(this.http.get(role + "/role-id", rootToken()).data().path("role_id").asString())
			.isEqualTo("fixed-" + mount);

		assertThat(this.http.post("auth/" + mount + "/role/nope/policies", rootToken(), "{\"token_policies\":\"a\"}")
			.status()).isEqualTo(404);
		assertThat(this.http.delete("auth/" + mount + "/role/nope/policies", rootToken()).status()).isEqualTo(204);
		VaultHttp.Reply emptyCidrs = this.http.post(role + "/secret-id-bound-cidrs", rootToken(),
				"{\"secret_id_bound_cidrs\":[]}");
		assertThat(emptyCidrs.status()).isEqualTo(400);
		assertThat(emptyCidrs.firstError()).isEqualTo("missing bound_cidr_list");

		VaultHttp.Reply tidy = this.http.post("auth/" + mount + "/tidy/secret-id", rootToken(), "{}");
		assertThat(tidy.status()).isEqualTo(202);
		assertThat(tidy.json().path("warnings").path(0).asString()).startsWith("Tidy operation successfully started");
		assertThat(this.http.delete("sys/auth/" + mount, rootToken()).status()).isEqualTo(204);
	}

	// cert auth config

	@Test
	void certAuthConfigIsStored() {
		String mount = unique("cert-");
		assertThat(this.http.post("sys/auth/" + mount, rootToken(), "{\"type\":\"cert\"}").status())
			.isEqualTo(204);
		String config = "auth/" + mount + "/config";
		VaultHttp.Reply bad = this.http.post(config, rootToken(), "{\"ocsp_cache_size\":1}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.firstError()).isEqualTo("invalid cache size, must be >= 2 and <= 100000");
		assertThat(this.http.post(config, rootToken(),
				"{\"disable_binding\":true,\"enable_identity_alias_metadata\":true,\"ocsp_cache_size\":50}")
			.status()).isEqualTo(204);
		VaultHttp.Reply read = this.http.get(config, rootToken());
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.data().path("disable_binding").asBoolean()).isTrue();
		assertThat(read.data().path("enable_identity_alias_metadata").asBoolean()).isTrue();
		assertThat(read.data().path("ocsp_cache_size").asInt()).isEqualTo(50);
		assertThat(this.http.post(config, rootToken(), "{\"disable_binding\":false}").status()).isEqualTo(204);
		VaultHttp.Reply updated = this.http.get(config, rootToken());
		assertThat(updated.data().path("disable_binding").asBoolean()).isFalse();
		assertThat(updated.data().path("ocsp_cache_size").asInt()).isEqualTo(50);
		assertThat(this.http.delete("sys/auth/" + mount, rootToken()).status()).isEqualTo(204);
	}

	// sys/remount

	@Test
	void remountMovesSecretsEngineWithItsData() {
		String from = unique("kv-from-");
		String to = unique("kv-to-");
		assertThat(this.http.post("sys/mounts/" + from, rootToken(), "{\"type\":\"kv-v2\"}").status())
			.isEqualTo(204);
		awaitUntil(() -> this.http.post(from + "/data/app", rootToken(), "{\"data\":{\"k\":\"v\"}}")
			.status() == 200);
		VaultHttp.Reply moved = this.http.post("sys/remount", rootToken(),
				"{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		String id = moved.data().path("migration_id").asString();
		assertThat(id).isNotEmpty();
		awaitUntil(() -> "success".equals(this.http.get("sys/remount/status/" + id, rootToken())
			.data()
			.path("migration_info")
			.path("status")
			.asString()));
		VaultHttp.Reply status = this.http.get("sys/remount/status/" + id, rootToken());
		assertThat(status.data().path("migration_id").asString()).isEqualTo(id);
		assertThat(status.data().path("migration_info").path("source_mount").asString()).isEqualTo(from + "/");
		assertThat(status.data().path("migration_info").path("target_mount").asString()).isEqualTo(to + "/");
		assertThat(this.http.get(to + "/data/app", rootToken()).data().path("data").path("k").asString())
			.isEqualTo("v");
		assertThat(this.http.get("sys/mounts", rootToken()).data().has(from + "/")).isFalse();
		assertThat(this.http.get("sys/mounts", rootToken()).data().path(to + "/").path("type").asString())
			.isEqualTo("kv");
		assertThat(this.http.get(from + "/data/app", rootToken()).status()).isEqualTo(404);
		assertThat(this.http.get("sys/remount/status/" + UUID.randomUUID(), rootToken()).status()).isEqualTo(404);
		assertThat(this.http.delete("sys/mounts/" + to, rootToken()).status()).isEqualTo(204);
	}

	@Test
	void remountMovesAuthMethodWithItsData() {
		String from = unique("up-from-");
		String to = unique("up-to-");
		assertThat(this.http.post("sys/auth/" + from, rootToken(), "{\"type\":\"userpass\"}").status())
			.isEqualTo(204);
		assertThat(this.http.post("auth/" + from + "/users/alice", rootToken(), "{\"password\":\"pw-alice\"}")
			.status()).isEqualTo(204);
		VaultHttp.Reply moved = this.http.post("sys/remount", rootToken(),
				"{\"from\":\"auth/" + from + "\",\"to\":\"auth/" + to + "\"}");
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		String id = moved.data().path("migration_id").asString();
		awaitUntil(() -> "success".equals(this.http.get("sys/remount/status/" + id, rootToken())
			.data()
			.path("migration_info")
			.path("status")
			.asString()));
		assertThat(this.http.get("sys/auth", rootToken()).data().path(to + "/").path("type").asString())
			.isEqualTo("userpass");
		VaultHttp.Reply login = this.http.post("auth/" + to + "/login/alice", null, "{\"password\":\"pw-alice\"}");
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(this.http.delete("sys/auth/" + to, rootToken()).status()).isEqualTo(204);
	}

	@Test
	void remountErrors() {
		String existing = unique("kv-existing-");
		assertThat(this.http.post("sys/mounts/" + existing, rootToken(), "{\"type\":\"kv-v2\"}").status())
			.isEqualTo(204);
		assertThat(remountError("{\"from\":\"" + existing + "\"}"))
			.isEqualTo("both 'from' and 'to' path must be specified as a string");
		assertThat(remountError("{\"from\":\"sys\",\"to\":\"system2\"}")).isEqualTo("cannot remount \"sys/\"");
		assertThat(remountError("{\"from\":\"cubbyhole\",\"to\":\"c2\"}"))
			.isEqualTo("cannot remount \"cubbyhole/\"");
		assertThat(remountError("{\"from\":\"" + existing + "\",\"to\":\"sys/x\"}"))
			.isEqualTo("cannot remount to destination sys/x/");
		assertThat(remountError("{\"from\":\"auth/token\",\"to\":\"auth/token2\"}"))
			.isEqualTo("cannot remount \"auth/token/\"");
		assertThat(remountError("{\"from\":\"auth/nope\",\"to\":\"secret-x\"}"))
			.isEqualTo("cannot remount auth mount to non-auth mount \"secret-x/\"");
		assertThat(remountError("{\"from\":\"nope-mount\",\"to\":\"nope-target\"}"))
			.isEqualTo("no matching mount at \"nope-mount/\"");
		assertThat(remountError("{\"from\":\"" + existing + "\",\"to\":\"secret\"}"))
			.isEqualTo("path already in use at \"secret/\"");
		assertThat(this.http.delete("sys/mounts/" + existing, rootToken()).status()).isEqualTo(204);
	}

	private String remountError(String body) {
		VaultHttp.Reply reply = this.http.post("sys/remount", rootToken(), body);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		return reply.firstError();
	}

	private static void awaitUntil(Callable<Boolean> condition) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(condition);
	}

	// built-in auth methods whose login needs an outside service

	@Test
	void builtInAuthMethodsMountAndStoreTheirConfiguration() {
		String github = unique("github-");
		String ldap = unique("ldap-");
		assertThat(this.http.post("sys/auth/" + github, rootToken(), "{\"type\":\"github\"}").status())
			.isEqualTo(204);
		assertThat(this.http.post("sys/auth/" + ldap, rootToken(), "{\"type\":\"ldap\"}").status())
			.isEqualTo(204);
		for (String type : List.of("okta", "radius", "aws", "gcp", "azure", "oci", "kerberos")) {
			String mount = unique(type + "-");
			VaultHttp.Reply enabled = this.http.post("sys/auth/" + mount, rootToken(), "{\"type\":\"" + type + "\"}");
			assertThat(enabled.status()).as(type + ": " + enabled).isEqualTo(204);
			assertThat(this.http.get("sys/auth", rootToken()).data().path(mount + "/").path("type").asString())
				.isEqualTo(type);
			assertThat(this.http.delete("sys/auth/" + mount, rootToken()).status()).isEqualTo(204);
		}
		// with organization_id given, Vault does not ask GitHub for it
		assertThat(this.http.post("auth/" + github + "/config", rootToken(),
				"{\"organization\":\"vaultkv-org\",\"organization_id\":4242}").status()).isIn(200, 204);
		VaultHttp.Reply githubConfig = this.http.get("auth/" + github + "/config", rootToken());
		assertThat(githubConfig.data().path("organization").asString()).isEqualTo("vaultkv-org");
		assertThat(githubConfig.data().path("organization_id").asLong()).isEqualTo(4242);
		assertThat(this.http.post("auth/" + github + "/map/teams/dev", rootToken(), "{\"value\":\"dev-policy\"}")
			.status()).isEqualTo(204);
		assertThat(this.http.get("auth/" + github + "/map/teams/dev", rootToken()).data().path("value").asString())
			.isEqualTo("dev-policy");
		assertThat(this.http.post("auth/" + ldap + "/config", rootToken(),
				"{\"url\":\"ldap://127.0.0.1:389\",\"userdn\":\"ou=users,dc=example,dc=org\",\"bindpass\":\"pw\"}")
			.status()).isIn(200, 204);
		VaultHttp.Reply ldapConfig = this.http.get("auth/" + ldap + "/config", rootToken());
		assertThat(ldapConfig.data().path("url").asString()).isEqualTo("ldap://127.0.0.1:389");
		assertThat(ldapConfig.data().path("userdn").asString()).isEqualTo("ou=users,dc=example,dc=org");
		assertThat(ldapConfig.data().has("bindpass")).isFalse();
		assertThat(this.http.delete("sys/auth/" + github, rootToken()).status()).isEqualTo(204);
		assertThat(this.http.delete("sys/auth/" + ldap, rootToken()).status()).isEqualTo(204);
	}

	@Test
	void awsAuthMethodRolesAndClientConfigurationAsVault() {
		String aws = unique("aws-");
		assertThat(this.http.post("sys/auth/" + aws, rootToken(), "{\"type\":\"aws\"}").status()).isEqualTo(204);
		VaultHttp.Reply iamRegion = this.http.post("auth/" + aws + "/role/bad", rootToken(),
				"{\"auth_type\":\"iam\",\"bound_region\":\"us-east-1\"}");
		assertThat(iamRegion.status()).isEqualTo(400);
		assertThat(iamRegion.firstError()).isEqualTo("specified bound_region but not specifying ec2 auth_type");
		VaultHttp.Reply noBound = this.http.post("auth/" + aws + "/role/bad", rootToken(), "{\"auth_type\":\"ec2\"}");
		assertThat(noBound.firstError()).isEqualTo("at least one bound parameter should be specified on the role");
		assertThat(this.http.post("auth/" + aws + "/role/app", rootToken(),
				"{\"auth_type\":\"iam\",\"bound_iam_principal_arn\":\"arn:aws:iam::123456789012:role/app-*\","
						+ "\"token_policies\":\"app\",\"token_ttl\":\"10m\"}")
			.status()).isEqualTo(204);
		VaultHttp.Reply role = this.http.get("auth/" + aws + "/role/app", rootToken());
		assertThat(role.data().path("auth_type").asString()).isEqualTo("iam");
		assertThat(role.data().path("bound_iam_principal_arn").toString())
			.isEqualTo("[\"arn:aws:iam::123456789012:role/app-*\"]");
		assertThat(role.data().path("bound_ami_id").toString()).isEqualTo("[]");
		assertThat(role.data().path("token_ttl").asLong()).isEqualTo(600);
		assertThat(role.data().path("role_id").asString()).isNotEmpty();
		assertThat(this.http.post("auth/" + aws + "/role/app", rootToken(), "{\"auth_type\":\"ec2\"}").firstError())
			.isEqualTo("changing auth_type on a role is not allowed");
		assertThat(this.http.post("auth/" + aws + "/config/client", rootToken(),
				"{\"access_key\":\"AKIAEXAMPLE\",\"secret_key\":\"example-secret\","
						+ "\"iam_server_id_header_value\":\"vault.example.com\"}")
			.status()).isEqualTo(204);
		VaultHttp.Reply client = this.http.get("auth/" + aws + "/config/client", rootToken());
		assertThat(client.data().path("access_key").asString()).isEqualTo("AKIAEXAMPLE");
		assertThat(client.data().path("iam_server_id_header_value").asString()).isEqualTo("vault.example.com");
		assertThat(client.data().has("secret_key")).isFalse();
		VaultHttp.Reply login = this.http.post("auth/" + aws + "/login", null, "{\"role\":\"app\"}");
		assertThat(login.status()).isEqualTo(400);
		assertThat(login.firstError()).isEqualTo("didn't supply required authentication values");
		VaultHttp.Reply partial = this.http.post("auth/" + aws + "/login", null,
				"{\"iam_http_request_method\":\"POST\"}");
		assertThat(partial.firstError())
			.isEqualTo("supplied some of the auth values for the iam auth type but not all");
		assertThat(this.http.delete("sys/auth/" + aws, rootToken()).status()).isEqualTo(204);
	}

	// error texts checked against Vault's source

	@Test
	void batchTokenSettingsAndMountTtlErrorsAsVault() {
		VaultHttp.Reply batch = this.http.post("auth/token/create", rootToken(), "{\"type\":\"batch\",\"period\":\"1h\"}");
		assertThat(batch.status()).isEqualTo(400);
		assertThat(batch.firstError()).isEqualTo("batch tokens cannot have \"period\" set");
		VaultHttp.Reply uses = this.http.post("auth/token/create", rootToken(), "{\"type\":\"batch\",\"num_uses\":2}");
		assertThat(uses.firstError()).isEqualTo("batch tokens cannot have \"num_uses\" set");

		String mount = unique("ttl-");
		VaultHttp.Reply enable = this.http.post("sys/mounts/" + mount, rootToken(),
				"{\"type\":\"kv\",\"config\":{\"default_lease_ttl\":\"2h\",\"max_lease_ttl\":\"1h\"}}");
		assertThat(enable.status()).isEqualTo(400);
		assertThat(enable.firstError()).isEqualTo("given default lease TTL greater than given max lease TTL");
		assertThat(this.http.post("sys/mounts/" + mount, rootToken(), "{\"type\":\"kv\"}").status()).isEqualTo(204);
		VaultHttp.Reply tune = this.http.post("sys/mounts/" + mount + "/tune", rootToken(),
				"{\"default_lease_ttl\":\"2h\",\"max_lease_ttl\":\"1h\"}");
		assertThat(tune.status()).isEqualTo(400);
		assertThat(tune.firstError())
			.isEqualTo("backend max lease TTL of 3600 would be less than backend default lease TTL of 7200");
		assertThat(this.http.delete("sys/mounts/" + mount, rootToken()).status()).isEqualTo(204);
	}

}
