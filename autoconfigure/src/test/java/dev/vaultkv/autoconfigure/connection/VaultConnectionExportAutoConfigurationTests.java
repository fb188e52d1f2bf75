package dev.vaultkv.autoconfigure.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.client.WrapInfo;
import dev.vaultkv.connection.SecretIdFileWatcher;
import dev.vaultkv.connection.SecretIdReference;
import dev.vaultkv.connection.VaultConnectionExport;
import dev.vaultkv.connection.VaultCredentialsChangedEvent;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.secret.VaultNotReadyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link VaultConnectionExportAutoConfiguration} against the embedded Vault server.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultConnectionExportAutoConfigurationTests {

	private static final String LOGIN = "auth/approle/login";

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static String roleId;

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(VaultAutoConfiguration.class, VaultConnectionExportAutoConfiguration.class))
		.withPropertyValues("vault.uri=" + server.getAddress(), "vault.authentication=approle",
				"vault.app-role.role-id=" + roleId);

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/exporter")
			.body(Map.of("policy", "path \"auth/approle/role/app/secret-id\" { capabilities = [\"update\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/approle").body(Map.of("type", "approle")).build());
		root.execute(VaultRequest.post("auth/approle/role/app")
			.body(Map.of("token_policies", List.of("exporter")))
			.build());
		roleId = root.execute(VaultRequest.get("auth/approle/role/app/role-id").build())
			.requireData()
			.get("role_id")
			.stringValue();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private static String newSecretId() {
		return root.execute(VaultRequest.post("auth/approle/role/app/secret-id").build())
			.requireData()
			.get("secret_id")
			.stringValue();
	}

	private Path secretIdFile(String secretId) throws IOException {
		Path file = this.directory.resolve("secret-id");
		Files.writeString(file, secretId + "\n");
		return file;
	}

	@Test
	void exportsTheConnectionWithTheSecretIdFileByReference() throws IOException {
		String secretId = newSecretId();
		Path file = secretIdFile(secretId);
		this.contextRunner.withPropertyValues("vault.app-role.secret-id-file=" + file).run((context) -> {
			VaultConnectionExport export = context.getBean(VaultConnectionExport.class);
			assertThat(export.getUri()).isEqualTo(server.getAddress());
			assertThat(export.isReady()).isTrue();
			assertThat(export.getKvMount()).isEqualTo("secret");
			assertThat(export.getAuthPath()).isEqualTo("approle");
			assertThat(export.getRoleId()).isEqualTo(roleId);
			assertThat(export.getSecretIdReference()).isEqualTo(SecretIdReference.file(file.toString()));
			assertThat(export.toString()).contains("file:" + file).doesNotContain(secretId).doesNotContain(roleId);
		});
	}

	@Test
	void refersToTheSecretIdPropertyWithoutCopyingIt() {
		String secretId = newSecretId();
		this.contextRunner.withPropertyValues("vault.app-role.secret-id=" + secretId).run((context) -> {
			VaultConnectionExport export = context.getBean(VaultConnectionExport.class);
			assertThat(export.getSecretIdReference()).hasToString("property:vault.app-role.secret-id");
			assertThat(context).doesNotHaveBean(SecretIdFileWatcher.class);
		});
	}

	@Test
	void generatesAResponseWrappedSecretId() {
		this.contextRunner.withPropertyValues("vault.app-role.secret-id=" + newSecretId()).run((context) -> {
			WrapInfo wrapped = context.getBean(VaultConnectionExport.class).wrapSecretId("app", Duration.ofMinutes(2));
			assertThat(wrapped.ttl()).isEqualTo(120);
			assertThat(wrapped.toString()).doesNotContain(wrapped.token().getToken());
			String unwrapped = root
				.execute(VaultRequest.post("sys/wrapping/unwrap")
					.body(Map.of("token", wrapped.token().getToken()))
					.build())
				.requireData()
				.get("secret_id")
				.stringValue();
			assertThat(root.execute(VaultRequest.post(LOGIN)
				.unauthenticated()
				.body(Map.of("role_id", roleId, "secret_id", unwrapped))
				.build()).requireAuth()).isNotNull();
		});
	}

	@Test
	void isNotReadyUntilLoggedIn() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(VaultAutoConfiguration.class, VaultConnectionExportAutoConfiguration.class))
			.withPropertyValues("vault.uri=http://127.0.0.1:1", "vault.fail-fast=false", "vault.authentication=approle",
					"vault.app-role.role-id=" + roleId, "vault.app-role.secret-id=unused", "vault.connect-timeout=1s")
			.run((context) -> {
				VaultConnectionExport export = context.getBean(VaultConnectionExport.class);
				assertThat(export.isReady()).isFalse();
				assertThatExceptionOfType(VaultNotReadyException.class).isThrownBy(export::getUri)
					.withMessageNotContaining("unused");
			});
	}

	@Test
	void aReplacedSecretIdFileLeadsToANewLoginAndAnEvent(CapturedOutput output) throws IOException {
		Path file = secretIdFile(newSecretId());
		this.contextRunner.withUserConfiguration(EventRecorder.class)
			.withPropertyValues("vault.app-role.secret-id-file=" + file)
			.run((context) -> {
				context.getBean(SessionManager.class).getToken();
				SecretIdFileWatcher watcher = context.getBean(SecretIdFileWatcher.class);
				List<VaultCredentialsChangedEvent> events = context.getBean(EventRecorder.class).events;
				int logins = server.requestLog().count("POST", LOGIN);
				assertThat(watcher.check()).isFalse();
				String replacement = newSecretId();
				Files.writeString(file, replacement);
				assertThat(watcher.check()).isTrue();
				assertThat(server.requestLog().count("POST", LOGIN)).isEqualTo(logins + 1);
				assertThat(events).singleElement().satisfies((event) -> {
					assertThat(event.getMethod()).isEqualTo("approle");
					assertThat(event.getReference()).isEqualTo(SecretIdReference.file(file.toString()));
					assertThat(event.toString()).doesNotContain(replacement);
				});
				assertThat(watcher.check()).isFalse();
				assertThat(events).hasSize(1);
				assertThat(output).contains("secret ID file '" + file + "' changed").doesNotContain(replacement);
			});
	}

	@Test
	void aSecretIdFileThatDoesNotLogInPublishesNothingAndIsTriedAgain() throws IOException {
		Path file = secretIdFile(newSecretId());
		this.contextRunner.withUserConfiguration(EventRecorder.class)
			.withPropertyValues("vault.app-role.secret-id-file=" + file)
			.run((context) -> {
				SecretIdFileWatcher watcher = context.getBean(SecretIdFileWatcher.class);
				Files.writeString(file, "not-a-secret-id");
				assertThat(watcher.check()).isFalse();
				assertThat(watcher.check()).isFalse();
				Files.writeString(file, newSecretId());
				assertThat(watcher.check()).isTrue();
				assertThat(context.getBean(EventRecorder.class).events).hasSize(1);
			});
	}

	@Test
	void watchCanBeSwitchedOff() throws IOException {
		Path file = secretIdFile(newSecretId());
		this.contextRunner
			.withPropertyValues("vault.app-role.secret-id-file=" + file, "vault.credentials-watch.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(VaultConnectionExport.class);
				assertThat(context).doesNotHaveBean(SecretIdFileWatcher.class);
			});
	}

	@Test
	void backsOffFromAUserDefinedExport() {
		this.contextRunner.withPropertyValues("vault.app-role.secret-id=" + newSecretId())
			.withUserConfiguration(UserExport.class)
			.run((context) -> assertThat(context).getBean(VaultConnectionExport.class)
				.isSameAs(context.getBean(UserExport.class).export));
	}

	@Configuration(proxyBeanMethods = false)
	static class EventRecorder implements ApplicationListener<VaultCredentialsChangedEvent> {

		final List<VaultCredentialsChangedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(VaultCredentialsChangedEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExport {

		VaultConnectionExport export;

		@Bean
		VaultConnectionExport userExport(SessionManager sessionManager, VaultClient client) {
			this.export = new VaultConnectionExport(server.getAddress(), null, "kv", "approle", null, null,
					sessionManager, client);
			return this.export;
		}

	}

}
