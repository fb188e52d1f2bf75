package dev.vaultkv.env;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts an application whose config data import fails while the embedded server runs; run in a forked
 * JVM by {@link VaultStartupFailureTests} to see that the JVM exits.
 */
final class FailedStartupMain {

	private FailedStartupMain() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "vault.embedded.enabled=true")
			.properties(args)
			.run();
	}

	@SpringBootConfiguration
	static class Application {

	}

}
