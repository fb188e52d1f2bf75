package dev.vaultkv.env;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault.*} settings of a profile document apply to {@code spring.config.import=vault:...} although
 * the import is declared in the document without a profile, which Spring Boot processes first.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProfileSpecificVaultSettingsTests {

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.builder().rootToken("hvs.first-hour-root-token").start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void seed() {
		server.reset();
		server.putSecret("secret/myapp/db", Map.of("password", "from-the-second-server"));
		server.requestLog().clear();
	}

	private SpringApplicationBuilder application(String configName, String... profiles) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.profiles(profiles)
			.properties("spring.main.banner-mode=off", "spring.config.name=" + configName,
					"test.vault.uri=" + server.getAddress(), "test.vault.token=" + server.getRootToken());
	}

	@Test
	void profileDocumentThatDisablesTheEmbeddedServerIsHonoured(CapturedOutput output) {
		try (ConfigurableApplicationContext context = application("profile-embedded-off", "prod").run()) {
			assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("from-the-second-server");
			assertThat(context.containsBean("vaultEmbeddedServer")).isFalse();
			assertThat(server.requestLog().count("GET", "secret/data/myapp/db")).isEqualTo(1);
		}
		assertThat(output).containsOnlyOnce("Using Vault at " + server.getAddress())
			.containsOnlyOnce("Using ")
			.contains("(authentication: token)")
			.doesNotContain(server.getRootToken())
			.doesNotContain("from-the-second-server");
	}

	@Test
	void withoutTheProfileTheEmbeddedServerIsUsed(CapturedOutput output) {
		try (ConfigurableApplicationContext context = application("profile-embedded-off").run()) {
			assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("from-the-embedded-server");
			EmbeddedVaultServer embedded = context.getBean(EmbeddedVaultServer.class);
			assertThat(output).containsOnlyOnce("Using the embedded Vault dev server at " + embedded.getAddress());
			assertThat(output.getOut().lines().filter((line) -> line.contains("Using ")))
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.endsWith("Using the embedded Vault dev server at " + embedded.getAddress()
						+ " (authentication: token); its browser console is at " + embedded.getConsoleAddress())
				.doesNotContain(embedded.getRootToken());
		}
		assertThat(server.requestLog().count("GET", "secret/data/myapp/db")).isZero();
	}

	@Test
	void profileDocumentThatEnablesTheEmbeddedServerIsHonoured() {
		try (ConfigurableApplicationContext context = application("profile-embedded-on", "dev").run()) {
			assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("from-the-embedded-server");
			assertThat(context.containsBean("vaultEmbeddedServer")).isTrue();
		}
		assertThat(server.requestLog().count("GET", "secret/data/myapp/db")).isZero();
	}

	@Test
	void withoutTheProfileTheConfiguredVaultIsUsed() {
		try (ConfigurableApplicationContext context = application("profile-embedded-on").run()) {
			assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("from-the-second-server");
			assertThat(context.containsBean("vaultEmbeddedServer")).isFalse();
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class TestApplication {

	}

}
