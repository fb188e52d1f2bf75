package dev.vaultkv.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.secret.Secret;
import dev.vaultkv.secret.SecretValue;
import dev.vaultkv.secret.VaultNotReadyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LazyStartIntegrationTests {

	private static final String TOKEN = "lazy-start-root-token";

	private ConfigurableApplicationContext run(String uri) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + uri, "vault.token=" + TOKEN, "vault.fail-fast=false",
					"vault.retry.enabled=false", "spring.main.banner-mode=off", "vault.rotation.enabled=true")
			.run();
	}

	@Test
	void startsWhileVaultIsDownAndWorksOnceItAnswers() {
		EmbeddedVaultServer probe = EmbeddedVaultServer.builder().rootToken(TOKEN).start();
		int port = probe.getPort();
		String uri = probe.getAddress().toString();
		probe.close();
		try (ConfigurableApplicationContext context = run(uri)) {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			Consumer consumer = context.getBean(Consumer.class);
			assertThatExceptionOfType(VaultNotReadyException.class).isThrownBy(() -> operations.read("app/db"))
				.withMessageContaining("not ready")
				.withMessageContaining("app/db");
			assertThatExceptionOfType(VaultNotReadyException.class).isThrownBy(consumer.password::get)
				.withMessageContaining("app/db");
			assertThatExceptionOfType(VaultNotReadyException.class)
				.isThrownBy(() -> operations.write("app/db", Map.of("k", "v")));
			context.getBean(SecretRotationWatcher.class).pollNow();
			try (EmbeddedVaultServer server = EmbeddedVaultServer.builder().port(port).rootToken(TOKEN).start()) {
				server.putSecret("secret/app/db", Map.of("password", "s3cr3t"));
				assertThat(operations.readString("app/db", "password")).isEqualTo("s3cr3t");
				assertThat(consumer.password.get()).isEqualTo("s3cr3t");
			}
		}
	}

	@Test
	void startsWhileVaultIsSealedAndWorksOnceUnsealed() {
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder().rootToken(TOKEN).start()) {
			server.putSecret("secret/app/db", Map.of("password", "s3cr3t"));
			server.seal();
			try (ConfigurableApplicationContext context = run(server.getAddress().toString())) {
				VaultKvOperations operations = context.getBean(VaultKvOperations.class);
				Consumer consumer = context.getBean(Consumer.class);
				assertThatExceptionOfType(VaultNotReadyException.class).isThrownBy(() -> operations.read("app/db"))
					.withMessageContaining("sealed");
				assertThatExceptionOfType(VaultNotReadyException.class).isThrownBy(consumer.password::get);
				assertThatExceptionOfType(VaultNotReadyException.class)
					.isThrownBy(() -> context.getBean(VaultScopes.class).application().put("k", "v"));
				server.unseal();
				assertThat(consumer.password.get()).isEqualTo("s3cr3t");
				assertThat(operations.readString("app/db", "password")).isEqualTo("s3cr3t");
				context.getBean(VaultScopes.class).application().put("k", "v");
				assertThat(context.getBean(VaultScopes.class).application().get("k")).isEqualTo("v");
			}
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

		@Bean
		Consumer consumer() {
			return new Consumer();
		}

	}

	static class Consumer {

		@Secret("app/db:password")
		SecretValue<String> password;

	}

}
