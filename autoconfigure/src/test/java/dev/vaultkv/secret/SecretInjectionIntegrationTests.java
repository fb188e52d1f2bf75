package dev.vaultkv.secret;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class SecretInjectionIntegrationTests {

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void seed() {
		server.reset();
		server.putSecret("secret/myapp/db", Map.of("username", "app", "password", "s3cr3t", "port", 5432,
				"timeout", "5s", "enabled", true, "hosts", List.of("a", "b"), "pool", Map.of("min", 1, "max", 8)));
		server.putSecret("secret/myapp/api", Map.of("value", "api-key", "json", "{\"min\":2,\"max\":3}"));
		server.requestLog().clear();
	}

	private ConfigurableApplicationContext run(Class<?> bean) {
		return new SpringApplicationBuilder(TestApplication.class, bean).web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"spring.main.banner-mode=off")
			.run();
	}

	@Test
	void injectsEverySupportedType() {
		try (ConfigurableApplicationContext context = run(AllTypes.class)) {
			AllTypes bean = context.getBean(AllTypes.class);
			assertThat(bean.password).isEqualTo("s3cr3t");
			assertThat(bean.passwordChars).containsExactly('s', '3', 'c', 'r', '3', 't');
			assertThat(bean.passwordBytes).isEqualTo("s3cr3t".getBytes(StandardCharsets.UTF_8));
			assertThat(bean.port).isEqualTo(5432);
			assertThat(bean.portText).isEqualTo("5432");
			assertThat(bean.portLong).isEqualTo(5432L);
			assertThat(bean.enabled).isTrue();
			assertThat(bean.timeout).isEqualTo(Duration.ofSeconds(5));
			assertThat(bean.hosts).containsExactly("a", "b");
			assertThat(bean.pool).isEqualTo(new Pool(1, 8));
			assertThat(bean.poolMap).containsEntry("max", 8);
			assertThat(bean.jsonInString).isEqualTo(new Pool(2, 3));
			assertThat(bean.whole).isEqualTo(new Credentials("app", "s3cr3t"));
			assertThat(bean.wholeJson.get("username").stringValue()).isEqualTo("app");
			assertThat(bean.defaultKey).isEqualTo("api-key");
			assertThat(bean.absentSecret).isEmpty();
			assertThat(bean.absentKey).isEmpty();
			assertThat(bean.presentOptional).contains(5432);
			assertThat(bean.live.get()).isEqualTo("api-key");
			assertThat(bean.viaSetter).isEqualTo("app");
			assertRequests("GET", "secret/data/myapp/db", 1);
		}
	}

	@Test
	void liveHandleSeesRotatedValueAfterInvalidation() {
		try (ConfigurableApplicationContext context = run(AllTypes.class)) {
			AllTypes bean = context.getBean(AllTypes.class);
			assertThat(bean.live.get()).isEqualTo("api-key");
			server.putSecret("secret/myapp/api", Map.of("value", "rotated"));
			context.getBean(SecretStore.class).invalidateAll();
			assertThat(bean.live.get()).isEqualTo("rotated");
		}
	}

	@Test
	void conversionFailureNamesBeanFieldPathAndTypeButNotValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(BadType.class))
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("BadType")
				.hasMessageContaining("field 'port'")
				.hasMessageContaining("myapp/db:password")
				.hasMessageContaining("int")
				.hasStackTraceContaining("SecretConversionException"));
		assertThat(output).doesNotContain("s3cr3t");
	}

	@Test
	void finalFieldIsRejectedNamingIt() {
		assertThatException().isThrownBy(() -> run(FinalField.class))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("final field 'password'"));
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class TestApplication {

	}

	record Pool(int min, int max) {
	}

	record Credentials(String username, String password) {
	}

	static class AllTypes {

		@Secret("myapp/db:password")
		String password;

		@Secret("myapp/db:password")
		char[] passwordChars;

		@Secret("myapp/db:password")
		byte[] passwordBytes;

		@Secret("myapp/db:port")
		int port;

		@Secret("myapp/db:port")
		String portText;

		@Secret("myapp/db:port")
		Long portLong;

		@Secret("myapp/db:enabled")
		boolean enabled;

		@Secret("myapp/db:timeout")
		Duration timeout;

		@Secret("myapp/db:hosts")
		List<String> hosts;

		@Secret("myapp/db:pool")
		Pool pool;

		@Secret("myapp/db:pool")
		Map<String, Integer> poolMap;

		@Secret("myapp/api:json")
		Pool jsonInString;

		@Secret("myapp/db")
		Credentials whole;

		@Secret("myapp/db")
		JsonNode wholeJson;

		@Secret("myapp/api")
		String defaultKey;

		@Secret("myapp/absent:value")
		Optional<String> absentSecret;

		@Secret("myapp/db:absent")
		Optional<String> absentKey;

		@Secret("myapp/db:port")
		Optional<Integer> presentOptional;

		@Secret("myapp/api")
		SecretValue<String> live;

		String viaSetter;

		@Secret("myapp/db:username")
		void setViaSetter(String viaSetter) {
			this.viaSetter = viaSetter;
		}

	}

	static class FinalField {

		@Secret("myapp/db:password")
		final String password = "";

	}

	static class BadType {

		@Secret("myapp/db:password")
		int port;

	}

	private static void assertRequests(String method, String path, int expected) {
		await().atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(server.requestLog().count(method, path)).isEqualTo(expected));
	}

}
