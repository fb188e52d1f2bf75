package dev.vaultkv.firstapp;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first application starts against the embedded server and reads its secrets.
 */
class OrdersApplicationTests {

	@Test
	void startsAndReadsItsSecrets() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OrdersApplication.class)
			.web(WebApplicationType.NONE)
			// the README's file, on a free port for the test
			.properties("spring.config.name=first-app", "vault.embedded.port=0", "spring.main.banner-mode=off")
			.run()) {
			OrdersDatabase database = context.getBean(OrdersDatabase.class);
			assertThat(database.username()).isEqualTo("orders");
			assertThat(database.passwordLength()).isEqualTo("dev-only-password".length());
			assertThat(database.describe()).startsWith("orders/db version 1 has keys [")
				.contains("password", "username", "pool-size")
				.endsWith("], pool size 10");
			assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello from Vault");
			assertThat(context.getBean(EmbeddedVaultServer.class).getPort()).isPositive();
		}
	}

}
