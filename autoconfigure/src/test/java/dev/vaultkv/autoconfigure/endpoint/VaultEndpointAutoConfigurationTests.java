package dev.vaultkv.autoconfigure.endpoint;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.vaultkv.actuate.RefreshDescriptor;
import dev.vaultkv.actuate.RefreshableVaultEndpoint;
import dev.vaultkv.actuate.VaultDescriptor;
import dev.vaultkv.actuate.VaultEndpoint;
import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretSource;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

class VaultEndpointAutoConfigurationTests {

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
				VaultEndpointAutoConfiguration.class));

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@AfterEach
	void unseal() {
		server.unseal();
	}

	private ApplicationContextRunner exposed() {
		return this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(),
				"vault.token=" + server.getRootToken(), "vault.retry.enabled=false",
				"management.endpoints.web.exposure.include=vault");
	}

	@Test
	void describesConnectionTokenMountsAndSecretsButNeverValuesOrTokens() {
		server.putSecret("secret/myapp/db", Map.of("username", "app", "password", "pa55-w0rd-value"));
		exposed().run((context) -> {
			assertThat(context).hasSingleBean(VaultEndpoint.class).doesNotHaveBean(RefreshableVaultEndpoint.class);
			SecretStore store = context.getBean(SecretStore.class);
			SecretSource.with(SecretSource.PLACEHOLDER, () -> store.read(new SecretLocation("secret", "myapp/db", 0)));
			store.read(new SecretLocation("secret", "myapp/db", 0));
			VaultDescriptor descriptor = context.getBean(VaultEndpoint.class).vault();
			assertThat(descriptor.connection().uri()).isEqualTo(server.getAddress().toString());
			assertThat(descriptor.connection().authMethod()).isEqualTo("token");
			assertThat(descriptor.token()).isNotNull();
			assertThat(descriptor.kvMounts()).containsExactly(new VaultDescriptor.KvMount("secret", "2"));
			assertThat(descriptor.secrets()).singleElement().satisfies((secret) -> {
				assertThat(secret.mount()).isEqualTo("secret");
				assertThat(secret.path()).isEqualTo("myapp/db");
				assertThat(secret.keys()).containsExactly("password", "username");
				assertThat(secret.version()).isEqualTo(1L);
				assertThat(secret.sources()).containsExactly("placeholder", "api");
				assertThat(secret.stale()).isFalse();
				assertThat(secret.present()).isTrue();
			});
			assertThat(descriptor.refreshEnabled()).isFalse();
			String json = this.jsonMapper.writeValueAsString(descriptor);
			assertThat(json).contains("\"path\":\"myapp/db\"")
				.doesNotContain("pa55-w0rd-value")
				.doesNotContain(server.getRootToken())
				.doesNotContain(context.getBean(SessionManager.class).getTokenState().accessor());
		});
	}

	@Test
	void roleIdentityIsMasked() {
		exposed().withPropertyValues("vault.token=", "vault.authentication=approle",
				"vault.app-role.role-id=8f0a2c1e-role-id-4d5b", "vault.app-role.secret-id=s3cret-id-value",
				"vault.fail-fast=false")
			.run((context) -> {
				VaultDescriptor descriptor = context.getBean(VaultEndpoint.class).vault();
				assertThat(descriptor.connection().authMethod()).isEqualTo("approle");
				assertThat(descriptor.connection().roleIdentity()).isEqualTo("8f0******");
				String json = this.jsonMapper.writeValueAsString(descriptor);
				assertThat(json).doesNotContain("8f0a2c1e-role-id-4d5b").doesNotContain("s3cret-id-value");
			});
	}

	@Test
	void refreshReadsAgainAndKeepsTheCachedValueWhileVaultIsSealed() {
		server.putSecret("secret/myapp/api", Map.of("key", "first-key-value"));
		exposed().withPropertyValues("vault.endpoint.refresh-enabled=true").run((context) -> {
			RefreshableVaultEndpoint endpoint = context.getBean(RefreshableVaultEndpoint.class);
			SecretStore store = context.getBean(SecretStore.class);
			SecretLocation api = new SecretLocation("secret", "myapp/api", 0);
			store.read(api);
			server.putSecret("secret/myapp/api", Map.of("key", "second-key-value"));
			RefreshDescriptor refreshed = endpoint.refresh(null, "myapp/api");
			assertThat(refreshed.refreshed()).singleElement().satisfies((secret) -> {
				assertThat(secret.version()).isEqualTo(2L);
				assertThat(secret.stale()).isFalse();
				assertThat(secret.error()).isNull();
			});
			assertThat(store.read(api).data().getString("key")).isEqualTo("second-key-value");
			server.seal();
			RefreshDescriptor all = endpoint.refresh(null, null);
			assertThat(all.refreshed()).singleElement().satisfies((secret) -> assertThat(secret.stale()).isTrue());
			assertThat(store.read(api).data().getString("key")).isEqualTo("second-key-value");
			assertThat(endpoint.vault().refreshEnabled()).isTrue();
			assertThat(this.jsonMapper.writeValueAsString(all)).doesNotContain("key-value");
		});
	}

	@Test
	void absentWhenNotExposed() {
		this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(VaultEndpoint.class));
	}

	@Test
	void absentWhenAccessIsNone() {
		exposed().withPropertyValues("management.endpoint.vault.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(VaultEndpoint.class));
	}

	@Test
	void absentWithoutActuator() {
		exposed().withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(VaultEndpoint.class));
	}

	@Test
	void absentWhenVaultIsDisabled() {
		this.contextRunner.withPropertyValues("vault.enabled=false", "management.endpoints.web.exposure.include=vault")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(VaultEndpoint.class));
	}

	@Test
	void backsOffFromUserDefinedEndpoint() {
		exposed().withBean("customVaultEndpoint", VaultEndpoint.class,
				() -> new VaultEndpoint(new VaultEndpoint.VaultConnection(server.getAddress(), null, null, null, null),
						null, null, null, "secret", java.time.Clock.systemUTC()))
			.run((context) -> assertThat(context).hasSingleBean(VaultEndpoint.class).hasBean("customVaultEndpoint"));
	}

}
