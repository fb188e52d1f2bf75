package dev.vaultkv.auth;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The options of the GCP, Azure and wrapped-token logins: defaults, what they refuse, and that
 * {@code toString()} shows no credential.
 */
class CloudLoginOptionsTests {

	@Test
	void gcpGceDefaultsToTheCliAudienceAndTheMetadataServer() {
		GcpGceAuthenticationOptions options = GcpGceAuthenticationOptions.builder().role("vm").build();
		assertThat(options.getAudience()).isEqualTo("http://vault/vm");
		assertThat(options.getServiceAccount()).isEqualTo("default");
		assertThat(options.getMetadataUri()).isEqualTo(URI.create("http://metadata.google.internal"));
		assertThat(options.getPath()).isEqualTo("gcp");
	}

	@Test
	void gcpAudienceMustEndInVaultAndTheRole() {
		assertThatIllegalStateException()
			.isThrownBy(() -> GcpGceAuthenticationOptions.builder().role("vm").audience("https://vault.example").build())
			.withMessageContaining("vault/vm");
		assertThat(GcpIamAuthenticationOptions.builder()
			.role("sa")
			.serviceAccount("sa@p.iam.gserviceaccount.com")
			.audience("https://vault.example.com/vault/sa")
			.build()
			.getAudience()).isEqualTo("https://vault.example.com/vault/sa");
	}

	@Test
	void gcpIamNeedsAServiceAccountAndAtMostSixtyMinutes() {
		assertThatIllegalStateException().isThrownBy(() -> GcpIamAuthenticationOptions.builder().role("sa").build())
			.withMessageContaining("'serviceAccount'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GcpIamAuthenticationOptions.builder().jwtValidity(Duration.ofMinutes(61)))
			.withMessageContaining("60 minutes");
		assertThat(GcpIamAuthenticationOptions.builder().role("r").serviceAccount("sa@p.iam.gserviceaccount.com")
			.jwtValidity(Duration.ofMinutes(30)).build().getJwtValidity()).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void gcpIamToStringShowsNoAccessTokenOrJwt() {
		GcpIamAuthenticationOptions withToken = GcpIamAuthenticationOptions.builder()
			.role("sa")
			.serviceAccount("sa@p.iam.gserviceaccount.com")
			.accessToken(CredentialSource.of("ya29.secret-access-token"))
			.build();
		assertThat(withToken.toString()).doesNotContain("ya29.secret-access-token").contains("****");
		GcpIamAuthenticationOptions withJwt = GcpIamAuthenticationOptions.builder()
			.role("sa")
			.signedJwt(CredentialSource.of("eyJ.secret.jwt"))
			.build();
		assertThat(new GcpIamAuthentication(withJwt).toString()).doesNotContain("eyJ.secret.jwt");
	}

	@Test
	void azureTakesAClientIdOrAnObjectIdNotBoth() {
		assertThatIllegalStateException()
			.isThrownBy(() -> AzureAuthenticationOptions.builder().role("app").clientId("c").objectId("o").build())
			.withMessageContaining("not both");
		AzureAuthenticationOptions options = AzureAuthenticationOptions.builder().role("app").build();
		assertThat(options.getResource()).isEqualTo("https://management.azure.com/");
		assertThat(options.getImdsUri()).isEqualTo(URI.create("http://169.254.169.254"));
		assertThat(options.needsInstanceMetadata()).isTrue();
		assertThat(AzureAuthenticationOptions.builder()
			.role("app")
			.subscriptionId("s")
			.resourceGroupName("rg")
			.vmssName("set")
			.build()
			.needsInstanceMetadata()).isFalse();
	}

	@Test
	void wrappedTokenToStringShowsNoToken() {
		WrappedTokenAuthentication authentication = WrappedTokenAuthentication.of("hvs.wrapping-secret");
		assertThat(authentication.toString()).doesNotContain("hvs.wrapping-secret");
		assertThat(authentication.canObtainNewToken()).isFalse();
		assertThat(authentication.getReplacementAdvice()).contains("unwrapped only once");
	}

}
