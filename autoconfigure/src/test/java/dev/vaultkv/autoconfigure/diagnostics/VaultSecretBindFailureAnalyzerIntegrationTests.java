package dev.vaultkv.autoconfigure.diagnostics;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A secret that cannot be converted to the type it is bound or injected as fails startup with an analysis
 * that names the property and the secret, and its value reaches neither the analysis nor the log.
 */
@EmbeddedVault(resetBetweenTests = true)
@ExtendWith(OutputCaptureExtension.class)
class VaultSecretBindFailureAnalyzerIntegrationTests {

	private static final String VALUE = "n0t-a-numb3r-Xq7";

	private final EmbeddedVaultServer server;

	VaultSecretBindFailureAnalyzerIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@BeforeEach
	void putSecret() {
		this.server.putSecret("secret/app/db", Map.of("port", VALUE));
	}

	@Test
	void placeholderBoundToConfigurationProperties(CapturedOutput output) {
		run(PropertiesApplication.class, "app.port=${vault:app/db:port}");
		assertThat(output).contains("app.port", "secret//app/db", "'port'", "cannot be converted to int")
			.doesNotContain(VALUE);
	}

	@Test
	void nestedPlaceholderBoundToConfigurationProperties(CapturedOutput output) {
		run(PropertiesApplication.class, "app.port=${db.port}", "db.port=${vault:app/db:port}");
		assertThat(output).contains("app.port", "secret//app/db", "'port'", "cannot be converted to int")
			.doesNotContain(VALUE);
	}

	@Test
	void configDataImportBoundToConfigurationProperties(CapturedOutput output) {
		run(PropertiesApplication.class, "spring.config.import=vault:app/db?prefix=app.");
		assertThat(output).contains("app.port", "secret//app/db", "cannot be converted to int").doesNotContain(VALUE);
	}

	@Test
	void valueNotFromVaultIsLeftToSpringBoot(CapturedOutput output) {
		run(PropertiesApplication.class, "app.port=${plain.port}", "plain.port=not-secret");
		assertThat(output).contains("Value: \"${plain.port}\"").doesNotContain("comes from Vault");
	}

	@Test
	void placeholderInjectedIntoValueField(CapturedOutput output) {
		run(ValueFieldApplication.class);
		assertThat(analysis(output)).contains("vault:app/db:port", "secret//app/db", "'port'", "cannot be converted to int");
		// also Spring Framework's "cancelling refresh attempt" warning, logged before the analysis
		assertThat(output).contains("cancelling refresh attempt").doesNotContain(VALUE);
	}

	@Test
	void placeholderInjectedIntoValueConstructorParameter(CapturedOutput output) {
		run(ValueConstructorApplication.class);
		assertThat(analysis(output)).contains("vault:app/db:port", "secret//app/db", "'port'", "cannot be converted to int");
		assertThat(output).contains("cancelling refresh attempt").doesNotContain(VALUE);
	}

	@Test
	void nestedPlaceholderInjectedIntoValueField(CapturedOutput output) {
		run(NestedValueFieldApplication.class, "app.port=1${vault:app/db:port}");
		assertThat(output).contains("cancelling refresh attempt").doesNotContain(VALUE);
	}

	@Test
	void placeholderBoundToConfigurationPropertiesRecord(CapturedOutput output) {
		run(RecordApplication.class, "app.port=${vault:app/db:port}");
		assertThat(output).contains("app.port", "secret//app/db", "cannot be converted to int").doesNotContain(VALUE);
	}

	@Test
	void configDataImportConvertedByTheEnvironment(CapturedOutput output) {
		Throwable failure = run(EnvironmentApplication.class, "spring.config.import=vault:app/db?prefix=app.");
		assertThat(analysis(output)).contains("Invalid value for configuration property 'app.port'", "secret//app/db");
		assertThat(output).contains("cancelling refresh attempt").doesNotContain(VALUE);
		assertThat(messages(failure)).contains("comes from Vault", "java.lang.Integer", "NumberFormatException");
		// Spring Boot's property resolver wraps the failure in an InvalidConfigurationPropertyValueException
		// whose message it builds with the value itself: the one route that stays unclean (README)
		assertThat(messages(failure)).contains("InvalidConfigurationPropertyValueException: Property app.port");
	}

	@Test
	void valueNotFromVaultKeepsSpringsMessage(CapturedOutput output) {
		Throwable failure = run(EnvironmentApplication.class, "app.port=not-secret-4711");
		assertThat(output).contains("not-secret-4711");
		assertThat(messages(failure)).contains("not-secret-4711");
	}

	/**
	 * The analysis and everything logged after it.
	 */
	private static String analysis(CapturedOutput output) {
		String all = output.getAll();
		assertThat(all).contains("APPLICATION FAILED TO START").doesNotContain("Application run failed");
		return all.substring(all.indexOf("APPLICATION FAILED TO START"));
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			messages.append(current).append('\n');
		}
		return messages.toString();
	}

	private Throwable run(Class<?> application, String... properties) {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off")
			.properties(properties)
			.run());
		assertThat(failure).isNotNull();
		if (application != EnvironmentApplication.class) {
			// the exception the application's main method receives, and may log, holds no value either
			assertThat(messages(failure)).doesNotContain(VALUE);
		}
		return failure;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigurationProperties(AppProperties.class)
	static class PropertiesApplication {

	}

	@ConfigurationProperties("app")
	static class AppProperties {

		private int port;

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Component
	static class ValueFieldApplication {

		@Value("${vault:app/db:port}")
		int port;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Component
	static class NestedValueFieldApplication {

		@Value("${app.port}")
		int port;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigurationProperties(AppRecord.class)
	static class RecordApplication {

	}

	@ConfigurationProperties("app")
	record AppRecord(int port) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EnvironmentApplication {

		final Integer port;

		EnvironmentApplication(Environment environment) {
			this.port = environment.getProperty("app.port", Integer.class);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ValueConstructorApplication {

		final int port;

		ValueConstructorApplication(@Value("${vault:app/db:port}") int port) {
			this.port = port;
		}

	}

}
