package dev.vaultkv.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VaultClientCustomizer} beans customize vaultkv's clients and no other; Spring Boot's global
 * {@link RestClientCustomizer} is not how vaultkv authenticates.
 */
class VaultClientCustomizerTests {

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class, VaultAutoConfiguration.class,
				VaultSecretAutoConfiguration.class))
		.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken());

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void vaultClientCustomizerReachesVaultClientsOnly() {
		List<String> seen = new CopyOnWriteArrayList<>();
		VaultClientCustomizer customizer = (builder) -> builder.requestInterceptor(recording(seen))
			.defaultHeader("X-Vault-Only", "yes");
		this.contextRunner.withBean(VaultClientCustomizer.class, () -> customizer).run((context) -> {
			assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
				.isEqualTo("s3cr3t");
			assertThat(seen).contains("GET /v1/secret/data/myapp/db");
			RestClient application = context.getBean(RestClient.Builder.class).build();
			String health = application.get()
				.uri(server.getAddress() + "/v1/sys/health")
				.retrieve()
				.body(String.class);
			assertThat(health).contains("initialized");
			assertThat(seen).doesNotContain("GET /v1/sys/health");
			assertThat(context.getBean(RestClient.Builder.class)).extracting("defaultHeaders")
				.satisfies((headers) -> assertThat(String.valueOf(headers)).doesNotContain("X-Vault-Only"));
		});
	}

	@Test
	void vaultTokenIsSetPerRequestNotByAGlobalRestClientCustomizer() {
		List<String> seenByGlobal = new CopyOnWriteArrayList<>();
		// A global customizer (for the application's clients) that would break Vault if vaultkv relied on
		// default headers: vaultkv sets X-Vault-Token on each request, which wins over a default header.
		RestClientCustomizer global = (builder) -> builder.requestInterceptor(recording(seenByGlobal))
			.defaultHeader("X-Vault-Token", "not-a-vault-token");
		this.contextRunner.withBean(RestClientCustomizer.class, () -> global).run((context) -> {
			assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
				.isEqualTo("s3cr3t");
			// vaultkv starts from a clone of Spring Boot's builder (for observations), so global
			// customizers see Vault requests too: use VaultClientCustomizer for Vault-only settings.
			assertThat(seenByGlobal).contains("GET /v1/secret/data/myapp/db");
		});
	}

	private static ClientHttpRequestInterceptor recording(List<String> seen) {
		return (request, body, execution) -> {
			seen.add(request.getMethod().name() + " " + request.getURI().getRawPath());
			return execution.execute(request, body);
		};
	}

}
