package dev.vaultkv.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;

import dev.vaultkv.auth.AppRoleAuthentication;
import dev.vaultkv.auth.UserpassAuthentication;
import dev.vaultkv.autoconfigure.diagnostics.VaultAuthenticationFailureAnalyzer;
import dev.vaultkv.autoconfigure.metrics.VaultMetricsAutoConfiguration;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.metrics.VaultSessionMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class VaultAuthenticationIntegrationTests {

	private static EmbeddedVaultServer server;

	private static String roleId;

	private static String secretId;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class))
		.withPropertyValues("vault.uri=" + server.getAddress());

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
		server.putSecret("secret/other/db", Map.of("password", "other"));
		VaultClient root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/myapp")
			.body(Map.of("policy", "path \"secret/data/myapp/*\" { capabilities = [\"read\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/approle").body(Map.of("type", "approle")).build());
		root.execute(VaultRequest.post("auth/approle/role/myapp")
			.body(Map.of("token_policies", List.of("myapp")))
			.build());
		roleId = root.execute(VaultRequest.get("auth/approle/role/myapp/role-id").build())
			.requireData()
			.get("role_id")
			.stringValue();
		secretId = root.execute(VaultRequest.post("auth/approle/role/myapp/secret-id").build())
			.requireData()
			.get("secret_id")
			.stringValue();
		root.execute(VaultRequest.post("sys/auth/userpass").body(Map.of("type", "userpass")).build());
		root.execute(VaultRequest.post("auth/userpass/users/app")
			.body(Map.of("password", "pa55word", "token_policies", List.of("myapp")))
			.build());
		root.execute(VaultRequest.post("sys/namespaces/ns1").body(Map.of()).build());
		root.execute(VaultRequest.post("sys/mounts/secret").namespace("ns1").body(Map.of("type", "kv-v2")).build());
		root.execute(VaultRequest.post("secret/data/team/db")
			.namespace("ns1")
			.body(Map.of("data", Map.of("password", "in-ns1")))
			.build());
		root.execute(VaultRequest.post("sys/policies/acl/ns1-reader")
			.body(Map.of("policy", "path \"ns1/secret/data/team/*\" { capabilities = [\"read\"] }"))
			.build());
		root.execute(VaultRequest.post("auth/userpass/users/ns1app")
			.body(Map.of("password", "pa55word", "token_policies", List.of("ns1-reader")))
			.build());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void appRoleLogsInAndReads() {
		this.contextRunner
			.withPropertyValues("vault.authentication=approle", "vault.app-role.role-id=" + roleId,
					"vault.app-role.secret-id=" + secretId)
			.run((context) -> {
				assertThat(context.getBean(dev.vaultkv.auth.ClientAuthentication.class))
					.isInstanceOf(AppRoleAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
			});
	}

	@Test
	void closingTheContextRevokesTheTokenThenClosesTheTransport() {
		AtomicReference<VaultClientFactory> factory = new AtomicReference<>();
		this.contextRunner
			.withPropertyValues("vault.authentication=userpass", "vault.userpass.username=app",
					"vault.userpass.password=pa55word")
			.run((context) -> {
				assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull();
				factory.set(context.getBean(VaultClientFactory.class));
				server.requestLog().clear();
			});
		assertThat(server.requestLog().entries((entry) -> entry.path().equals("auth/token/revoke-self")))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.status()).isBetween(200, 299));
		assertThatIllegalStateException()
			.isThrownBy(() -> factory.get().getRequestFactory().createRequest(server.getAddress(), HttpMethod.GET))
			.withMessageContaining("closed");
	}

	@Test
	void loginForConfigDataIsCountedOnceTheMetersExist() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MeteredApplication.class)
			.web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.authentication=userpass",
					"vault.userpass.username=app", "vault.userpass.password=pa55word", "spring.main.banner-mode=off",
					"spring.config.import=vault:myapp/db?prefix=db.")
			.run()) {
			assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("s3cr3t");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(VaultSessionMetrics.LOGINS).tag("outcome", "success").counter().count())
				.isEqualTo(1);
		}
	}

	@Test
	void userpassLogsInAndReads() {
		this.contextRunner
			.withPropertyValues("vault.authentication=userpass", "vault.userpass.username=app",
					"vault.userpass.password=pa55word")
			.run((context) -> {
				assertThat(context.getBean(dev.vaultkv.auth.ClientAuthentication.class))
					.isInstanceOf(UserpassAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull();
			});
	}

	@Test
	void logsInToTheRootNamespaceAndReadsSecretsInAnother() {
		this.contextRunner
			.withPropertyValues("vault.authentication=userpass", "vault.userpass.username=ns1app",
					"vault.userpass.password=pa55word", "vault.namespace=ns1", "vault.authentication-namespace=")
			.run((context) -> {
				assertThat(context.getBean(KvOperations.class).read("team/db").data().getString("password"))
					.isEqualTo("in-ns1");
				assertThat(server.requestLog()
					.count((entry) -> entry.path().equals("auth/userpass/login/ns1app") && entry.namespace().isEmpty()))
					.isEqualTo(1);
			});
	}

	@Test
	void wrongPasswordFailsStartupWithoutRevealingIt(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("vault.authentication=userpass", "vault.userpass.username=app",
					"vault.userpass.password=wrong-pa55")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new VaultAuthenticationFailureAnalyzer(
						new MockEnvironment().withProperty("vault.authentication", "userpass"))
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("userpass").contains("invalid username or password");
				assertThat(analysis.getAction()).contains("vault.userpass.password");
			});
		assertThat(output).doesNotContain("wrong-pa55");
	}

	@Test
	void deniedPlaceholderFailsStartupWithThePolicyToGrant(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
				.properties("vault.uri=" + server.getAddress(), "vault.authentication=approle",
						"vault.app-role.role-id=" + roleId, "vault.app-role.secret-id=" + secretId,
						"spring.main.banner-mode=off")
				.run())
			.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(PermissionDeniedException.class));
		assertThat(output).contains("path \"secret/data/other/db\"")
			.contains("capabilities = [\"read\"]")
			.doesNotContain(secretId)
			.doesNotContain("other\"");
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultMetricsAutoConfiguration.class })
	static class MeteredApplication {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	@Import(Denied.class)
	static class TestApplication {

	}

	static class Denied {

		@Value("${vault:other/db:password}")
		String password;

	}

}
