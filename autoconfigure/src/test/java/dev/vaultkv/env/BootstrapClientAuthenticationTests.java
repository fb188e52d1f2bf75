package dev.vaultkv.env;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.UserpassAuthentication;
import dev.vaultkv.auth.UserpassAuthenticationOptions;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultClientCustomizer;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.diagnostics.VaultBootstrapAuthenticationFailureAnalyzer;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application's own {@link ClientAuthentication} for config data and placeholders, which log in
 * before beans exist: registered in the bootstrap registry it is used by both; as a bean only, startup
 * fails saying how to register it.
 */
class BootstrapClientAuthenticationTests {

	private static EmbeddedVaultServer server;

	private final AtomicInteger logins = new AtomicInteger();

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
		VaultClient root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/myapp")
			.body(Map.of("policy", "path \"secret/data/myapp/*\" { capabilities = [\"read\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/userpass").body(Map.of("type", "userpass")).build());
		root.execute(VaultRequest.post("auth/userpass/users/app")
			.body(Map.of("password", "pa55word", "token_policies", List.of("myapp")))
			.build());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void clearLog() {
		server.requestLog().clear();
	}

	@Test
	void registeredAuthenticationLogsInOnceForPlaceholdersAndTheContext() {
		CountingAuthentication authentication = new CountingAuthentication(this.logins);
		try (ConfigurableApplicationContext context = application(TestApplication.class,
				"app.password=${vault:myapp/db:password}")
			.addBootstrapRegistryInitializer((registry) -> registry.register(ClientAuthentication.class,
					BootstrapRegistry.InstanceSupplier.of(authentication)))
			.run()) {
			assertThat(context.getEnvironment().getProperty("app.password")).isEqualTo("s3cr3t");
			assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull();
			assertThat(context.getBean(ClientAuthentication.class)).isSameAs(authentication);
			assertThat(context.getBeansOfType(SessionManager.class)).hasSize(1);
		}
		assertThat(this.logins).hasValue(1);
		assertThat(server.requestLog().count("POST", "auth/userpass/login/app")).isOne();
	}

	@Test
	void registeredAuthenticationIsUsedByTheContextWithoutPlaceholders() {
		CountingAuthentication authentication = new CountingAuthentication(this.logins);
		try (ConfigurableApplicationContext context = application(TestApplication.class)
			.addBootstrapRegistryInitializer((registry) -> registry.register(ClientAuthentication.class,
					BootstrapRegistry.InstanceSupplier.of(authentication)))
			.run()) {
			assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
				.isEqualTo("s3cr3t");
			assertThat(context.getBean(ClientAuthentication.class)).isSameAs(authentication);
		}
		assertThat(this.logins).hasValue(1);
	}

	@Test
	void registeredClientCustomizerAppliesToTheBootstrapClients() {
		AtomicInteger customized = new AtomicInteger();
		VaultClientCustomizer customizer = (builder) -> customized.incrementAndGet();
		try (ConfigurableApplicationContext context = application(TestApplication.class,
				"vault.token=" + server.getRootToken(), "app.password=${vault:myapp/db:password}")
			.addBootstrapRegistryInitializer((registry) -> registry.register(VaultClientCustomizer.class,
					BootstrapRegistry.InstanceSupplier.of(customizer)))
			.run()) {
			assertThat(context.getEnvironment().getProperty("app.password")).isEqualTo("s3cr3t");
		}
		// the login client and the client of the bootstrap
		assertThat(customized).hasValueGreaterThanOrEqualTo(2);
	}

	@Test
	void authenticationBeanIsUsedWithoutPlaceholders() {
		try (ConfigurableApplicationContext context = application(BeanApplication.class).run()) {
			assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
				.isEqualTo("s3cr3t");
			assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(CountingAuthentication.class);
		}
		assertThat(server.requestLog().count("POST", "auth/userpass/login/app")).isOne();
	}

	@Test
	void authenticationBeanThatPlaceholdersCouldNotUseFailsStartupSayingHowToRegisterIt() {
		assertThatExceptionOfType(BootstrapAuthenticationException.class)
			.isThrownBy(() -> application(BeanApplication.class, "vault.token=" + server.getRootToken(),
					"app.password=${vault:myapp/db:password}")
				.run()
				.close())
			.withMessageContaining("ClientAuthentication bean [countingAuthentication]")
			.withMessageContaining("vault.authentication=token")
			.withMessageContaining("BootstrapRegistryInitializer")
			.withMessageNotContaining(server.getRootToken())
			.satisfies((ex) -> {
				FailureAnalysis analysis = new VaultBootstrapAuthenticationFailureAnalyzer().analyze(ex);
				assertThat(analysis.getDescription()).contains("[countingAuthentication]")
					.contains("vault.authentication=token");
				assertThat(analysis.getAction()).contains("addBootstrapRegistryInitializer")
					.contains("META-INF/spring.factories");
			});
	}

	@Test
	void missingTokenSaysHowToProvideYourOwnAuthentication() {
		assertThatException()
			.isThrownBy(() -> application(TestApplication.class, "user.home=/nonexistent",
					"app.password=${vault:myapp/db:password}")
				.run()
				.close())
			.satisfies((ex) -> assertThat(messages(ex)).contains("vault.token")
				.contains("ClientAuthentication")
				.contains("BootstrapRegistryInitializer"));
	}

	private static String messages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = ex; current != null; current = current.getCause()) {
			messages.append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private SpringApplicationBuilder application(Class<?> source, String... properties) {
		return new SpringApplicationBuilder(source).web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "spring.main.banner-mode=off", "vault.retry.enabled=false")
			.properties(properties);
	}

	/**
	 * A login method of the application's own: userpass, counted.
	 */
	static final class CountingAuthentication implements ClientAuthentication {

		private final AtomicInteger logins;

		private final UserpassAuthentication delegate = new UserpassAuthentication(
				UserpassAuthenticationOptions.builder().username("app").password("pa55word").build());

		CountingAuthentication(AtomicInteger logins) {
			this.logins = logins;
		}

		@Override
		public VaultAuth login(VaultClient client) {
			this.logins.incrementAndGet();
			return this.delegate.login(client);
		}

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class TestApplication {

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class BeanApplication {

		@Bean
		ClientAuthentication countingAuthentication() {
			return new CountingAuthentication(new AtomicInteger());
		}

	}

}
