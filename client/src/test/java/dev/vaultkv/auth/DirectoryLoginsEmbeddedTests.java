package dev.vaultkv.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.standin.GitHubApiStandIn;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;
import dev.vaultkv.testsupport.TestLdapDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * LDAP and GitHub logins over HTTP against the embedded Vault server, which talks to an in-memory LDAP
 * directory and to {@link GitHubApiStandIn}.
 */
class DirectoryLoginsEmbeddedTests {

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static TestLdapDirectory directory;

	private static GitHubApiStandIn github;

	@BeforeAll
	static void start() {
		directory = TestLdapDirectory.start();
		github = GitHubApiStandIn.start()
			.organization("acme", 4242)
			.organization("elsewhere", 99)
			.user("octocat", "ghp_octocat", "acme")
			.user("outsider", "ghp_outsider", "elsewhere")
			.team("acme", "Platform Team", "platform-team", "octocat");
		server = EmbeddedVaultServer.builder().secret("secret/dir/app", Map.of("password", "s3cr3t")).start();
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		SysTemplate sys = new SysTemplate(root);
		sys.writePolicy("reader", "path \"secret/data/dir/*\" { capabilities = [\"read\"] }");
		sys.enableAuth("ldap", MountRequest.of("ldap"));
		rootCall(VaultRequest.post("auth/ldap/config").body(directory.vaultConfig()));
		rootCall(VaultRequest.post("auth/ldap/groups/developers").body(Map.of("policies", "reader")));
		rootCall(VaultRequest.post("auth/ldap/users/john smith").body(Map.of("policies", "reader")));
		sys.enableAuth("github", MountRequest.of("github"));
		rootCall(VaultRequest.post("auth/github/config")
			.body(Map.of("organization", "acme", "base_url", github.getBaseUrl())));
		rootCall(VaultRequest.post("auth/github/map/teams/platform-team").body(Map.of("value", "reader")));
	}

	@AfterAll
	static void stop() {
		server.close();
		github.close();
		directory.close();
	}

	@Test
	void ldapLoginWithTheRightPasswordGetsTheGroupsPolicies() {
		VaultAuth auth = ldap("alice", CredentialSource.of("wonderland")).login(unauthenticated());
		assertThat(auth.policies()).contains("reader");
		assertThat(readWith(auth)).isEqualTo("s3cr3t");
	}

	@Test
	void ldapUsernameIsEscapedInThePath(@TempDir Path directory) throws Exception {
		Path passwordFile = directory.resolve("password");
		Files.writeString(passwordFile, "p@ss w0rd\n");
		VaultAuth auth = ldap("john smith", CredentialSource.ofFile(passwordFile)).login(unauthenticated());
		assertThat(auth.policies()).contains("reader");
	}

	@Test
	void ldapWrongPasswordIsRefusedWithoutRevealingIt() {
		LdapAuthentication authentication = ldap("alice", CredentialSource.of("looking-glass"));
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> authentication.login(unauthenticated()))
			.withMessageContaining("LDAP login at mount 'ldap'")
			.withMessageContaining("ldap operation failed: failed to bind as user")
			.withMessageNotContaining("looking-glass")
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly("ldap operation failed: failed to bind as user"));
	}

	@Test
	void ldapUnknownUserIsRefused() {
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> ldap("mallory", CredentialSource.of("x")).login(unauthenticated()))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(400));
	}

	@Test
	void ldapPasswordFromAMissingEnvironmentVariableNamesTheVariable() {
		LdapAuthentication authentication = new LdapAuthentication(LdapAuthenticationOptions.builder()
			.username("alice")
			.passwordEnvironmentVariable("VAULTKV_TEST_UNSET_LDAP_PASSWORD")
			.build());
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> authentication.login(unauthenticated()))
			.withMessageContaining("'VAULTKV_TEST_UNSET_LDAP_PASSWORD' is not set");
		assertThat(authentication.toString()).contains("env:VAULTKV_TEST_UNSET_LDAP_PASSWORD");
	}

	@Test
	void gitHubLoginGetsTheTeamPolicies() {
		VaultAuth auth = gitHub("ghp_octocat").login(unauthenticated());
		assertThat(auth.policies()).contains("reader");
		assertThat(readWith(auth)).isEqualTo("s3cr3t");
	}

	@Test
	void gitHubUserOutsideTheOrganizationIsRefused() {
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> gitHub("ghp_outsider").login(unauthenticated()))
			.withMessageContaining("GitHub login at mount 'github'")
			.withMessageNotContaining("ghp_outsider")
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly("user is not part of required org"));
	}

	@Test
	void gitHubBadTokenIsRefused() {
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> gitHub("ghp_revoked").login(unauthenticated()))
			.withMessageContaining("read:org")
			.withMessageNotContaining("ghp_revoked")
			.satisfies((ex) -> assertThat(ex.getErrors())
				.containsExactly("GET " + github.getBaseUrl() + "user: 401 Bad credentials []"));
	}

	@Test
	void methodNamesAndToStringRevealNoSecret() {
		LdapAuthentication ldap = ldap("alice", CredentialSource.of("wonderland"));
		GitHubAuthentication gitHub = gitHub("ghp_octocat");
		assertThat(ldap.getMethodName()).isEqualTo("ldap");
		assertThat(gitHub.getMethodName()).isEqualTo("github");
		assertThat(ldap.toString()).contains("alice").doesNotContain("wonderland");
		assertThat(gitHub.toString()).doesNotContain("ghp_octocat");
	}

	@Test
	void optionsNameWhatIsMissing() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> LdapAuthenticationOptions.builder().username("alice").build())
			.withMessageContaining("'password'");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> GitHubAuthenticationOptions.builder().build())
			.withMessageContaining("'token'");
		assertThat(GitHubAuthenticationOptions.builder().token("t").path("/auth/gh/").build().getPath())
			.isEqualTo("gh");
	}

	private static LdapAuthentication ldap(String username, CredentialSource password) {
		return new LdapAuthentication(
				LdapAuthenticationOptions.builder().username(username).password(password).build());
	}

	private static GitHubAuthentication gitHub(String token) {
		return new GitHubAuthentication(GitHubAuthenticationOptions.builder().token(token).build());
	}

	private static VaultClient unauthenticated() {
		return DefaultVaultClient.builder(server.getAddress()).build();
	}

	private static String readWith(VaultAuth auth) {
		VaultClient app = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(auth.clientToken()))
			.build();
		return KvTemplate.create(app, "secret").read("dir/app").data().getString("password");
	}

	private static void rootCall(VaultRequest.Builder request) {
		root.execute(request.build());
	}

}
