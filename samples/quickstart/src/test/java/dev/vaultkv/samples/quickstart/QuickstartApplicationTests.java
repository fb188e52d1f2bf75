package dev.vaultkv.samples.quickstart;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the quickstart as {@code spring-boot:run} does (embedded dev server, seeded demo secrets) and
 * calls it over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class QuickstartApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private DatabaseSettings database;

	@Test
	void secretsArriveThroughPlaceholdersAndSecretFields() {
		assertThat(this.database.username()).isEqualTo("quickstart");
		assertThat(this.database.password()).isEqualTo("demo-db-password-1");
		String body = client().get().uri("/").retrieve().body(String.class);
		assertThat(body).contains("\"username\":\"quickstart\"")
			.contains("\"length\":18")
			.contains("\"length\":23")
			.doesNotContain("demo-db-password-1")
			.doesNotContain("demo-api-key-0123456789");
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthIsUp() {
		Map<String, Object> health = client().get().uri("/actuator/health").retrieve().body(Map.class);
		assertThat(health).containsEntry("status", "UP");
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

}
