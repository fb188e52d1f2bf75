package dev.vaultkv.propagation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultRedisPropagationAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Lettuce against the Redis server at 127.0.0.1:6379, as an ACL user of its own whose password lives in
 * Vault; skipped when that server is not reachable.
 */
@ExtendWith(OutputCaptureExtension.class)
@EmbeddedVault(resetBetweenTests = true)
class RedisSecretRotationIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(RedisSecretRotationIntegrationTests.class);

	/**
	 * Set to {@code true} (on CI) to fail instead of skipping when Redis is not there.
	 */
	private static final String REQUIRED_PROPERTY = "vaultkv.test.services.required";

	private static final String HOST = "127.0.0.1";

	private static final int PORT = 6379;

	// one user per run: builds running at once on the same machine share the server
	private static final String USER = "vaultkv-redis-rotation-" + ProcessHandle.current().pid();

	private static final String CONSUMER = "Redis (spring.data.redis)";

	private static final SecretLocation LOCATION = new SecretLocation("secret", "app/redis", 0);

	private static @Nullable String unavailable;

	private static RedisClient adminClient;

	private static StatefulRedisConnection<String, String> adminConnection;

	private final EmbeddedVaultServer server;

	private final String password = "pw-" + UUID.randomUUID();

	private final String key = "vaultkv:redis-rotation:" + UUID.randomUUID();

	private ConfigurableApplicationContext context;

	RedisSecretRotationIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@BeforeAll
	static void connectAsAdministrator() {
		RedisClient client = RedisClient.create(RedisURI.builder()
			.withHost(HOST)
			.withPort(PORT)
			.withTimeout(Duration.ofSeconds(2))
			.build());
		try {
			adminConnection = client.connect();
			adminConnection.sync().aclWhoami();
			adminClient = client;
		}
		catch (RuntimeException ex) {
			client.shutdown();
			unavailable("no Redis server administrable by its default user at " + HOST + ":" + PORT + " (" + ex
					+ ")");
		}
	}

	/**
	 * Records why the tests skip, or fails them when {@value #REQUIRED_PROPERTY} is set.
	 */
	private static void unavailable(String reason) {
		if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
			throw new IllegalStateException(reason + " (required by -D" + REQUIRED_PROPERTY + ")");
		}
		logger.warn("Skipping the Redis rotation tests: {}", reason);
		unavailable = reason;
	}

	@AfterAll
	static void deleteUser() {
		if (adminClient != null) {
			admin().aclDeluser(USER);
			adminConnection.close();
			adminClient.shutdown();
		}
	}

	@BeforeEach
	void createUser() {
		// skipped one by one, so that the reports count the tests skipped
		Assumptions.assumeTrue(unavailable == null, unavailable);
		setPassword(this.password);
	}

	@AfterEach
	void closeApplication() {
		if (this.context != null) {
			this.context.close();
		}
		if (adminClient != null) {
			admin().del(this.key);
		}
	}

	@Test
	void connectsWithThePasswordFromVaultAndReconnectsWithTheRotatedOne(CapturedOutput output) {
		this.server.putSecret("secret/app/redis", Map.of("username", USER, "password", this.password));
		start();
		StringRedisTemplate redis = this.context.getBean(StringRedisTemplate.class);
		redis.opsForValue().set(this.key, "one");
		assertThat(redis.opsForValue().get(this.key)).isEqualTo("one");
		assertThat(consumer().appliedVersions()).containsOnlyKeys(LOCATION);
		// the secrets the properties read are the cache's entries: a pair is checked to be one version
		assertThat(this.context.getBean(SecretStore.class).getIfCached(LOCATION)).isNotNull();
		SecretRotationWatcher watcher = this.context.getBean(SecretRotationWatcher.class);
		watcher.pollNow();

		String rotated = "pw-" + UUID.randomUUID();
		setPassword(rotated);
		assertRefused(this.password);
		// Redis keeps the established connection authenticated
		redis.opsForValue().set(this.key, "two");
		this.server.putSecret("secret/app/redis", Map.of("username", USER, "password", rotated));
		watcher.pollNow();
		await().untilAsserted(() -> assertThat(consumer().applications()).isEqualTo(1));
		assertThat(consumer().failing()).isFalse();

		Set<String> before = clientIds();
		assertThat(before).isNotEmpty();
		assertThat(admin().clientKill(KillArgs.Builder.user(USER))).isPositive();
		await().ignoreExceptions().untilAsserted(() -> assertThat(redis.opsForValue().get(this.key)).isEqualTo("two"));
		assertThat(clientIds()).isNotEmpty().doesNotContainAnyElementsOf(before);

		LettuceSecretCredentialsProvider credentials = this.context.getBean(LettuceSecretCredentialsProvider.class);
		assertThat(credentials.toString()).doesNotContain(rotated);
		assertThat(credentials.resolve().toString()).doesNotContain(rotated);
		assertThat(consumer().toString()).doesNotContain(rotated);
		assertThat(output).doesNotContain(this.password).doesNotContain(rotated);
	}

	@Test
	void aWrongPasswordInVaultMakesTheReconnectionFailUntilTheRightOneIsBack(CapturedOutput output) {
		this.server.putSecret("secret/app/redis", Map.of("username", USER, "password", this.password));
		start();
		StringRedisTemplate redis = this.context.getBean(StringRedisTemplate.class);
		redis.opsForValue().set(this.key, "one");
		SecretRotationWatcher watcher = this.context.getBean(SecretRotationWatcher.class);
		watcher.pollNow();

		String wrong = "wrong-" + UUID.randomUUID();
		this.server.putSecret("secret/app/redis", Map.of("username", USER, "password", wrong));
		watcher.pollNow();
		await().untilAsserted(() -> assertThat(consumer().applications()).isEqualTo(1));
		admin().aclLogReset();
		assertThat(admin().clientKill(KillArgs.Builder.user(USER))).isPositive();
		assertThatException().isThrownBy(() -> redis.opsForValue().get(this.key));
		await().untilAsserted(() -> assertThat(admin().aclLog())
			.anySatisfy((entry) -> assertThat(entry).containsEntry("reason", "auth").containsEntry("username", USER)));
		assertThat(clientIds()).isEmpty();

		this.server.putSecret("secret/app/redis", Map.of("username", USER, "password", this.password));
		watcher.pollNow();
		await().ignoreExceptions().untilAsserted(() -> assertThat(redis.opsForValue().get(this.key)).isEqualTo("one"));
		assertThat(clientIds()).isNotEmpty();
		assertThat(output).doesNotContain(this.password).doesNotContain(wrong);
	}

	@Test
	void aPasswordThatVanishesFromTheSecretFailsTheConsumer() {
		this.server.putSecret("secret/app/redis", Map.of("username", USER, "password", this.password));
		start();
		this.context.getBean(StringRedisTemplate.class).opsForValue().set(this.key, "one");
		SecretRotationWatcher watcher = this.context.getBean(SecretRotationWatcher.class);
		watcher.pollNow();
		this.server.putSecret("secret/app/redis", Map.of("username", USER));
		watcher.pollNow();
		await().untilAsserted(() -> assertThat(consumer().failing()).isTrue());
		assertThat(consumer().applications()).isZero();
		assertThat(consumer().lastFailure()).isNotNull();
	}

	private void start() {
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=10m",
					"vault.rotation.retry-interval=1h", "spring.data.redis.host=" + HOST,
					"spring.data.redis.port=" + PORT, "spring.data.redis.timeout=2s",
					"spring.data.redis.username=${vault:app/redis:username}",
					"spring.data.redis.password=${vault:app/redis:password}")
			.run();
	}

	private SecretConsumerStatus consumer() {
		List<SecretConsumerStatus> consumers = this.context.getBean(SecretPropagator.class).getConsumers();
		return consumers.stream()
			.filter((status) -> status.name().equals(CONSUMER))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No consumer '" + CONSUMER + "' among " + consumers));
	}

	private static void setPassword(String password) {
		admin().aclSetuser(USER,
				AclSetuserArgs.Builder.on().resetpass().addPassword(password).allKeys().allChannels().allCommands());
	}

	/**
	 * Asserts that Redis refuses the password, with {@code AUTH} on a connection of the default user: a
	 * refused handshake is now and then reported as a closed connection instead of {@code WRONGPASS}.
	 */
	private static void assertRefused(String password) {
		try (StatefulRedisConnection<String, String> connection = adminClient.connect()) {
			assertThatExceptionOfType(RedisCommandExecutionException.class)
				.isThrownBy(() -> connection.sync().auth(USER, password))
				.withMessageStartingWith("WRONGPASS");
		}
	}

	/**
	 * The ids of the connections authenticated as the test's user.
	 */
	private static Set<String> clientIds() {
		return Arrays.stream(admin().clientList().split("\n"))
			.filter((line) -> line.contains(" user=" + USER + " "))
			.map((line) -> line.substring(line.indexOf("id=") + 3, line.indexOf(' ')))
			.collect(Collectors.toSet());
	}

	private static RedisCommands<String, String> admin() {
		return adminConnection.sync();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class, VaultPropagationAutoConfiguration.class,
			VaultRedisPropagationAutoConfiguration.class, DataRedisAutoConfiguration.class })
	static class TestApplication {

		@Bean
		ClientResourcesBuilderCustomizer quickReconnection() {
			return (builder) -> builder.reconnectDelay(Delay.constant(Duration.ofMillis(100)));
		}

	}

}
