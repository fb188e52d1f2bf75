package dev.vaultkv.samples.quickstart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small Spring MVC application that takes its secrets from Vault through vaultkv: a database-style
 * credential through {@code ${vault:...}} placeholders, an API key through {@code @Secret}, and a value
 * that rotates through a live {@code SecretValue} handle.
 */
@SpringBootApplication
@EnableConfigurationProperties(DatabaseSettings.class)
public class QuickstartApplication {

	public static void main(String[] args) {
		SpringApplication.run(QuickstartApplication.class, args);
	}

}
