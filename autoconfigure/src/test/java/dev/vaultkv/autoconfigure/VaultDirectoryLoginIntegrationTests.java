package dev.vaultkv.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.GitHubAuthentication;
import dev.vaultkv.auth.LdapAuthentication;
import dev.vaultkv.auth.SessionListener;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.autoconfigure.diagnostics.VaultAuthenticationFailureAnalyzer;
import dev.vaultkv.autoconfigure.metrics.VaultMetricsAutoConfiguration;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.standin.GitHubApiStandIn;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.metrics.VaultSessionMetrics;
import dev.vaultkv.testsupport.TestLdapDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault.authentication=ldap} and {@code github} against the embedded server, which talks to an
 * in-memory LDAP directory and to {@link GitHubApiStandIn}.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultDirectoryLoginIntegrationTests {

	private static EmbeddedVaultServer server;

	private static TestLdapDirectory directory;

	private static GitHubApiStandIn github;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class, VaultMetricsAutoConfiguration.class))
		.withBean(RecordingSessionListener.class)
		.withPropertyValues("vault.uri=" + server.getAddress());

	@BeforeAll
	static void start() {
		directory = TestLdapDirectory.start();
		github = GitHubApiStandIn.start().organization("acme", 4242).user("octocat", "ghp_octocat", "acme")
			.team("acme", "Platform Team", "platform-team", "octocat");
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
		VaultClient root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/myapp")
			.body(Map.of("policy", "path \"secret/data/myapp/*\" { capabilities = [\"read\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/corp-ldap").body(Map.of("type", "ldap")).build());
		root.execute(VaultRequest.post("auth/corp-ldap/config").body(directory.vaultConfig()).build());
		root.execute(VaultRequest.post("auth/corp-ldap/groups/developers").body(Map.of("policies", "myapp")).build());
		root.execute(VaultRequest.post("sys/auth/github").body(Map.of("type", "github")).build());
		root.execute(VaultRequest.post("auth/github/config")
			.body(Map.of("organization", "acme", "base_url", github.getBaseUrl()))
			.build());
		root.execute(VaultRequest.post("auth/github/map/teams/platform-team").body(Map.of("value", "myapp")).build());
	}

	@AfterAll
	static void stop() {
		server.close();
		github.close();
		directory.close();
	}

	@Test
	void ldapLogsInAndReads() {
		this.contextRunner
			.withPropertyValues("vault.authentication=ldap", "vault.ldap.username=alice",
					"vault.ldap.password=wonderland", "vault.ldap.path=corp-ldap")
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(LdapAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
				assertThat(context.getBean(MeterRegistry.class)
					.get(VaultSessionMetrics.LOGINS)
					.tag("method", "ldap")
					.tag("outcome", "success")
					.counter()
					.count()).isEqualTo(1);
				assertThat(context.getBean(RecordingSessionListener.class).methods).containsExactly("ldap");
			});
	}

	@Test
	void ldapPasswordFromAFile(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("ldap-password"), "wonderland\n");
		this.contextRunner
			.withPropertyValues("vault.authentication=ldap", "vault.ldap.username=alice",
					"vault.ldap.password-file=" + file, "vault.ldap.path=corp-ldap")
			.run((context) -> assertThat(
					context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
				.isEqualTo("s3cr3t"));
	}

	@Test
	void ldapWrongPasswordFailsStartupWithoutRevealingIt(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("vault.authentication=ldap", "vault.ldap.username=alice",
					"vault.ldap.password=through-the-looking-glass", "vault.ldap.path=corp-ldap")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new VaultAuthenticationFailureAnalyzer(
						new MockEnvironment().withProperty("vault.authentication", "ldap"))
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("ldap operation failed: failed to bind as user");
				assertThat(analysis.getAction()).contains("vault.ldap.password");
				assertThat(analysis.getDescription() + analysis.getAction())
					.doesNotContain("through-the-looking-glass");
			});
		assertThat(output).doesNotContain("through-the-looking-glass");
	}

	@Test
	void gitHubLogsInAndReads() {
		this.contextRunner.withPropertyValues("vault.authentication=github", "vault.github.token=ghp_octocat")
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(GitHubAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
				assertThat(context.getBean(MeterRegistry.class)
					.get(VaultSessionMetrics.LOGINS)
					.tag("method", "github")
					.tag("outcome", "success")
					.counter()
					.count()).isEqualTo(1);
				assertThat(context.getBean(RecordingSessionListener.class).methods).containsExactly("github");
			});
	}

	@Test
	void gitHubBadTokenFailsStartupWithoutRevealingIt(CapturedOutput output) {
		this.contextRunner.withPropertyValues("vault.authentication=github", "vault.github.token=ghp_revoked_one")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new VaultAuthenticationFailureAnalyzer(
						new MockEnvironment().withProperty("vault.authentication", "github"))
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("401 Bad credentials");
				assertThat(analysis.getAction()).contains("vault.github.token");
			});
		assertThat(output).doesNotContain("ghp_revoked_one");
	}

	@Test
	void ldapWithoutUsernameFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("vault.authentication=ldap", "vault.ldap.password=x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.ldap.username"));
	}

	@Test
	void ldapUsernameWithASlashFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("vault.authentication=ldap", "vault.ldap.username=ou/alice", "vault.ldap.password=x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.ldap.username")
				.hasMessageContaining("must not contain '/'"));
	}

	@Test
	void ldapWithoutPasswordFailsNamingTheProperties() {
		this.contextRunner.withPropertyValues("vault.authentication=ldap", "vault.ldap.username=alice")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.ldap.password or vault.ldap.password-file"));
	}

	@Test
	void ldapPasswordAndPasswordFileAreExclusiveAndThePasswordIsMasked() {
		this.contextRunner
			.withPropertyValues("vault.authentication=ldap", "vault.ldap.username=alice",
					"vault.ldap.password=very-secret", "vault.ldap.password-file=/tmp/x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.hasMessageNotContaining("very-secret"));
	}

	@Test
	void gitHubWithoutTokenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("vault.authentication=github")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.github.token"));
	}

	static class RecordingSessionListener implements SessionListener {

		final List<String> methods = new CopyOnWriteArrayList<>();

		@Override
		public void onLogin(String method, TokenState state) {
			this.methods.add(method);
		}

	}

}
