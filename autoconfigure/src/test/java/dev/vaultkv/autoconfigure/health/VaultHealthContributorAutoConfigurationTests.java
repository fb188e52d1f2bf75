package dev.vaultkv.autoconfigure.health;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.health.VaultHealthIndicator;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

class VaultHealthContributorAutoConfigurationTests {

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
				VaultHealthContributorAutoConfiguration.class));

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private ApplicationContextRunner connected() {
		return this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(),
				"vault.token=" + server.getRootToken());
	}

	@Test
	void registersVaultHealthIndicator() {
		connected().run((context) -> {
			assertThat(context).hasSingleBean(VaultHealthIndicator.class).hasBean("vaultHealthIndicator");
			context.getBean(SecretStore.class).read(new SecretLocation("secret", "myapp/db", 0));
			Health health = context.getBean(VaultHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("version", "tokenRenewable", "lastSecretRead")
				.containsEntry("tokenExpires", false)
				.containsEntry("servingStaleSecrets", false);
			assertThat(health.toString()).doesNotContain(server.getRootToken()).doesNotContain("s3cr3t");
		});
	}

	@Test
	void reportsTheSecretReadsOfPlaceholdersAtStartup() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlaceholderApplication.class)
			.web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"spring.main.banner-mode=off", "app.password=${vault:myapp/db:password}")
			.run()) {
			assertThat(context.getEnvironment().getProperty("app.password")).isEqualTo("s3cr3t");
			Health health = context.getBean(VaultHealthIndicator.class).health();
			assertThat(health.getDetails()).containsKey("lastSecretRead");
		}
	}

	@Test
	void cacheTimeToLiveIsConfigurable() {
		connected().withPropertyValues("vault.health.cache-ttl=0").run((context) -> {
			int before = server.requestLog().count("GET", "sys/health");
			VaultHealthIndicator indicator = context.getBean(VaultHealthIndicator.class);
			indicator.health();
			indicator.health();
			assertThat(server.requestLog().count("GET", "sys/health")).isEqualTo(before + 2);
		});
		connected().run((context) -> {
			int before = server.requestLog().count("GET", "sys/health");
			VaultHealthIndicator indicator = context.getBean(VaultHealthIndicator.class);
			indicator.health();
			indicator.health();
			indicator.health();
			assertThat(server.requestLog().count("GET", "sys/health")).isEqualTo(before + 1);
		});
	}

	@Test
	void switchedOffByManagementHealthVaultEnabled() {
		connected().withPropertyValues("management.health.vault.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(VaultHealthIndicator.class));
	}

	@Test
	void switchedOffWithDefaultsDisabled() {
		connected().withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(VaultHealthIndicator.class));
	}

	@Test
	void absentWithoutActuatorHealth() {
		connected().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(VaultHealthIndicator.class));
	}

	@Test
	void absentWhenVaultIsDisabled() {
		this.contextRunner.withPropertyValues("vault.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(VaultHealthIndicator.class));
	}

	@Test
	void backsOffFromUserDefinedIndicator() {
		connected().withBean("vaultHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(VaultHealthIndicator.class));
	}

	@Test
	void invalidTimeoutFails() {
		connected().withPropertyValues("vault.health.timeout=0s")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("vault.health.timeout"));
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultHealthContributorAutoConfiguration.class })
	static class PlaceholderApplication {

	}

}
