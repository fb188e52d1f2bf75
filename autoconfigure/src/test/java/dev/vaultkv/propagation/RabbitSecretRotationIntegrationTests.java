package dev.vaultkv.propagation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.ConnectionFactory;
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

import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultRabbitPropagationAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.secret.SecretLocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A {@link CachingConnectionFactory} against the RabbitMQ broker at 127.0.0.1:5672, as a user of its own
 * whose password lives in Vault, administered with {@code rabbitmqctl} (about a second a call, so the
 * user is created once); skipped when that broker is not reachable or cannot be administered.
 */
@ExtendWith(OutputCaptureExtension.class)
@EmbeddedVault(resetBetweenTests = true)
class RabbitSecretRotationIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(RabbitSecretRotationIntegrationTests.class);

	/**
	 * Set to {@code true} (on CI) to fail instead of skipping when RabbitMQ is not there.
	 */
	private static final String REQUIRED_PROPERTY = "vaultkv.test.services.required";

	private static final String HOST = "127.0.0.1";

	private static final int PORT = 5672;

	private static final Path RABBITMQCTL = Path.of("/usr/sbin/rabbitmqctl");

	// one user per run: builds running at once on the same machine share the server
	private static final String USER = "vaultkv-rabbit-rotation-" + ProcessHandle.current().pid();

	private static final String CONSUMER = "RabbitMQ (rabbitConnectionFactory)";

	private static final SecretLocation LOCATION = new SecretLocation("secret", "app/rabbit", 0);

	/**
	 * The user's password in the broker, as the tests leave it.
	 */
	private static String password = "pw-" + UUID.randomUUID();

	private static boolean userCreated;

	private static @Nullable String unavailable;

	private final EmbeddedVaultServer server;

	private ConfigurableApplicationContext context;

	RabbitSecretRotationIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@BeforeAll
	static void createUser() {
		String reason = unavailableBecause();
		if (reason != null) {
			unavailable(reason);
			return;
		}
		String added;
		try {
			added = rabbitmqctl("add_user", USER, password);
		}
		catch (IllegalStateException ex) {
			unavailable("RabbitMQ users cannot be managed with " + RABBITMQCTL + " (" + ex.getMessage() + ")");
			return;
		}
		if (added.contains("already exists")) {
			// left over by an interrupted run
			rabbitmqctl("change_password", USER, password);
		}
		userCreated = true;
		rabbitmqctl("set_permissions", "-p", "/", USER, ".*", ".*", ".*");
	}

	@AfterAll
	static void deleteUser() {
		if (userCreated) {
			rabbitmqctl("delete_user", USER);
		}
	}

	@BeforeEach
	void assumeAvailable() {
		// skipped one by one, so that the reports count the tests skipped
		Assumptions.assumeTrue(unavailable == null, unavailable);
	}

	@AfterEach
	void closeApplication() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void connectsWithThePasswordFromVaultAndReconnectsWithTheRotatedOneWithoutAFailedPublish(CapturedOutput output)
			throws Exception {
		String initial = password;
		this.server.putSecret("secret/app/rabbit", Map.of("username", USER, "password", initial));
		start();
		RabbitTemplate rabbit = this.context.getBean(RabbitTemplate.class);
		CachingConnectionFactory connectionFactory = this.context.getBean(CachingConnectionFactory.class);
		AtomicInteger connections = new AtomicInteger();
		connectionFactory.addConnectionListener(new ConnectionListener() {

			@Override
			public void onCreate(Connection connection) {
				connections.incrementAndGet();
			}

		});
		assertRoundTrip(rabbit);
		assertThat(consumer().appliedVersions()).containsOnlyKeys(LOCATION);
		SecretRotationWatcher watcher = this.context.getBean(SecretRotationWatcher.class);
		watcher.pollNow();

		try (Publisher publisher = new Publisher(rabbit)) {
			String rotated = "pw-" + UUID.randomUUID();
			rabbitmqctl("change_password", USER, rotated);
			password = rotated;
			assertRefused(initial);
			// the broker keeps the established connection open
			assertRoundTrip(rabbit);
			int connectionsBefore = connections.get();
			this.server.putSecret("secret/app/rabbit", Map.of("username", USER, "password", rotated));
			watcher.pollNow();
			await().untilAsserted(() -> assertThat(consumer().applications()).isEqualTo(1));
			assertThat(consumer().failing()).isFalse();
			int published = publisher.published.get();
			await().untilAsserted(() -> assertThat(publisher.published.get()).isGreaterThan(published + 10));
			assertRoundTrip(rabbit);
			assertThat(connections.get()).isGreaterThan(connectionsBefore);
			publisher.close();
			assertThat(publisher.failures).isEmpty();
			assertThat(consumer().toString()).doesNotContain(rotated);
			assertThat(output).doesNotContain(initial).doesNotContain(rotated);
		}
	}

	@Test
	void credentialsTheBrokerRefusesFailTheConsumerAndTheFactoryKeepsItsOwn(CapturedOutput output) {
		this.server.putSecret("secret/app/rabbit", Map.of("username", USER, "password", password));
		start();
		RabbitTemplate rabbit = this.context.getBean(RabbitTemplate.class);
		assertRoundTrip(rabbit);
		SecretRotationWatcher watcher = this.context.getBean(SecretRotationWatcher.class);
		watcher.pollNow();

		String wrong = "wrong-" + UUID.randomUUID();
		this.server.putSecret("secret/app/rabbit", Map.of("username", USER, "password", wrong));
		watcher.pollNow();
		await().untilAsserted(() -> assertThat(consumer().failing()).isTrue());
		assertThat(consumer().applications()).isZero();
		assertThat(consumer().lastFailure()).isEqualTo(AmqpAuthenticationException.class.getName());
		assertRefused(wrong);
		assertRoundTrip(rabbit);
		// a new connection still takes the credentials the broker accepts
		this.context.getBean(CachingConnectionFactory.class).resetConnection();
		assertRoundTrip(rabbit);
		assertThat(output).doesNotContain(password).doesNotContain(wrong);
	}

	private void start() {
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=10m",
					"vault.rotation.retry-interval=1h", "spring.rabbitmq.host=" + HOST,
					"spring.rabbitmq.port=" + PORT, "spring.rabbitmq.username=${vault:app/rabbit:username}",
					"spring.rabbitmq.password=${vault:app/rabbit:password}")
			.run();
	}

	private SecretConsumerStatus consumer() {
		List<SecretConsumerStatus> consumers = this.context.getBean(SecretPropagator.class).getConsumers();
		return consumers.stream()
			.filter((status) -> status.name().equals(CONSUMER))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No consumer '" + CONSUMER + "' among " + consumers));
	}

	/**
	 * Sends to a new temporary queue and receives the message back.
	 */
	private static void assertRoundTrip(RabbitTemplate rabbit) {
		String queue = rabbit.execute((channel) -> channel.queueDeclare().getQueue());
		String payload = UUID.randomUUID().toString();
		rabbit.convertAndSend("", queue, payload);
		assertThat(rabbit.receiveAndConvert(queue, 5000)).isEqualTo(payload);
	}

	private static void assertRefused(String password) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(HOST);
		factory.setPort(PORT);
		factory.setUsername(USER);
		factory.setPassword(password);
		factory.setAutomaticRecoveryEnabled(false);
		assertThatException().isThrownBy(() -> factory.newConnection().close())
			.isInstanceOf(com.rabbitmq.client.PossibleAuthenticationFailureException.class);
	}

	/**
	 * Records why the tests skip, or fails them when {@value #REQUIRED_PROPERTY} is set.
	 */
	private static void unavailable(String reason) {
		if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
			throw new IllegalStateException(reason + " (required by -D" + REQUIRED_PROPERTY + ")");
		}
		logger.warn("Skipping the RabbitMQ rotation tests: {}", reason);
		unavailable = reason;
	}

	private static @Nullable String unavailableBecause() {
		if (!Files.isExecutable(RABBITMQCTL)) {
			return RABBITMQCTL + " is not installed";
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 1000);
			return null;
		}
		catch (IOException ex) {
			return "no RabbitMQ broker at " + HOST + ":" + PORT + " (" + ex + ")";
		}
	}

	/**
	 * Runs {@code rabbitmqctl} and returns its output; fails when it fails, unless the user already exists.
	 * Its wrapper script passes the arguments through a shell again: the passwords here are letters,
	 * digits and dashes.
	 */
	private static String rabbitmqctl(String... arguments) {
		List<String> command = new ArrayList<>(List.of(RABBITMQCTL.toString(), "-q"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("rabbitmqctl " + arguments[0] + " did not finish within 60 s");
			}
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.exitValue() != 0 && !out.contains("already exists")) {
				throw new IllegalStateException("rabbitmqctl " + arguments[0] + " failed: " + out);
			}
			return out;
		}
		catch (IOException ex) {
			throw new IllegalStateException("rabbitmqctl " + arguments[0] + " could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running rabbitmqctl " + arguments[0], ex);
		}
	}

	/**
	 * Publishes on a thread of its own until closed, counting messages sent and failures.
	 */
	static final class Publisher implements AutoCloseable {

		final AtomicInteger published = new AtomicInteger();

		final List<Exception> failures = new CopyOnWriteArrayList<>();

		private final Thread thread;

		private volatile boolean running = true;

		Publisher(RabbitTemplate rabbit) {
			this.thread = new Thread(() -> {
				while (this.running) {
					try {
						rabbit.convertAndSend("", "vaultkv-rabbit-rotation-nowhere", "message");
						this.published.incrementAndGet();
					}
					catch (Exception ex) {
						this.failures.add(ex);
					}
					// a publish every millisecond or so straddles the reset without hogging a shared machine
					LockSupport.parkNanos(1_000_000);
				}
			}, "rotation-publisher");
			this.thread.start();
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join(10_000);
		}

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class, VaultPropagationAutoConfiguration.class,
			VaultRabbitPropagationAutoConfiguration.class, RabbitAutoConfiguration.class })
	static class TestApplication {

	}

}
