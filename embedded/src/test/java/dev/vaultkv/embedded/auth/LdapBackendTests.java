package dev.vaultkv.embedded.auth;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static dev.vaultkv.embedded.auth.ApproleBackendTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LDAP auth method against UnboundID's in-memory directory on 127.0.0.1: search-and-bind, direct bind,
 * group mapping and Vault's refusals.
 */
class LdapBackendTests {

	private static final String BASE = "dc=example,dc=org";

	private static InMemoryDirectoryServer directory;

	private final TestMountContext context = new TestMountContext("auth/ldap/", "ldap");

	private final Backend backend = new LdapBackendFactory().create(this.context);

	@BeforeAll
	static void startDirectory() throws Exception {
		InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
		config.addAdditionalBindCredentials("cn=vault,dc=example,dc=org", "service-secret");
		config.setListenerConfigs(
				InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
		directory = new InMemoryDirectoryServer(config);
		directory.add("dn: " + BASE, "objectClass: domain", "dc: example");
		directory.add("dn: ou=users," + BASE, "objectClass: organizationalUnit", "ou: users");
		directory.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
		directory.add("dn: uid=alice,ou=users," + BASE, "objectClass: inetOrgPerson", "uid: alice",
				"cn: Alice Liddell", "sn: Liddell", "userPassword: wonderland");
		directory.add("dn: uid=bob,ou=users," + BASE, "objectClass: inetOrgPerson", "uid: bob", "cn: Bob",
				"sn: Builder", "userPassword: can-we-fix-it");
		directory.add("dn: uid=bobby,ou=users," + BASE, "objectClass: inetOrgPerson", "uid: bobby", "cn: Bobby",
				"sn: Builder", "userPassword: can-we-fix-it");
		directory.add("dn: cn=Developers,ou=groups," + BASE, "objectClass: groupOfNames", "cn: Developers",
				"member: uid=alice,ou=users," + BASE);
		directory.add("dn: cn=operators,ou=groups," + BASE, "objectClass: groupOfNames", "cn: operators",
				"member: uid=alice,ou=users," + BASE, "member: uid=bob,ou=users," + BASE);
		directory.startListening();
	}

	@AfterAll
	static void stopDirectory() {
		directory.shutDown(true);
	}

	@Test
	void searchAndBindLoginGivesTheGroupsAndUsersPolicies() {
		configure(Map.of("binddn", "cn=vault," + BASE, "bindpass", "service-secret", "token_policies", "base"));
		call("POST", "groups/developers", Map.of("policies", "dev"));
		call("POST", "groups/operators", Map.of("policies", "ops, dev"));
		call("POST", "users/alice", Map.of("policies", "alice-own", "groups", "local-group"));
		call("POST", "groups/local-group", Map.of("policies", "local"));
		ApiResponse login = login("Alice", "wonderland");
		assertThat(login.getStatus()).as(String.valueOf(login.getErrors())).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsExactly(Map.entry("username", "alice"));
		assertThat(this.context.lastIssued().policies()).containsExactly("base", "alice-own", "dev", "local",
				"ops");
		assertThat(this.context.lastIssued().displayName()).isEqualTo("ldap-alice");
		assertThat(login.getWarnings()).isEmpty();
	}

	@Test
	void directBindLoginBuildsTheUserDnFromUserattrAndUserdn() {
		configure(Map.of());
		call("POST", "groups/operators", Map.of("policies", "ops"));
		assertThat(login("bob", "can-we-fix-it").getStatus()).isEqualTo(200);
		assertThat(this.context.lastIssued().policies()).containsExactly("ops");
	}

	@Test
	void discoverDnSearchesAnonymously() {
		configure(Map.of("discoverdn", true, "userattr", "cn", "groupfilter", "(member={{.UserDN}})"));
		call("POST", "groups/developers", Map.of("policies", "dev"));
		assertThat(login("Alice Liddell", "wonderland").getStatus()).isEqualTo(200);
		assertThat(this.context.lastIssued().policies()).containsExactly("dev");
		assertThat(this.context.lastIssued().metadata()).containsEntry("username", "alice liddell");
	}

	@Test
	void wrongPasswordIsRefusedWithVaultsMessage() {
		configure(Map.of("binddn", "cn=vault," + BASE, "bindpass", "service-secret"));
		ApiResponse login = login("alice", "looking-glass");
		assertError(login, 400, "ldap operation failed: failed to bind as user");
		assertThat(login.getErrors().toString()).doesNotContain("looking-glass");
		assertThat(this.context.issued).isEmpty();
	}

	@Test
	void unknownUserIsRefused() {
		configure(Map.of("binddn", "cn=vault," + BASE, "bindpass", "service-secret"));
		assertError(login("mallory", "anything"), 400, "ldap operation failed: failed to bind as user");
		configure(Map.of("binddn", "", "bindpass", ""));
		assertError(login("mallory", "anything"), 400, "ldap operation failed: failed to bind as user");
	}

	@Test
	void userMatchingMoreThanOneEntryIsRefused() {
		configure(Map.of("binddn", "cn=vault," + BASE, "bindpass", "service-secret", "userattr", "sn"));
		assertError(login("Builder", "can-we-fix-it"), 400, "ldap operation failed: failed to bind as user");
		assertThat(login("Liddell", "wonderland").getStatus()).isEqualTo(200);
	}

	@Test
	void wrongBindPasswordIsRefused() {
		configure(Map.of("binddn", "cn=vault," + BASE, "bindpass", "not-the-service-secret"));
		assertError(login("alice", "wonderland"), 400, "ldap operation failed: failed to bind as user");
	}

	@Test
	void emptyPasswordIsRefusedWhenNullBindsAreDenied() {
		configure(Map.of());
		assertError(login("alice", ""), 400,
				"password cannot be of zero length when passwordless binds are being denied");
	}

	@Test
	void missingGroupBaseFailsAndNoDirectoryGroupsGiveAWarning() {
		configure(Map.of("groupdn", "ou=nowhere," + BASE));
		assertError(login("bob", "can-we-fix-it"), 400, "LDAP search failed: ");
		configure(Map.of("groupdn", "ou=users," + BASE));
		ApiResponse login = login("bob", "can-we-fix-it");
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getWarnings()).containsExactly("no LDAP groups found in groupDN 'ou=users," + BASE
				+ "'; only policies from locally-defined groups available");
	}

	@Test
	void groupFilterTemplateAndGroupAttrAreHonoured() {
		configure(Map.of("groupfilter", "(&(objectClass=groupOfNames)(member={{.UserDN}})(cn=oper*))",
				"groupattr", "cn"));
		call("POST", "groups/developers", Map.of("policies", "dev"));
		call("POST", "groups/operators", Map.of("policies", "ops"));
		assertThat(login("alice", "wonderland").getStatus()).isEqualTo(200);
		assertThat(this.context.lastIssued().policies()).containsExactly("ops");
	}

	@Test
	void unreachableDirectoryNamesTheHost() {
		configure(Map.of("url", "ldap://127.0.0.1:1", "connection_timeout", "2s"));
		ApiResponse login = login("alice", "wonderland");
		assertThat(login.getStatus()).isEqualTo(400);
		assertThat(login.getErrors().get(0)).startsWith("1 error occurred:")
			.contains("error connecting to host \"ldap://127.0.0.1:1\"")
			.doesNotContain("wonderland");
	}

	@Test
	void configReadsBackDefaultsWithoutTheBindPassword() {
		ObjectNode defaults = call("GET", "config", null).getData();
		assertThat(defaults.get("url").asString()).isEqualTo("ldap://127.0.0.1");
		assertThat(defaults.get("userattr").asString()).isEqualTo("cn");
		assertThat(defaults.get("groupfilter").asString()).isEqualTo(LdapConfig.DEFAULT_GROUP_FILTER);
		assertThat(defaults.get("deny_null_bind").asBoolean()).isTrue();
		configure(Map.of("binddn", "cn=vault," + BASE, "bindpass", "service-secret", "url", "LDAP://127.0.0.1:389"));
		ObjectNode config = call("GET", "config", null).getData();
		assertThat(config.has("bindpass")).isFalse();
		assertThat(config.toString()).doesNotContain("service-secret");
		assertThat(config.get("binddn").asString()).isEqualTo("cn=vault," + BASE);
		assertThat(config.get("url").asString()).isEqualTo("ldap://127.0.0.1:389");
		assertThat(config.get("userattr").asString()).isEqualTo("uid");
	}

	@Test
	void configValidation() {
		assertError(call("POST", "config", Map.of("groupfilter", "(member={{.UserDN}")), 400, "invalid groupfilter");
		assertError(call("POST", "config", Map.of("tls_min_version", "tls99")), 400, "invalid 'tls_min_version'");
		assertError(call("POST", "config", Map.of("client_tls_cert", "x")), 400,
				"both client_tls_cert and client_tls_key must be set");
		assertThat(call("POST", "config", Map.of("userfilter", "(mail={{.Username}})")).getWarnings())
			.containsExactly("userfilter configured does not consider userattr and may result in colliding "
					+ "entity aliases on logins");
	}

	@Test
	void usersAndGroupsAreCaseInsensitiveByDefault() {
		call("POST", "users/Alice", Map.of("policies", "A,b", "groups", "One, two"));
		ObjectNode user = call("GET", "users/alice", null).getData();
		assertThat(user.get("groups").asString()).isEqualTo("one,two");
		assertThat(user.get("policies").toString()).isEqualTo("[\"a\",\"b\"]");
		call("POST", "groups/Admins", Map.of("policies", "admin"));
		assertThat(call("LIST", "groups", null).getData().get("keys").toString()).isEqualTo("[\"admins\"]");
		assertThat(call("LIST", "users", null).getData().get("keys").toString()).isEqualTo("[\"alice\"]");
		assertThat(call("DELETE", "groups/admins", null).getStatus()).isEqualTo(204);
		assertThat(call("GET", "groups/admins", null).getStatus()).isEqualTo(404);
	}

	@Test
	void commonNameOfAGroupValue() {
		assertThat(LdapDirectory.commonName("cn=Ops,ou=groups,dc=example,dc=org", false)).isEqualTo("Ops");
		assertThat(LdapDirectory.commonName("CN=Ops,OU=groups", false)).isEqualTo("Ops");
		assertThat(LdapDirectory.commonName("ou=x,cn=Inner,dc=y", false)).isEqualTo("Inner");
		assertThat(LdapDirectory.commonName("plain-name", false)).isEqualTo("plain-name");
	}

	@Test
	void valuesAreEscapedForFiltersAndDns() {
		assertThat(FilterTemplate.escapeFilter("a*(b)\\é")).isEqualTo("a\\2a\\28b\\29\\5c\\c3\\a9");
		assertThat(FilterTemplate.escapeDnValue(" a,b+c#")).isEqualTo("\\ a\\,b\\+c\\#");
		assertThat(FilterTemplate.render("(&({{.UserAttr}}={{ .Username }}))", Map.of("UserAttr", "uid",
				"Username", "x"))).isEqualTo("(&(uid=x))");
	}

	private void configure(Map<String, Object> settings) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("url", "ldap://127.0.0.1:" + directory.getListenPort());
		body.put("userdn", "ou=users," + BASE);
		body.put("userattr", "uid");
		body.put("groupdn", "ou=groups," + BASE);
		body.putAll(settings);
		ApiResponse response = call("POST", "config", body);
		assertThat(response.isError()).as(String.valueOf(response.getErrors())).isFalse();
	}

	private ApiResponse login(String username, String password) {
		return call("POST", "login/" + username, Map.of("password", password));
	}

	private ApiResponse call(String method, String subPath, Map<String, ?> body) {
		ObjectNode data = (body != null) ? Json.MAPPER.valueToTree(body) : null;
		return this.backend.handle(this.context.request(method, subPath, data));
	}

}
