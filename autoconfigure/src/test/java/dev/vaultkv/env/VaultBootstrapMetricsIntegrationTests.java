package dev.vaultkv.env;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.metrics.VaultMetricsAutoConfiguration;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.metrics.VaultSessionMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login made for {@code spring.config.import=vault:...}, before the application context and its
 * meters exist, is counted once the meters are bound.
 */
class VaultBootstrapMetricsIntegrationTests {

	private static EmbeddedVaultServer server;

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

	@Test
	void loginForConfigDataIsCounted() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MeteredApplication.class)
			.web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.authentication=userpass",
					"vault.userpass.username=app", "vault.userpass.password=pa55word", "spring.main.banner-mode=off",
					"spring.config.import=vault:myapp/db?prefix=db.")
			.run()) {
			assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("s3cr3t");
			assertThat(server.requestLog().count("POST", "auth/userpass/login/app")).isOne();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(VaultSessionMetrics.LOGINS).tag("outcome", "success").counter().count())
				.isEqualTo(1);
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultMetricsAutoConfiguration.class })
	static class MeteredApplication {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
