package dev.vaultkv.autoconfigure.diagnostics;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A secret first read by {@code spring.config.import=vault:...} fails startup with the same analysis as one
 * read later, and without a stack trace per retry.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigDataFailureAnalysisTests {

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", java.util.Map.of("username", "app"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void wrongTokenWithImportIsAnalyzed(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application("vault.uri=" + server.getAddress(),
				"vault.token=wrong-token", "spring.config.import=vault:myapp/db").run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Vault refused the token login")
			.contains("Check vault.token (or the VAULT_TOKEN")
			.doesNotContain("Suppressed:")
			.doesNotContain("wrong-token");
		assertThat(output.toString().lines()).hasSizeLessThan(40);
	}

	@Test
	void closedPortWithImportIsAnalyzedWithOneLineForTheRetries(CapturedOutput output) throws IOException {
		int port = freePort();
		assertThatException().isThrownBy(() -> application("vault.uri=http://127.0.0.1:" + port, "vault.token=t",
				"vault.retry.max-attempts=3", "vault.retry.initial-interval=10ms",
				"spring.config.import=vault:myapp/db")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Could not reach Vault at the configured address: Could not connect to Vault at 127.0.0.1:" + port)
			.contains("Check that Vault is running")
			.contains("after 3 attempts in ")
			.doesNotContain("Suppressed:");
		assertThat(output.toString().lines()).hasSizeLessThan(40);
	}

	private static SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(properties);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class TestApplication {

	}

}
