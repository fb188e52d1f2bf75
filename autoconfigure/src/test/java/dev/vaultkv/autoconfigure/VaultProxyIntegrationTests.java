package dev.vaultkv.autoconfigure;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultHttpRequestFactory;
import dev.vaultkv.client.VaultProxy;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.testsupport.TestHttpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault.proxy.*} and the JDK's proxy system properties, with a real forwarding proxy in front of
 * the embedded server, for the application context's client and the one of config data and placeholders.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultProxyIntegrationTests {

	private static final String PROXY_PASSWORD = "pr0xy-Pa55-w0rd";

	private static EmbeddedVaultServer server;

	private TestHttpProxy proxy;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class))
		.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
				"vault.retry.enabled=false");

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void clearLog() {
		server.requestLog().clear();
	}

	@AfterEach
	void stopProxy() {
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Test
	void requestsGoThroughTheConfiguredProxy() {
		this.proxy = TestHttpProxy.start();
		this.contextRunner.withPropertyValues("vault.proxy.host=127.0.0.1", "vault.proxy.port=" + this.proxy.getPort())
			.run((context) -> {
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
				VaultHttpRequestFactory requestFactory = (VaultHttpRequestFactory) context
					.getBean(VaultClientFactory.class)
					.getRequestFactory();
				assertThat(requestFactory.getProxy()).extracting(VaultProxy::getHost, VaultProxy::getPort)
					.containsExactly("127.0.0.1", this.proxy.getPort());
			});
		assertThat(this.proxy.forwarded()).contains("GET /v1/secret/data/myapp/db");
		assertThat(this.proxy.forwarded()).hasSize(server.requestLog().count());
	}

	@Test
	void placeholdersResolvedBeforeTheContextGoThroughTheProxy() {
		this.proxy = TestHttpProxy.start();
		try (ConfigurableApplicationContext context = application("vault.proxy.host=127.0.0.1",
				"vault.proxy.port=" + this.proxy.getPort(), "app.password=${vault:myapp/db:password}")
			.run()) {
			assertThat(context.getEnvironment().getProperty("app.password")).isEqualTo("s3cr3t");
		}
		assertThat(this.proxy.forwarded()).contains("GET /v1/secret/data/myapp/db");
		assertThat(this.proxy.forwarded()).hasSize(server.requestLog().count());
	}

	@Test
	void proxyCredentialsAnswerTheChallengeAndNeverAppear(CapturedOutput output) {
		this.proxy = TestHttpProxy.start("vault-app", PROXY_PASSWORD);
		try (ConfigurableApplicationContext context = application("vault.proxy.host=127.0.0.1",
				"vault.proxy.port=" + this.proxy.getPort(), "vault.proxy.username=vault-app",
				"vault.proxy.password=" + PROXY_PASSWORD, "app.password=${vault:myapp/db:password}",
				"logging.level.dev.vaultkv=debug")
			.run()) {
			assertThat(context.getEnvironment().getProperty("app.password")).isEqualTo("s3cr3t");
			assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull();
			VaultProperties properties = context.getBean(VaultClientFactory.class).getProperties();
			VaultProxy configured = ((VaultHttpRequestFactory) context.getBean(VaultClientFactory.class)
				.getRequestFactory()).getProxy();
			assertThat(configured.getPassword()).isEqualTo(PROXY_PASSWORD);
			assertThat(configured.toString()).contains("vault-app").doesNotContain(PROXY_PASSWORD);
			assertThat(properties.getProxy().toString()).doesNotContain(PROXY_PASSWORD);
		}
		assertThat(this.proxy.challenges()).isPositive();
		assertThat(this.proxy.forwarded()).contains("GET /v1/secret/data/myapp/db");
		assertThat(output).doesNotContain(PROXY_PASSWORD);
	}

	@Test
	void wrongProxyPasswordFailsWithoutRevealingIt(CapturedOutput output) {
		this.proxy = TestHttpProxy.start("vault-app", PROXY_PASSWORD);
		this.contextRunner
			.withPropertyValues("vault.proxy.host=127.0.0.1", "vault.proxy.port=" + this.proxy.getPort(),
					"vault.proxy.username=vault-app", "vault.proxy.password=not-" + PROXY_PASSWORD)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(VaultException.class);
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("407");
			});
		assertThat(this.proxy.challenges()).isPositive();
		assertThat(this.proxy.forwarded()).isEmpty();
		assertThat(server.requestLog().count()).isZero();
		assertThat(output).doesNotContain(PROXY_PASSWORD);
	}

	@Test
	void proxyPasswordIsACredentialForTheConfigpropsEndpoint() {
		this.contextRunner
			.withPropertyValues("vault.enabled=false", "vault.proxy.host=proxy.example.com", "vault.proxy.port=3128",
					"vault.proxy.username=vault-app", "vault.proxy.password=" + PROXY_PASSWORD)
			.withUserConfiguration(PropertiesOnly.class)
			.run((context) -> {
				// shown values, except what Spring Boot's sanitizer considers a credential
				ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
						List.of(SanitizingFunction.sanitizeValue().ifLikelyCredential()), Show.ALWAYS);
				endpoint.setApplicationContext(context);
				Map<String, Object> properties = endpoint.configurationPropertiesWithPrefix("vault")
					.getContexts()
					.values()
					.stream()
					.flatMap((descriptor) -> descriptor.getBeans().values().stream())
					.filter((bean) -> bean.getPrefix().equals("vault"))
					.findFirst()
					.orElseThrow()
					.getProperties();
				assertThat(properties.get("proxy")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("password", SanitizableData.SANITIZED_VALUE)
					.containsEntry("username", "vault-app");
			});
	}

	@Test
	void nonProxyHostsAreReachedDirectly() {
		this.proxy = TestHttpProxy.start();
		this.contextRunner
			.withPropertyValues("vault.proxy.host=127.0.0.1", "vault.proxy.port=" + this.proxy.getPort(),
					"vault.proxy.non-proxy-hosts=vault.example.com,127.0.0.*")
			.run((context) -> assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull());
		assertThat(server.requestLog().count("GET", "secret/data/myapp/db")).isOne();
		assertThat(this.proxy.forwarded()).isEmpty();
	}

	@Test
	void withoutVaultProxyTheJdkProxySystemPropertiesApply() {
		// The JDK's proxy selector never proxies loopback addresses: a name only the proxy resolves.
		this.proxy = TestHttpProxy.start().alias("vault.test", "127.0.0.1");
		String uri = "vault.uri=http://vault.test:" + server.getAddress().getPort();
		String[] names = { "http.proxyHost", "http.proxyPort", "http.nonProxyHosts" };
		String[] saved = new String[names.length];
		for (int i = 0; i < names.length; i++) {
			saved[i] = System.getProperty(names[i]);
		}
		try {
			System.setProperty("http.proxyHost", "127.0.0.1");
			System.setProperty("http.proxyPort", String.valueOf(this.proxy.getPort()));
			System.setProperty("http.nonProxyHosts", "vault.example.com");
			try (ConfigurableApplicationContext context = application(uri, "app.password=${vault:myapp/db:password}")
				.run()) {
				assertThat(context.getEnvironment().getProperty("app.password")).isEqualTo("s3cr3t");
				assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull();
			}
			assertThat(this.proxy.forwarded()).contains("GET /v1/secret/data/myapp/db");
			int proxied = this.proxy.forwarded().size();
			// Reached directly, vault.test does not resolve.
			System.setProperty("http.nonProxyHosts", "*.test");
			this.contextRunner.withPropertyValues(uri).run((context) -> assertThat(context).hasFailed());
			assertThat(this.proxy.forwarded()).hasSize(proxied);
		}
		finally {
			for (int i = 0; i < names.length; i++) {
				if (saved[i] != null) {
					System.setProperty(names[i], saved[i]);
				}
				else {
					System.clearProperty(names[i]);
				}
			}
		}
	}

	@Test
	void proxyHostWithoutPortFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("vault.proxy.host=proxy.example.com").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.proxy.port");
		});
	}

	@Test
	void proxyUsernameWithoutPasswordFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("vault.proxy.host=proxy.example.com", "vault.proxy.port=3128",
					"vault.proxy.username=vault-app")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.proxy.password"));
	}

	private SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"vault.retry.enabled=false", "spring.main.banner-mode=off")
			.properties(properties);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class TestApplication {

	}

	@EnableConfigurationProperties(VaultProperties.class)
	static class PropertiesOnly {

	}

}
