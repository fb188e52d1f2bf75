package dev.vaultkv.env;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code spring.config.import=vault:} without a path reads the contexts Spring Cloud Vault users rely on,
 * with its precedence, each path once, and absent contexts are simply absent.
 */
class ConventionalContextsTests {

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void seed() {
		server.reset();
		server.putSecret("secret/application", Map.of("level", "application", "shared", "from-application"));
		server.putSecret("secret/application/prod",
				Map.of("level", "application/prod", "shared-prod", "from-application/prod"));
		server.putSecret("secret/orders", Map.of("level", "orders", "own", "from-orders"));
		server.putSecret("secret/orders/prod", Map.of("level", "orders/prod", "profile", "prod"));
		server.putSecret("secret/orders/cloud", Map.of("level", "orders/cloud", "profile", "cloud"));
		server.putSecret("secret/billing", Map.of("level", "billing"));
		server.requestLog().clear();
	}

	private SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"spring.main.banner-mode=off", "spring.application.name=orders")
			.properties(properties);
	}

	@Test
	void readsTheContextsWithSpringCloudVaultPrecedence() {
		try (ConfigurableApplicationContext context = application("spring.config.import=vault:")
			.profiles("cloud", "prod", "eu")
			.run()) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("level")).isEqualTo("orders/prod");
			// the later of two active profiles wins, as with profile documents
			assertThat(environment.getProperty("profile")).isEqualTo("prod");
			assertThat(environment.getProperty("own")).isEqualTo("from-orders");
			assertThat(environment.getProperty("shared-prod")).isEqualTo("from-application/prod");
			assertThat(environment.getProperty("shared")).isEqualTo("from-application");
			for (String path : new String[] { "orders/eu", "orders/prod", "orders/cloud", "orders", "application/eu",
					"application/prod", "application/cloud", "application" }) {
				assertThat(server.requestLog().count("GET", "secret/data/" + path)).as(path).isEqualTo(1);
			}
		}
	}

	@Test
	void applicationNameOverridesTheGeneralContextWithoutProfiles() {
		try (ConfigurableApplicationContext context = application("spring.config.import=vault:").run()) {
			assertThat(context.getEnvironment().getProperty("level")).isEqualTo("orders");
			assertThat(context.getEnvironment().getProperty("shared-prod")).isNull();
			assertThat(server.requestLog().count("GET", "secret/data/orders/prod")).isZero();
		}
	}

	@Test
	void settingsNameTheApplicationTheDefaultContextAndTheSeparator() {
		server.putSecret("secret/shared-prod", Map.of("level", "shared-prod"));
		try (ConfigurableApplicationContext context = application("spring.config.import=optional:vault:",
				"vault.kv.application-name=billing", "vault.kv.default-context=shared",
				"vault.kv.profile-separator=-")
			.profiles("prod")
			.run()) {
			assertThat(context.getEnvironment().getProperty("level")).isEqualTo("billing");
			assertThat(context.getEnvironment().getProperty("own")).isNull();
			assertThat(server.requestLog().count("GET", "secret/data/billing-prod")).isEqualTo(1);
			assertThat(server.requestLog().count("GET", "secret/data/shared-prod")).isEqualTo(1);
			assertThat(server.requestLog().count("GET", "secret/data/orders")).isZero();
		}
	}

	@Test
	void explicitImportOfAConventionalPathKeepsBoth() {
		try (ConfigurableApplicationContext context = application(
				"spring.config.import=vault:orders?prefix=orders.,vault:")
			.run()) {
			assertThat(context.getEnvironment().getProperty("orders.own")).isEqualTo("from-orders");
			assertThat(context.getEnvironment().getProperty("own")).isEqualTo("from-orders");
			assertThat(server.requestLog().count("GET", "secret/data/orders")).isEqualTo(1);
		}
	}

	@Test
	void secretThatSetsProfilesFailsStartupNamingTheProperty() {
		server.putSecret("secret/orders", Map.of("spring.profiles.active", "sneaky-profile-value"));
		assertThatException().isThrownBy(() -> application("spring.config.import=vault:").run())
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.withMessageContaining("spring.profiles.active")
			.withMessageContaining("secret//orders")
			.withMessageNotContaining("sneaky-profile-value");
	}

	@Test
	void absentContextsDoNotFailStartup() {
		server.reset();
		try (ConfigurableApplicationContext context = application("spring.config.import=vault:")
			.profiles("prod")
			.run()) {
			assertThat(context.getEnvironment().getProperty("level")).isNull();
			assertThat(server.requestLog().count("GET", "secret/data/orders/prod")).isEqualTo(1);
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class TestApplication {

	}

}
