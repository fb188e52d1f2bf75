package dev.vaultkv.autoconfigure.embedded;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.vaultkv.autoconfigure.PropertiesVaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.sys.SysOperations;

import static org.assertj.core.api.Assertions.assertThat;

class VaultEmbeddedServerTests {

	private static final String TLS = "classpath:dev/vaultkv/autoconfigure/embedded/tls/";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class));

	@Test
	void startsAndConnectsToTheEmbeddedServer() {
		this.contextRunner.withPropertyValues("vault.embedded.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(EmbeddedVaultServer.class);
			assertThat(context.getBean(VaultConnectionDetails.class)).isInstanceOf(EmbeddedVaultConnectionDetails.class);
			KvOperations kv = context.getBean(KvOperations.class);
			kv.write("myapp/db", Map.of("password", "s3cr3t"));
			assertThat(kv.read("myapp/db").data().getString("password")).isEqualTo("s3cr3t");
		});
	}

	@Test
	void answersAsVaultByDefaultAndAsOpenBaoOnRequest() {
		this.contextRunner.withPropertyValues("vault.embedded.enabled=true").run((context) -> {
			EmbeddedVaultServer server = context.getBean(EmbeddedVaultServer.class);
			assertThat(server.flavour()).isEqualTo(Flavour.VAULT);
			assertThat(context.getBean(SysOperations.class).health().version()).isEqualTo("1.19.0");
		});
		this.contextRunner.withPropertyValues("vault.embedded.enabled=true", "vault.embedded.flavour=openbao")
			.run((context) -> {
				EmbeddedVaultServer server = context.getBean(EmbeddedVaultServer.class);
				assertThat(server.flavour()).isEqualTo(Flavour.OPENBAO);
				assertThat(context.getBean(SysOperations.class).health().version()).isEqualTo("2.6.2");
				KvOperations kv = context.getBean(KvOperations.class);
				kv.write("myapp/db", Map.of("password", "s3cr3t"));
				assertThat(kv.read("myapp/db").data().getString("password")).isEqualTo("s3cr3t");
			});
	}

	@Test
	void servesTheConsoleByDefault() {
		this.contextRunner.withPropertyValues("vault.embedded.enabled=true").run((context) -> {
			EmbeddedVaultServer server = context.getBean(EmbeddedVaultServer.class);
			assertThat(server.getConsoleAddress()).hasToString(server.getAddress() + "/ui/");
			HttpResponse<String> page = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(server.getConsoleAddress()).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("embedded Vault console");
		});
	}

	@Test
	void consoleCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("vault.embedded.enabled=true", "vault.embedded.console.enabled=false")
			.run((context) -> {
				EmbeddedVaultServer server = context.getBean(EmbeddedVaultServer.class);
				assertThat(server.getConsoleAddress()).isNull();
				HttpResponse<String> page = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(server.getAddress().resolve("/ui/")).build(),
							HttpResponse.BodyHandlers.ofString());
				assertThat(page.statusCode()).isEqualTo(404);
			});
	}

	@Test
	void servesHttpsWithAnSslBundleAndTheClientTrustsIt() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("vault.embedded.enabled=true", "vault.embedded.ssl-bundle=vault-dev",
					"spring.ssl.bundle.pem.vault-dev.keystore.certificate=" + TLS + "server.pem",
					"spring.ssl.bundle.pem.vault-dev.keystore.private-key=" + TLS + "server-key.pem",
					"spring.ssl.bundle.pem.vault-dev.truststore.certificate=" + TLS + "ca.pem")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EmbeddedVaultServer.class).getAddress().getScheme()).isEqualTo("https");
				KvOperations kv = context.getBean(KvOperations.class);
				kv.write("myapp/tls", Map.of("password", "over-https"));
				assertThat(kv.read("myapp/tls").data().getString("password")).isEqualTo("over-https");
				assertThat(context.getBean(EmbeddedVaultServer.class).requestLog().count("POST", "secret/data/myapp/tls"))
					.isEqualTo(1);
			});
	}

	@Test
	void consolePropertyIsDocumentedInTheMetadata() throws Exception {
		JsonNode console = null;
		// every jar has such a file; look through them all for ours
		for (URL url : Collections.list(getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream metadata = url.openStream()) {
				for (JsonNode property : JsonMapper.builder().build().readTree(metadata).path("properties")) {
					if (property.path("name").asString().equals("vault.embedded.console.enabled")) {
						console = property;
					}
				}
			}
		}
		assertThat(console).isNotNull();
		assertThat(console.path("defaultValue").asBoolean()).isTrue();
		assertThat(console.path("description").asString()).startsWith("Whether to serve the browser console");
	}

	@Test
	void unknownSslBundleFailsNamingTheProperty() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("vault.embedded.enabled=true", "vault.embedded.ssl-bundle=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.embedded.ssl-bundle"));
	}

	@Test
	void placeholdersReadFromTheEmbeddedServerOverHttps(@TempDir Path directory) throws Exception {
		Path seed = directory.resolve("seed.json");
		Files.writeString(seed, "{\"secret/myapp/db\": {\"password\": \"seeded-https\"}}");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("vault.embedded.enabled=true", "vault.embedded.seed-file=" + seed,
					"vault.embedded.ssl-bundle=vault-dev",
					"spring.ssl.bundle.pem.vault-dev.keystore.certificate=" + TLS + "server.pem",
					"spring.ssl.bundle.pem.vault-dev.keystore.private-key=" + TLS + "server-key.pem",
					"spring.ssl.bundle.pem.vault-dev.truststore.certificate=" + TLS + "ca.pem",
					"spring.main.banner-mode=off")
			.run()) {
			assertThat(context.getBean(EmbeddedVaultServer.class).getAddress().getScheme()).isEqualTo("https");
			assertThat(context.getBean(Holder.class).password).isEqualTo("seeded-https");
		}
	}

	@Test
	void isOffByDefault() {
		this.contextRunner.withPropertyValues("vault.uri=http://127.0.0.1:1", "vault.token=t", "vault.fail-fast=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedVaultServer.class)
				.hasSingleBean(PropertiesVaultConnectionDetails.class));
	}

	@Test
	void worksWithoutTheEmbeddedModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(EmbeddedVaultServer.class))
			.withPropertyValues("vault.uri=http://127.0.0.1:1", "vault.token=t", "vault.fail-fast=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedVaultServer.class));
	}

	@Test
	void placeholdersReadSeededSecretsFromTheEmbeddedServer(@TempDir Path directory) throws Exception {
		Path seed = directory.resolve("seed.json");
		Files.writeString(seed, "{\"secret/myapp/db\": {\"password\": \"seeded\"}}");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("vault.embedded.enabled=true", "vault.embedded.seed-file=" + seed, "spring.main.banner-mode=off")
			.run()) {
			assertThat(context.getBean(Holder.class).password).isEqualTo("seeded");
			assertThat(context).extracting((c) -> c.getBeansOfType(EmbeddedVaultServer.class)).satisfies(
					(servers) -> assertThat(servers).hasSize(1));
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ SslAutoConfiguration.class, VaultAutoConfiguration.class,
			VaultSecretAutoConfiguration.class })
	@Import(Holder.class)
	static class TestApplication {

	}

	static class Holder {

		@Value("${vault:myapp/db:password}")
		String password;

	}

}
