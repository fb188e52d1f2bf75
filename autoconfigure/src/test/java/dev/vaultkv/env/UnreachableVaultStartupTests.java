package dev.vaultkv.env;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.secret.Secret;
import dev.vaultkv.secret.SecretValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * With {@code vault.fail-fast=false}, an unreachable Vault costs startup one attempt, not a retry cycle per
 * secret; after startup, reads are retried as usual.
 */
class UnreachableVaultStartupTests {

	private ServerSocket server;

	private final AtomicInteger connections = new AtomicInteger();

	@BeforeEach
	void startRefusingServer() throws IOException {
		this.server = new ServerSocket(0);
		Thread acceptor = new Thread(() -> {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					this.connections.incrementAndGet();
				}
				catch (IOException ex) {
					// closed
				}
			}
		}, "refusing-vault");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterEach
	void stopServer() throws IOException {
		this.server.close();
	}

	@Test
	void startupMakesOneAttemptWhateverItReads() {
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "vault.uri=http://127.0.0.1:" + this.server.getLocalPort(),
					"vault.token=t", "vault.fail-fast=false", "vault.retry.max-attempts=4",
					"vault.retry.initial-interval=300ms", "vault.retry.max-interval=300ms",
					"spring.config.import=vault:myapp/db,vault:myapp/api", "unused.value=${vault:myapp/other:x}")
			.run()) {
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			// one attempt, and the transport may retry a connection closed without an answer once
			assertThat(this.connections.get()).isBetween(1, 2);
			assertThat(elapsed).isLessThan(Duration.ofSeconds(15));
			this.connections.set(0);
			Consumer consumer = context.getBean(Consumer.class);
			assertThatException().isThrownBy(consumer.password::get);
			assertThat(this.connections.get()).as("reads after startup are retried").isGreaterThanOrEqualTo(4);
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class TestApplication {

		@Bean
		Consumer consumer() {
			return new Consumer();
		}

	}

	static class Consumer {

		@Secret("myapp/db:password")
		SecretValue<String> password;

		@Secret("myapp/api:value")
		SecretValue<String> apiKey;

		@Secret("myapp/other:value")
		SecretValue<String> other;

		@Value("${username:none}")
		String username;

	}

}
