package dev.vaultkv.auth;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The option parts that several login methods share ({@link CloudLoginOptions}, {@link GcpLoginOptions},
 * {@link UsernamePasswordOptions}, {@link JwtLoginOptions}) behave the same for each of them and keep each
 * method's own messages.
 */
class SharedLoginOptionsTests {

	@Test
	void cloudMethodsRequireAStrippedRoleAndNameThemselvesWhenItIsMissing() {
		assertThat(AzureAuthenticationOptions.builder().role(" vm ").build().getRole()).isEqualTo("vm");
		assertThat(GcpGceAuthenticationOptions.builder().role(" vm ").build().getRole()).isEqualTo("vm");
		assertThat(GcpIamAuthenticationOptions.builder().role(" sa ").serviceAccount("sa@p").build().getRole())
			.isEqualTo("sa");
		assertThatIllegalArgumentException().isThrownBy(() -> AzureAuthenticationOptions.builder().role(" "))
			.withMessage("'role' must not be empty");
		assertThatIllegalStateException().isThrownBy(() -> AzureAuthenticationOptions.builder().build())
			.withMessage("Azure authentication needs the Vault role to log in as: set 'role'");
		assertThatIllegalStateException().isThrownBy(() -> GcpGceAuthenticationOptions.builder().build())
			.withMessage("GCP GCE authentication needs the Vault role to log in as: set 'role'");
		assertThatIllegalStateException().isThrownBy(() -> GcpIamAuthenticationOptions.builder().build())
			.withMessage("GCP IAM authentication needs the Vault role to log in as: set 'role'");
	}

	@Test
	void metadataServiceKeepsEachMethodsDefaultAndSettingName() {
		URI standIn = URI.create("http://127.0.0.1:8080");
		assertThat(AzureAuthenticationOptions.builder().role("vm").build().getImdsUri())
			.isEqualTo(AzureAuthenticationOptions.DEFAULT_IMDS_URI);
		assertThat(AzureAuthenticationOptions.builder().role("vm").imdsUri(standIn).build().getImdsUri())
			.isEqualTo(standIn);
		assertThatIllegalArgumentException().isThrownBy(() -> AzureAuthenticationOptions.builder().imdsUri(null))
			.withMessage("'imdsUri' must not be null");
		assertThat(GcpIamAuthenticationOptions.builder().role("sa").serviceAccount("sa@p").build().getMetadataUri())
			.isEqualTo(GcpGceAuthenticationOptions.DEFAULT_METADATA_URI);
		assertThat(GcpGceAuthenticationOptions.builder().role("vm").metadataUri(standIn).build().getMetadataUri())
			.isEqualTo(standIn);
	}

	@Test
	void gcpMethodsDefaultTheAudienceAndCheckAConfiguredOne() {
		assertThat(GcpIamAuthenticationOptions.builder().role("sa").serviceAccount("sa@p").build().getAudience())
			.isEqualTo("http://vault/sa");
		assertThat(GcpGceAuthenticationOptions.builder().role("vm").audience(" ").build().getAudience())
			.isEqualTo("http://vault/vm");
		assertThat(GcpGceAuthenticationOptions.builder().role("vm").build().getServiceAccount()).isEqualTo("default");
		assertThatIllegalStateException()
			.isThrownBy(() -> GcpIamAuthenticationOptions.builder()
				.role("sa")
				.serviceAccount("sa@p")
				.audience("https://vault.example/other")
				.build())
			.withMessage("The audience 'https://vault.example/other' does not end in 'vault/sa', which Vault's GCP "
					+ "auth method requires");
	}

	@Test
	void usernameAndPasswordMethodsNameWhatIsMissingAndMaskOnlyValues(@TempDir Path dir) {
		assertThatIllegalStateException().isThrownBy(() -> LdapAuthenticationOptions.builder().password("p").build())
			.withMessage("LDAP authentication needs a username: set 'username'");
		assertThatIllegalStateException()
			.isThrownBy(() -> UserpassAuthenticationOptions.builder().username("alice").build())
			.withMessage("Userpass authentication needs a password: set 'password'");
		assertThatIllegalArgumentException().isThrownBy(() -> UserpassAuthenticationOptions.builder().username("a/b"))
			.withMessage("'username' must not contain '/'");
		Path file = dir.resolve("password");
		LdapAuthenticationOptions ldap = LdapAuthenticationOptions.builder().username("alice").passwordFile(file).build();
		assertThat(ldap.getUsername()).isEqualTo("alice");
		assertThat(ldap.toString()).contains("password=file:" + file);
		assertThat(UserpassAuthenticationOptions.builder().username("alice").password(CredentialSource.ofFile(file))
			.build()
			.toString()).contains("password=****").doesNotContain(file.toString());
		assertThat(LdapAuthenticationOptions.builder().username("alice").password("wonderland".toCharArray()).build())
			.hasToString("LdapAuthenticationOptions[username=alice, password=****, path=ldap, namespace=null]");
	}

	@Test
	void jwtMethodsShareTheirSourcesAndKeepTheirDefaults() {
		Path file = Path.of("build", "jwt");
		assertThat(KubernetesAuthenticationOptions.builder().role("app").build().getJwt())
			.hasToString("file:" + KubernetesAuthenticationOptions.DEFAULT_TOKEN_FILE);
		assertThat(KubernetesAuthenticationOptions.builder().role("app").jwtFile(file).build().getJwt())
			.hasToString("file:" + file);
		assertThat(JwtAuthenticationOptions.builder().jwtSupplier(() -> "eyJ").build().getJwt().obtain("JWT"))
			.isEqualTo("eyJ");
		assertThatIllegalStateException().isThrownBy(() -> JwtAuthenticationOptions.builder().role("r").build())
			.withMessage("JWT authentication needs a JWT: set 'jwt', 'jwtFile' or 'jwtSupplier'");
		assertThat(JwtAuthenticationOptions.builder().jwt("eyJ.secret").build().toString()).doesNotContain("secret");
	}

}
