package dev.vaultkv.samples.approle;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

import dev.vaultkv.auth.AppRoleAuthentication;
import dev.vaultkv.auth.AppRoleAuthenticationOptions;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.kv.KvTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DemoVault} and {@link DemoVaultEnvironmentPostProcessor}.
 */
class DemoVaultTests {

	@Test
	void setsUpARoleWhoseTokensMayReadOnlyTheDemoSecrets() {
		try (DemoVault vault = DemoVault.start(0)) {
			Map<String, Object> properties = vault.getProperties();
			assertThat(properties).containsEntry("vault.uri", vault.getServer().getAddress().toString())
				.containsEntry("vault.authentication", "approle")
				.containsKeys("vault.app-role.role-id", "vault.app-role.secret-id");
			VaultClient anonymous = DefaultVaultClient.builder(vault.getServer().getAddress()).build();
			VaultAuth auth = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
				.roleId((String) properties.get("vault.app-role.role-id"))
				.secretId((String) properties.get("vault.app-role.secret-id"))
				.build()).login(anonymous);
			assertThat(auth.leaseDuration()).isEqualTo(DemoVault.TOKEN_TTL.toSeconds());
			assertThat(auth.renewable()).isTrue();
			assertThat(auth.policies()).contains(DemoVault.POLICY);
			VaultClient app = DefaultVaultClient.builder(vault.getServer().getAddress())
				.tokenProvider(TokenProvider.of(auth.clientToken()))
				.build();
			assertThat(KvTemplate.create(app, "secret").read(DemoVault.SECRET_PATH).data().getString("api-key"))
				.isEqualTo(DemoVault.DEMO_API_KEY);
			assertThatExceptionOfType(PermissionDeniedException.class)
				.isThrownBy(() -> app.execute(VaultRequest.get("secret/data/other").build()));
			assertThat(vault.toString()).doesNotContain((String) properties.get("vault.app-role.secret-id"));
		}
	}

	@Test
	void startsNothingWhenDisabled() {
		MockEnvironment environment = new MockEnvironment().withProperty("sample.embedded-vault.enabled", "false");
		new DemoVaultEnvironmentPostProcessor(new DeferredLogs(), new DefaultBootstrapContext())
			.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(DemoVaultEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("vault.uri")).isNull();
	}

}
