package dev.vaultkv.env;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.secret.MissingSecretException;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.testsupport.SecretRefreshThreads;
import dev.vaultkv.testsupport.ServerFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatException;

class VaultPlaceholderIntegrationTests {

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void startServer(TestInfo testInfo) {
		server = EmbeddedVaultServer.builder().flavour(ServerFlavour.Of.test(testInfo)).start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void seed() {
		server.reset();
		server.putSecret("secret/myapp/db", Map.of("username", "app", "password", "s3cr3t", "port", 5432));
		server.putSecret("secret/myapp/api", Map.of("value", "api-key", "colon", "a:b"));
		server.requestLog().clear();
	}

	private SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"spring.main.banner-mode=off")
			.properties(properties);
	}

	@Test
	void resolvesPlaceholdersWithOneReadPerPath() {
		try (ConfigurableApplicationContext context = application("app.user=${vault:myapp/db:username}",
				"app.password=${vault:myapp/db:password}", "app.port=${vault:myapp/db:port}",
				"app.key=${vault:myapp/api}", "app.url=jdbc:postgresql://db:${vault:myapp/db:port}/app",
				"app.colon=${vault:myapp/api:colon}")
			.run()) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("app.user")).isEqualTo("app");
			assertThat(environment.getProperty("app.password")).isEqualTo("s3cr3t");
			assertThat(environment.getProperty("app.port", Integer.class)).isEqualTo(5432);
			assertThat(environment.getProperty("app.key")).isEqualTo("api-key");
			assertThat(environment.getProperty("app.url")).isEqualTo("jdbc:postgresql://db:5432/app");
			assertThat(environment.getProperty("app.colon")).isEqualTo("a:b");
			assertThat(context.getBean(Holder.class).password).isEqualTo("s3cr3t");
			assertRequests("GET", "secret/data/myapp/db", 1);
			assertRequests("GET", "secret/data/myapp/api", 1);
			assertThat(context.getBeansOfType(SessionManager.class)).hasSize(1);
			assertThat(context.getBeansOfType(SecretStore.class)).hasSize(1);
			await().untilAsserted(
					() -> assertThat(server.requestLog().countPathPrefix("auth/token/lookup-self")).isEqualTo(1));
		}
	}

	@Test
	void secretStoreRefreshThreadsEndWithTheContext() throws Exception {
		SecretLocation location = new SecretLocation("secret", "myapp/db", 0);
		SecretRefreshThreads threads = new SecretRefreshThreads();
		try (ConfigurableApplicationContext context = application("app.password=${vault:myapp/db:password}").run()) {
			// the store that resolved the placeholder; a refresh runs on its pool and the caller waits for it
			context.getBean(SecretStore.class).refresh(location);
			threads.recordStarted();
		}
		threads.assertEnded();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void warnsOncePerPropertyAboutAPlaceholderNameCloseToVault(CapturedOutput output) {
		try (ConfigurableApplicationContext context = application("app.typo=${vualt:myapp/db:password}",
				"app.mount=x${Vault:team-kv//myapp/db}y", "app.right=${vault:myapp/db:password}",
				"app.port=${server.port:8080}", "app.host=${valid:db.example.com:5432}",
				"app.far=${value:myapp/db:password}")
			.run("--app.typo=${vualt:myapp/db:password}")) {
			assertThat(context.getEnvironment().getProperty("app.typo")).isEqualTo("myapp/db:password");
			assertThat(context.getEnvironment().getProperty("app.right")).isEqualTo("s3cr3t");
		}
		assertThat(output).containsOnlyOnce("Property 'app.typo' has a placeholder named 'vualt'")
			.contains("Property 'app.mount' has a placeholder named 'Vault'")
			.doesNotContain("'app.right'")
			.doesNotContain("'app.port'")
			.doesNotContain("'app.host'")
			.doesNotContain("'app.far'")
			.doesNotContain("s3cr3t")
			.doesNotContain("myapp/db:password")
			.doesNotContain("team-kv//myapp/db");
	}

	@Test
	void secretValuesAreNotResolvedAgain() {
		server.putSecret("secret/myapp/odd", Map.of("value", "a${user.home}b", "other", "x${nope}y"));
		try (ConfigurableApplicationContext context = application("app.odd=${vault:myapp/odd}",
				"app.secret=${vault:myapp/odd:other}", "app.bound.value=${vault:myapp/odd}")
			.run()) {
			assertThat(context.getEnvironment().getProperty("app.odd")).isEqualTo("a${user.home}b");
			assertThat(context.getBean(Holder.class).secret).isEqualTo("x${nope}y");
			assertThat(org.springframework.boot.context.properties.bind.Binder.get(context.getEnvironment())
				.bind("app.bound.value", String.class)
				.get()).isEqualTo("a${user.home}b");
		}
		try (ConfigurableApplicationContext context = application("spring.config.import=vault:myapp/odd?prefix=odd.")
			.run()) {
			assertThat(context.getEnvironment().getProperty("odd.value")).isEqualTo("a${user.home}b");
			assertThat(context.getEnvironment().getProperty("odd.other")).isEqualTo("x${nope}y");
		}
	}

	@Test
	void disabledVaultFailsPlaceholdersInsteadOfFallingBack() {
		assertThatException()
			.isThrownBy(() -> application("vault.enabled=false", "app.secret=${vault:myapp/db:password}").run())
			.satisfies((ex) -> assertThat(rootCause(ex)).hasMessageContaining("vault.enabled"));
	}

	@Test
	void missingKeyFailsStartupNamingPathAndKey() {
		assertThatException().isThrownBy(() -> application("app.secret=${vault:myapp/db:nope}").run())
			.withRootCauseInstanceOf(MissingSecretException.class)
			.satisfies((ex) -> assertThat(rootCause(ex)).hasMessageContaining("'myapp/db'")
				.hasMessageContaining("'nope'")
				.hasMessageContaining("mount 'secret'"));
	}

	@Test
	void missingSecretFailsStartupInsteadOfFallingBackToTheTextAfterTheFirstColon() {
		assertThatException().isThrownBy(() -> application("app.secret=${vault:myapp/missing:password}").run())
			.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOf(MissingSecretException.class)
				.hasMessageContaining("'myapp/missing'"));
	}

	@Test
	void configDataImportsEveryKeyWithPrefix() {
		try (ConfigurableApplicationContext context = application(
				"spring.config.import=vault:myapp/db?prefix=db.,optional:vault:myapp/absent").run()) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("db.username")).isEqualTo("app");
			assertThat(environment.getProperty("db.port")).isEqualTo("5432");
			assertRequests("GET", "secret/data/myapp/db", 1);
			await().untilAsserted(() -> assertThat(server.requestLog().countPathPrefix("auth/token/lookup-self")).isEqualTo(1));
		}
	}

	@Test
	void configDataImportOfMissingSecretFails() {
		assertThatException().isThrownBy(() -> application("spring.config.import=vault:myapp/absent").run())
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("vault:myapp/absent"));
	}

	@Test
	void unreachableVaultFailsConfigDataImportWithFailFast() {
		assertThatException()
			.isThrownBy(() -> unreachable("spring.config.import=vault:myapp/db").run())
			.satisfies((ex) -> assertThat(ex).isInstanceOf(VaultConnectionException.class));
	}

	@Test
	void unreachableVaultSkipsConfigDataImportWithoutFailFast() {
		try (ConfigurableApplicationContext context = unreachable("spring.config.import=vault:myapp/db",
				"vault.fail-fast=false").run()) {
			assertThat(context.getEnvironment().getProperty("username")).isNull();
		}
	}

	private SpringApplicationBuilder unreachable(String... properties) {
		return new SpringApplicationBuilder(PlainApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=http://127.0.0.1:1", "vault.token=t", "vault.retry.max-attempts=1",
					"spring.main.banner-mode=off")
			.properties(properties);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	@Import(Holder.class)
	static class TestApplication {

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class PlainApplication {

	}

	static class Holder {

		@Value("${vault:myapp/db:password}")
		String password;

		@Value("${app.secret:none}")
		String secret;

	}

	private static void assertRequests(String method, String path, int expected) {
		await().atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(server.requestLog().count(method, path)).isEqualTo(expected));
	}

}
