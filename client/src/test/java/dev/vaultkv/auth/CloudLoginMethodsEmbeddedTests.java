package dev.vaultkv.auth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.standin.AzureImdsStandIn;
import dev.vaultkv.embedded.standin.GoogleCloudStandIn;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The GCP (GCE and IAM), Azure and wrapped-token logins, and {@link VaultLogin} for a custom method, end to
 * end over HTTP against the embedded server and the cloud stand-ins on 127.0.0.1.
 */
class CloudLoginMethodsEmbeddedTests {

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static GoogleCloudStandIn google;

	private static AzureImdsStandIn azure;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.builder().secret("secret/cloud/app", Map.of("password", "s3cr3t")).start();
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		SysTemplate sys = new SysTemplate(root);
		sys.writePolicy("reader", "path \"secret/data/cloud/*\" { capabilities = [\"read\"] }");
		google = GoogleCloudStandIn.builder().projectId("vaultkv-prod").clock(server.clock()).start();
		azure = AzureImdsStandIn.builder().clock(server.clock()).start();
		sys.enableAuth("gcp", MountRequest.of("gcp"));
		String googleAddress = google.getAddress().toString();
		rootCall(VaultRequest.post("auth/gcp/config")
			.body(Map.of("custom_endpoint", Map.of("api", googleAddress, "iam", googleAddress))));
		rootCall(VaultRequest.post("auth/gcp/role/vm")
			.body(Map.of("type", "gce", "bound_projects", "vaultkv-prod", "token_policies", "reader")));
		rootCall(VaultRequest.post("auth/gcp/role/sa").body(Map.of("type", "iam", "bound_service_accounts",
				google.getServiceAccountEmail(), "token_policies", "reader")));
		sys.enableAuth("azure", MountRequest.of("azure"));
		rootCall(VaultRequest.post("auth/azure/config").body(Map.of("tenant_id", azure.getTenantId(), "resource",
				"https://management.azure.com/", "jwks_url", azure.getJwksUrl())));
		rootCall(VaultRequest.post("auth/azure/role/app").body(Map.of("bound_service_principal_ids",
				azure.getPrincipalId(), "bound_subscription_ids", azure.getSubscriptionId(), "token_policies", "reader")));
	}

	@AfterAll
	static void stop() {
		google.close();
		azure.close();
		server.close();
	}

	@Test
	void gcpGceLogsInWithTheInstanceIdentityToken() {
		GcpGceAuthentication authentication = new GcpGceAuthentication(
				GcpGceAuthenticationOptions.builder().role("vm").metadataUri(google.getAddress()).build());
		assertThat(authentication.getMethodName()).isEqualTo("gcp");
		VaultAuth auth = assertReadsWith(authentication);
		assertThat(auth.metadata()).containsEntry("instance_name", google.getInstanceName());
	}

	@Test
	void gcpGceRefusalNamesMountAndRoleButNoToken() {
		rootCall(VaultRequest.post("auth/gcp/role/vm-elsewhere").body(Map.of("type", "gce", "bound_projects", "other")));
		GcpGceAuthentication authentication = new GcpGceAuthentication(
				GcpGceAuthenticationOptions.builder().role("vm-elsewhere").metadataUri(google.getAddress()).build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(unauthenticated()))
			.withMessageContaining("GCP GCE login at mount 'gcp' for role 'vm-elsewhere'")
			.withMessageContaining("not in bound projects [other]")
			.withMessageNotContaining("eyJ");
	}

	@Test
	void gcpGceFailsClearlyWithoutMetadataServer() {
		GcpGceAuthentication authentication = new GcpGceAuthentication(GcpGceAuthenticationOptions.builder()
			.role("vm")
			.metadataUri(URI.create("http://127.0.0.1:1"))
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(unauthenticated()))
			.withMessageContaining("GCE instance identity token")
			.withMessageContaining("http://127.0.0.1:1/computeMetadata/v1/instance/service-accounts/default/identity");
	}

	@Test
	void gcpIamSignsWithTheIamCredentialsApiUsingTheMetadataAccessToken() {
		GcpIamAuthentication authentication = new GcpIamAuthentication(GcpIamAuthenticationOptions.builder()
			.role("sa")
			.serviceAccount(google.getServiceAccountEmail())
			.iamCredentialsUri(google.getAddress())
			.metadataUri(google.getAddress())
			.clock(server.clock())
			.build());
		VaultAuth auth = assertReadsWith(authentication);
		assertThat(auth.metadata()).containsEntry("service_account_email", google.getServiceAccountEmail());
	}

	@Test
	void gcpIamWithSuppliedAccessTokenOrSignedJwt() {
		assertReadsWith(new GcpIamAuthentication(GcpIamAuthenticationOptions.builder()
			.role("sa")
			.serviceAccount(google.getServiceAccountEmail())
			.iamCredentialsUri(google.getAddress())
			.accessTokenSupplier(google::getAccessToken)
			.clock(server.clock())
			.build()));
		assertReadsWith(new GcpIamAuthentication(GcpIamAuthenticationOptions.builder().role("sa").signedJwtSupplier(() -> {
			Instant now = server.clock().instant();
			return google.signServiceAccountJwt(Map.of("sub", google.getServiceAccountEmail(), "aud", "vault/sa", "exp",
					now.plusSeconds(300).getEpochSecond()));
		}).build()));
	}

	@Test
	void gcpIamTakesTheAccessTokenFromGoogleApplicationDefaultCredentialsWhenTheLibraryIsPresent() {
		FakeGoogleCredentials.accessToken = google.getAccessToken();
		FakeGoogleCredentials.loads.set(0);
		GcpIamAuthenticationOptions options = GcpIamAuthenticationOptions.builder()
			.role("sa")
			.serviceAccount(google.getServiceAccountEmail())
			.iamCredentialsUri(google.getAddress())
			.metadataUri(URI.create("http://127.0.0.1:1"))
			.clock(server.clock())
			.build();
		GcpIamAuthentication authentication = new GcpIamAuthentication(options, new GoogleCredentialsAccessToken(
				FakeGoogleCredentials.class.getName(), getClass().getClassLoader()));
		assertReadsWith(authentication);
		assertReadsWith(authentication);
		assertThat(FakeGoogleCredentials.loads).hasValue(1);
		assertThat(authentication.toString()).contains("Application Default Credentials")
			.doesNotContain(google.getAccessToken());
		FakeGoogleCredentials.accessToken = null;
		GcpIamAuthentication unavailable = new GcpIamAuthentication(options, new GoogleCredentialsAccessToken(
				FakeGoogleCredentials.class.getName(), getClass().getClassLoader()));
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> unavailable.login(unauthenticated()))
			.withMessageContaining("Application Default Credentials could not provide an access token (IOException)")
			.withMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
	}

	@Test
	void gcpIamRejectedAccessTokenFailsClearly() {
		GcpIamAuthentication authentication = new GcpIamAuthentication(GcpIamAuthenticationOptions.builder()
			.role("sa")
			.serviceAccount(google.getServiceAccountEmail())
			.iamCredentialsUri(google.getAddress())
			.accessTokenSupplier(() -> "ya29.wrong")
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(unauthenticated()))
			.withMessageContaining("IAM Credentials API")
			.withMessageContaining("status 401")
			.withMessageContaining("roles/iam.serviceAccountTokenCreator")
			.withMessageNotContaining("ya29.wrong");
	}

	@Test
	void azureLogsInWithTheManagedIdentityAndInstanceMetadata() {
		AzureAuthentication authentication = new AzureAuthentication(
				AzureAuthenticationOptions.builder().role("app").imdsUri(azure.getAddress()).build());
		assertThat(authentication.getMethodName()).isEqualTo("azure");
		VaultAuth auth = assertReadsWith(authentication);
		assertThat(auth.metadata()).containsEntry("vm_name", azure.getVmName())
			.containsEntry("resource_group_name", azure.getResourceGroupName());
	}

	@Test
	void azureRefusalOfAnUnboundSubscriptionIsAnAuthenticationFailure() {
		AzureAuthentication authentication = new AzureAuthentication(AzureAuthenticationOptions.builder()
			.role("app")
			.subscriptionId("00000000-0000-0000-0000-000000000000")
			.imdsUri(azure.getAddress())
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(unauthenticated()))
			.withMessageContaining("Azure login at mount 'azure' for role 'app'")
			.withMessageContaining("subscription")
			.withMessageNotContaining("eyJ");
		AzureAuthentication wrongResource = new AzureAuthentication(AzureAuthenticationOptions.builder()
			.role("app")
			.resource("https://vault.example.com")
			.imdsUri(azure.getAddress())
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> wrongResource.login(unauthenticated()))
			.withMessageContaining("oidc: expected audience");
	}

	@Test
	void wrappedTokenIsUnwrappedOnceAndASecondUnwrapFailsClearly() {
		String wrappingToken = wrappedToken(Duration.ofHours(1));
		WrappedTokenAuthentication authentication = WrappedTokenAuthentication.of(wrappingToken);
		assertThat(authentication.getMethodName()).isEqualTo("wrapped-token");
		assertReadsWith(authentication);
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(unauthenticated()))
			.withMessageContaining("already unwrapped")
			.withMessageContaining("single use")
			.withMessageNotContaining(wrappingToken);
	}

	@Test
	void wrappedTokenInWrappedData() {
		String token = rootCall(VaultRequest.post("auth/token/create").body(Map.of("policies", List.of("reader"))))
			.requireAuth()
			.clientToken()
			.getToken();
		String wrappingToken = rootCall(
				VaultRequest.post("sys/wrapping/wrap").body(Map.of("token", token)).wrapTtl(Duration.ofMinutes(5)))
			.wrapInfo()
			.token()
			.getToken();
		VaultAuth auth = assertReadsWith(WrappedTokenAuthentication.of(wrappingToken));
		assertThat(auth.clientToken().getToken()).isEqualTo(token);
	}

	@Test
	void sessionManagerSaysTheUnwrappedTokenCannotBeReplacedWhenItExpires() {
		String wrappingToken = wrappedToken(Duration.ofMinutes(2));
		try (DefaultSessionManager session = DefaultSessionManager
			.builder(WrappedTokenAuthentication.of(wrappingToken), unauthenticated())
			.clock(server.clock())
			.scheduler((task, delay) -> () -> {
			})
			.build()) {
			assertThat(session.getToken().getToken()).isNotEmpty();
			server.clock().advance(Duration.ofMinutes(3));
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(session::getToken)
				.withMessageContaining("Vault token unwrapped from the wrapping token expired")
				.withMessageContaining("can be unwrapped only once");
		}
	}

	@Test
	void vaultLoginGivesCustomMethodsTheErrorHandlingOfBuiltInOnes() {
		new SysTemplate(root).enableAuth("people", MountRequest.of("userpass"));
		rootCall(VaultRequest.post("auth/people/users/alice")
			.body(Map.of("password", "correct horse", "token_policies", "reader")));
		assertReadsWith(passwordLogin("correct horse"));
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> passwordLogin("battery staple").login(unauthenticated()))
			.withMessageContaining("Vault refused the Directory login at mount 'people' for role 'alice'")
			.withMessageContaining("check the password")
			.withMessageNotContaining("battery staple");
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> ((ClientAuthentication) (client) -> VaultLogin.login(client, "Directory", "auth/nowhere/",
					null, "login/alice", Map.of("password", "x"))).login(unauthenticated()))
			.withMessageContaining("Vault refused the Directory login at mount 'nowhere'")
			.withMessageContaining("POST auth/nowhere/login/alice -> 403");
	}

	/**
	 * Shaped like {@code com.google.auth.oauth2.GoogleCredentials} where vaultkv calls it reflectively.
	 */
	public static final class FakeGoogleCredentials {

		static volatile @org.jspecify.annotations.Nullable String accessToken;

		static final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();

		private final boolean scoped;

		private FakeGoogleCredentials(boolean scoped) {
			this.scoped = scoped;
		}

		public static FakeGoogleCredentials getApplicationDefault() throws java.io.IOException {
			if (accessToken == null) {
				throw new java.io.IOException("The Application Default Credentials are not available");
			}
			loads.incrementAndGet();
			return new FakeGoogleCredentials(false);
		}

		public boolean createScopedRequired() {
			return !this.scoped;
		}

		public FakeGoogleCredentials createScoped(java.util.Collection<String> scopes) {
			return new FakeGoogleCredentials(scopes.contains("https://www.googleapis.com/auth/cloud-platform"));
		}

		public void refreshIfExpired() {
		}

		public FakeAccessToken getAccessToken() {
			return new FakeAccessToken(this.scoped ? accessToken : "unscoped");
		}

	}

	/**
	 * Shaped like {@code com.google.auth.oauth2.AccessToken}.
	 *
	 * @param getTokenValue the token
	 */
	public record FakeAccessToken(String getTokenValue) {
	}

	private static ClientAuthentication passwordLogin(String password) {
		return new ClientAuthentication() {

			@Override
			public VaultAuth login(VaultClient client) {
				return VaultLogin.login(client, "Directory", "people", "alice", null, "login/alice",
						Map.of("password", password), "check the password");
			}

			@Override
			public String getMethodName() {
				return "directory";
			}

		};
	}

	private static String wrappedToken(Duration ttl) {
		return rootCall(VaultRequest.post("auth/token/create")
			.body(Map.of("policies", List.of("reader"), "ttl", ttl.toSeconds() + "s", "renewable", false))
			.wrapTtl(Duration.ofMinutes(5))).wrapInfo().token().getToken();
	}

	private static VaultAuth assertReadsWith(ClientAuthentication authentication) {
		VaultAuth auth = authentication.login(unauthenticated());
		VaultClient app = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(auth.clientToken()))
			.build();
		assertThat(KvTemplate.create(app, "secret").read("cloud/app").data().getString("password")).isEqualTo("s3cr3t");
		return auth;
	}

	private static VaultClient unauthenticated() {
		return DefaultVaultClient.builder(server.getAddress()).build();
	}

	private static VaultResponse rootCall(VaultRequest.Builder request) {
		return root.execute(request.build());
	}

}
