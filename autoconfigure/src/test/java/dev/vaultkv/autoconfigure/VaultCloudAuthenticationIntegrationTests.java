package dev.vaultkv.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import dev.vaultkv.auth.AzureAuthentication;
import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.GcpGceAuthentication;
import dev.vaultkv.auth.GcpIamAuthentication;
import dev.vaultkv.auth.WrappedTokenAuthentication;
import dev.vaultkv.autoconfigure.diagnostics.VaultAuthenticationFailureAnalyzer;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.standin.AzureImdsStandIn;
import dev.vaultkv.embedded.standin.GoogleCloudStandIn;
import dev.vaultkv.kv.KvOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault.authentication=gcp-gce}, {@code gcp-iam}, {@code azure} and {@code wrapped-token} against
 * the embedded server and the cloud stand-ins, and the validation of their properties.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultCloudAuthenticationIntegrationTests {

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static GoogleCloudStandIn google;

	private static AzureImdsStandIn azure;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class))
		.withPropertyValues("vault.uri=" + server.getAddress());

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		call("sys/policies/acl/myapp", Map.of("policy", "path \"secret/data/myapp/*\" { capabilities = [\"read\"] }"));
		google = GoogleCloudStandIn.builder().projectId("vaultkv-prod").clock(server.clock()).start();
		azure = AzureImdsStandIn.builder().clock(server.clock()).start();
		call("sys/auth/gcp", Map.of("type", "gcp"));
		call("auth/gcp/config", Map.of("custom_endpoint",
				Map.of("api", google.getAddress().toString(), "iam", google.getAddress().toString())));
		call("auth/gcp/role/vm", Map.of("type", "gce", "bound_projects", "vaultkv-prod", "token_policies", "myapp"));
		call("auth/gcp/role/sa", Map.of("type", "iam", "bound_service_accounts", google.getServiceAccountEmail(),
				"token_policies", "myapp"));
		call("sys/auth/azure", Map.of("type", "azure"));
		call("auth/azure/config", Map.of("tenant_id", azure.getTenantId(), "resource", "https://management.azure.com/",
				"jwks_url", azure.getJwksUrl()));
		call("auth/azure/role/app", Map.of("bound_service_principal_ids", azure.getPrincipalId(), "token_policies",
				"myapp"));
	}

	@AfterAll
	static void stopServer() {
		google.close();
		azure.close();
		server.close();
	}

	@Test
	void gcpGceLogsInAndReads() {
		this.contextRunner
			.withPropertyValues("vault.authentication=gcp-gce", "vault.gcp-gce.role=vm",
					"vault.gcp-gce.metadata-uri=" + google.getAddress())
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(GcpGceAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
			});
	}

	@Test
	void gcpIamLogsInAndReads() {
		this.contextRunner
			.withPropertyValues("vault.authentication=gcp-iam", "vault.gcp-iam.role=sa",
					"vault.gcp-iam.service-account=" + google.getServiceAccountEmail(),
					"vault.gcp-iam.iam-credentials-uri=" + google.getAddress(),
					"vault.gcp-iam.metadata-uri=" + google.getAddress())
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(GcpIamAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
			});
	}

	@Test
	void azureLogsInAndReads() {
		this.contextRunner
			.withPropertyValues("vault.authentication=azure", "vault.azure.role=app",
					"vault.azure.imds-uri=" + azure.getAddress())
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(AzureAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
			});
	}

	@Test
	void wrappedTokenFromAFileLogsInAndReads(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("wrapping-token");
		Files.writeString(file, wrappedToken() + "\n");
		this.contextRunner
			.withPropertyValues("vault.authentication=wrapped-token", "vault.wrapped-token.token-file=" + file)
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(WrappedTokenAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
			});
	}

	@Test
	void usedWrappingTokenFailsStartupSayingItIsSingleUse(CapturedOutput output) {
		String wrappingToken = wrappedToken();
		call("sys/wrapping/unwrap", Map.of("token", wrappingToken));
		this.contextRunner
			.withPropertyValues("vault.authentication=wrapped-token", "vault.wrapped-token.token=" + wrappingToken)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new VaultAuthenticationFailureAnalyzer(
						new MockEnvironment().withProperty("vault.authentication", "wrapped-token"))
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("already unwrapped");
				assertThat(analysis.getAction()).contains("vault.wrapped-token.token").contains("freshly wrapped");
			});
		assertThat(output).doesNotContain(wrappingToken);
	}

	@Test
	void missingRolesFailNamingTheProperty() {
		assertInvalid("vault.gcp-gce.role", "vault.authentication=gcp-gce");
		assertInvalid("vault.gcp-iam.role", "vault.authentication=gcp-iam");
		assertInvalid("vault.gcp-iam.service-account", "vault.authentication=gcp-iam", "vault.gcp-iam.role=sa");
		assertInvalid("vault.azure.role", "vault.authentication=azure");
		assertInvalid("vault.wrapped-token.token", "vault.authentication=wrapped-token");
	}

	@Test
	void badValuesFailNamingTheProperty() {
		assertInvalid("vault.gcp-gce.audience", "vault.authentication=gcp-gce", "vault.gcp-gce.role=vm",
				"vault.gcp-gce.audience=https://vault.example.com");
		assertInvalid("vault.gcp-iam.jwt-validity", "vault.authentication=gcp-iam", "vault.gcp-iam.role=sa",
				"vault.gcp-iam.service-account=sa@p.iam.gserviceaccount.com", "vault.gcp-iam.jwt-validity=61m");
		assertInvalid("vault.azure.imds-uri", "vault.authentication=azure", "vault.azure.role=app",
				"vault.azure.imds-uri=169.254.169.254");
	}

	@Test
	void wrappingTokenAndFileAreExclusiveAndTheTokenIsMasked() {
		this.contextRunner
			.withPropertyValues("vault.authentication=wrapped-token", "vault.wrapped-token.token=hvs.wrapping-secret",
					"vault.wrapped-token.token-file=/tmp/x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.message()
				.doesNotContain("hvs.wrapping-secret"));
	}

	@Test
	void refusedCloudLoginsNameTheirProperties() {
		for (String method : List.of("gcp-gce", "gcp-iam", "azure")) {
			FailureAnalysis analysis = new VaultAuthenticationFailureAnalyzer(
					new MockEnvironment().withProperty("vault.authentication", method))
				.analyze(new IllegalStateException(new dev.vaultkv.client.AuthenticationException("POST",
						"auth/" + method.replaceAll("-.*", "") + "/login", 400, List.of("refused"), null)));
			assertThat(analysis.getAction()).as(method).contains("vault." + method + ".role");
		}
	}

	private void assertInvalid(String property, String... properties) {
		this.contextRunner.withPropertyValues(properties)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property));
	}

	private static String wrappedToken() {
		return root
			.execute(VaultRequest.post("auth/token/create")
				.body(Map.of("policies", List.of("myapp")))
				.wrapTtl(Duration.ofMinutes(5))
				.build())
			.wrapInfo()
			.token()
			.getToken();
	}

	private static void call(String path, Map<String, ?> body) {
		root.execute(VaultRequest.post(path).body(body).build());
	}

}
