package dev.vaultkv.embedded.server.acl;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PolicyParserTests {

	private static Acl acl(String text) {
		return new Acl(List.of(PolicyParser.parse("p", text)), false);
	}

	@Test
	void parsesRealHclWithCommentsHeredocsAndUnknownAttributes() {
		Policy policy = PolicyParser.parse("p", """
				# hash comment
				// slash comment
				/* block
				   comment */
				path "secret/data/app/*" {
				  capabilities = ["read", "list",]
				  allowed_parameters = {
				    "foo" = []
				    "bar" = ["a", "b"]
				  }
				  min_wrapping_ttl = "1s"
				  max_wrapping_ttl = 90
				  required_parameters = ["x"]
				}
				path "legacy/*" { policy = "write" }
				name = "ignored"
				""");
		assertThat(policy.rules()).extracting(PathRule::pattern).containsExactly("secret/data/app/*", "legacy/*");
		assertThat(Capability.names(policy.rules().get(0).capabilities())).containsExactly("list", "read");
		assertThat(Capability.names(policy.rules().get(1).capabilities()))
			.containsExactly("create", "delete", "list", "patch", "read", "update");
	}

	@Test
	void parsesJsonPolicies() {
		Policy policy = PolicyParser.parse("p",
				"{\"path\": {\"a/*\": {\"capabilities\": [\"read\"]}, \"b\": [{\"capabilities\": [\"deny\"]}]}}");
		assertThat(policy.rules()).extracting(PathRule::pattern).containsExactly("a/*", "b");
	}

	@Test
	void rejectsInvalidPolicies() {
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyParser.parse("p", "path \"x\" { capabilities = [\"fly\"] }"))
			.withMessage("path \"x\": invalid capability \"fly\"");
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyParser.parse("p", "path \"x\" {"))
			.withMessageContaining("expected '}'");
		assertThatIllegalArgumentException().isThrownBy(() -> PolicyParser.parse("p", "path \"a*b\" { capabilities = [] }"))
			.withMessageContaining("wildcard");
	}

	@Test
	void exactMatchWinsOverGlob() {
		Acl acl = acl("""
				path "secret/*" { capabilities = ["deny"] }
				path "secret/app" { capabilities = ["read"] }
				""");
		assertThat(acl.capabilityNames("secret/app")).containsExactly("read");
		assertThat(acl.capabilityNames("secret/other")).containsExactly("deny");
	}

	@Test
	void longerGlobWinsAndDenyOnlyAffectsItsRule() {
		Acl acl = acl("""
				path "secret/*" { capabilities = ["read"] }
				path "secret/private/*" { capabilities = ["deny"] }
				""");
		assertThat(acl.allows("secret/public/x", Capability.READ, false, false)).isTrue();
		assertThat(acl.allows("secret/private/x", Capability.READ, false, false)).isFalse();
	}

	@Test
	void segmentWildcardMatchesExactlyOneSegment() {
		Acl acl = acl("path \"secret/data/+/db\" { capabilities = [\"read\"] }");
		assertThat(acl.allows("secret/data/app/db", Capability.READ, false, false)).isTrue();
		assertThat(acl.allows("secret/data/a/b/db", Capability.READ, false, false)).isFalse();
		assertThat(acl.allows("secret/data/app/db2", Capability.READ, false, false)).isFalse();
	}

	@Test
	void plusCountRanksBelowPlainGlob() {
		PathRule plus = new PathRule("secret/+/+/foo/*", 0);
		PathRule glob = new PathRule("secret/*", 0);
		assertThat(plus.isLowerPriorityThan(glob)).isTrue();
		assertThat(glob.isLowerPriorityThan(plus)).isFalse();
	}

	@Test
	void samePatternInTwoPoliciesUnionsButDenyWins() {
		Policy read = PolicyParser.parse("a", "path \"x/*\" { capabilities = [\"read\"] }");
		Policy list = PolicyParser.parse("b", "path \"x/*\" { capabilities = [\"list\"] }");
		Policy deny = PolicyParser.parse("c", "path \"x/*\" { capabilities = [\"deny\"] }");
		assertThat(new Acl(List.of(read, list), false).capabilityNames("x/y")).containsExactly("list", "read");
		assertThat(new Acl(List.of(read, list, deny), false).capabilityNames("x/y")).containsExactly("deny");
	}

	@Test
	void listMatchesFolderWithAndWithoutSlash() {
		Acl acl = acl("path \"secret/metadata/app\" { capabilities = [\"list\"] }");
		assertThat(acl.allows("secret/metadata/app/", Capability.LIST, true, false)).isTrue();
		assertThat(acl.allows("secret/metadata/app/", Capability.LIST, false, false)).isFalse();
	}

	@Test
	void sudoIsNeededOnRootProtectedPaths() {
		Acl acl = acl("path \"sys/auth/*\" { capabilities = [\"create\", \"update\"] }");
		assertThat(acl.allows("sys/auth/approle", Capability.UPDATE, false, true)).isFalse();
		Acl sudo = acl("path \"sys/auth/*\" { capabilities = [\"update\", \"sudo\"] }");
		assertThat(sudo.allows("sys/auth/approle", Capability.UPDATE, false, true)).isTrue();
	}

	@Test
	void mountAccessForPreflight() {
		Acl acl = acl("""
				path "secret/data/app/*" { capabilities = ["read"] }
				path "other/*" { capabilities = ["deny"] }
				path "+/config" { capabilities = ["read"] }
				""");
		assertThat(acl.hasMountAccess("secret/")).isTrue();
		assertThat(acl.hasMountAccess("other/")).isTrue();
		assertThat(acl.hasMountAccess("kv/")).isTrue();
		Acl none = acl("path \"other/*\" { capabilities = [\"deny\"] }");
		assertThat(none.hasMountAccess("other/")).isFalse();
		assertThat(none.hasMountAccess("secret/")).isFalse();
	}

}
