package dev.vaultkv.benchmarks.peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The startup benchmark's peer: starts a minimal Spring Boot 4.0 application that imports 20 paths
 * ({@code secret/bench/p00} to {@code p19}, 10 keys each) through Spring Cloud Vault's
 * {@code spring.config.import=vault://...} with token authentication, and prints the time of each start.
 * <p>
 * Usage: {@code StartupPeer <vault address> <token> <warm-up starts> <measured starts>}. Prints one line
 * {@code START <index> <nanoseconds> <resolved>} per start ({@code resolved} counts the 200 properties that
 * resolved to the expected value) and {@code DONE} at the end.
 *
 * @since 0.1.0
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupPeer {

	static final int PATHS = 20;

	static final int KEYS = 10;

	/**
	 * The bean that holds the 200 secrets, as an application would.
	 * @param environment the environment
	 * @return the secrets
	 */
	@Bean
	Secrets secrets(Environment environment) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int p = 0; p < PATHS; p++) {
			for (int k = 0; k < KEYS; k++) {
				String name = String.format(Locale.ROOT, "app.s%02dk%d", p, k);
				values.put(name, environment.getRequiredProperty(name));
			}
		}
		return new Secrets(values);
	}

	/**
	 * Run the starts.
	 * @param args {@code <vault address> <token> <warm-up starts> <measured starts>}
	 */
	public static void main(String[] args) {
		if (args.length != 4) {
			throw new IllegalArgumentException(
					"Usage: StartupPeer <vault address> <token> <warm-up starts> <measured starts>");
		}
		String address = args[0];
		String token = args[1];
		int starts = Integer.parseInt(args[2]) + Integer.parseInt(args[3]);
		for (int i = 0; i < starts; i++) {
			long begin = System.nanoTime();
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StartupPeer.class)
				.web(WebApplicationType.NONE)
				.bannerMode(org.springframework.boot.Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(properties(address, token))
				.run()) {
				long elapsed = System.nanoTime() - begin;
				Secrets secrets = context.getBean(Secrets.class);
				System.out.println("START " + i + " " + elapsed + " " + secrets.resolved());
			}
		}
		System.out.println("DONE");
	}

	private static Map<String, Object> properties(String address, String token) {
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> imports = new ArrayList<>();
		for (int p = 0; p < PATHS; p++) {
			String path = String.format(Locale.ROOT, "p%02d", p);
			// The prefix keeps the ten keys of each path apart (every path has k0..k9).
			imports.add("vault://secret/bench/" + path + "?prefix=" + path + ".");
			for (int k = 0; k < KEYS; k++) {
				properties.put(String.format(Locale.ROOT, "app.s%02dk%d", p, k),
						"${" + path + ".k" + k + "}");
			}
		}
		properties.put("spring.config.import", String.join(",", imports));
		properties.put("spring.cloud.vault.uri", address);
		properties.put("spring.cloud.vault.token", token);
		properties.put("spring.cloud.vault.authentication", "TOKEN");
		properties.put("spring.cloud.vault.kv.enabled", "true");
		properties.put("spring.cloud.vault.kv.backend", "secret");
		properties.put("spring.cloud.vault.fail-fast", "true");
		return properties;
	}

	/**
	 * The secrets the application holds.
	 *
	 * @param values the values by property name
	 */
	record Secrets(Map<String, String> values) {

		int resolved() {
			int resolved = 0;
			for (Map.Entry<String, String> entry : this.values.entrySet()) {
				String name = entry.getKey();
				// app.sPPkK is expected to hold vPPkK, as seeded by the benchmark.
				if (entry.getValue().equals("v" + name.substring("app.s".length()))) {
					resolved++;
				}
			}
			return resolved;
		}

		@Override
		public String toString() {
			return "Secrets[" + this.values.size() + " values]";
		}

	}

}
