package dev.vaultkv.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.client.VaultHttpRequestFactory;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code vault.connect-timeout}, {@code vault.read-timeout} and {@code vault.connection.*} through the
 * starter: they reach the transport of the context's and the bootstrap's clients, and the timeouts fire.
 */
class VaultTimeoutIntegrationTests {

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class))
		.withPropertyValues("vault.token=" + server.getRootToken(), "vault.retry.enabled=false");

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
		server.putSecret("secret/myapp/slow", Map.of("password", "late"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@AfterEach
	void clearFaults() {
		server.faults().clear();
	}

	@Test
	void connectionPropertiesReachTheTransportOfTheContext() {
		this.contextRunner
			.withPropertyValues("vault.uri=" + server.getAddress(), "vault.connect-timeout=2s",
					"vault.read-timeout=3s", "vault.connection.idle-timeout=7s", "vault.connection.max-connections=3",
					"vault.connection.reuse=false")
			.run((context) -> assertTransport(context.getBean(VaultClientFactory.class)));
	}

	@Test
	void connectionPropertiesReachTheTransportOfPlaceholders() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"spring.main.banner-mode=off", "vault.connect-timeout=2s", "vault.read-timeout=3s",
					"vault.connection.idle-timeout=7s", "vault.connection.max-connections=3",
					"vault.connection.reuse=false", "app.password=${vault:myapp/db:password}")
			.run()) {
			assertThat(context.getEnvironment().getProperty("app.password")).isEqualTo("s3cr3t");
			assertTransport(context.getBean(VaultClientFactory.class));
		}
	}

	private static void assertTransport(VaultClientFactory factory) {
		VaultHttpRequestFactory transport = (VaultHttpRequestFactory) factory.getRequestFactory();
		assertThat(transport.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(transport.getReadTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(transport.getIdleTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(transport.getMaxConnections()).isEqualTo(3);
		assertThat(transport.isFreshConnectionPerRequest()).isTrue();
	}

	@Test
	void readTimeoutEndsARequestWhoseAnswerIsLate() {
		this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(), "vault.read-timeout=500ms")
			.run((context) -> {
				KvOperations kv = context.getBean(KvOperations.class);
				assertThat(kv.read("myapp/db")).isNotNull();
				server.faults().delayMatching("secret/data/myapp/slow", 1, Duration.ofSeconds(30));
				long start = System.nanoTime();
				assertThatExceptionOfType(VaultConnectionException.class).isThrownBy(() -> kv.read("myapp/slow"))
					.withCauseInstanceOf(HttpTimeoutException.class);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			});
	}

	@Test
	void connectTimeoutEndsAConnectionThatIsNotAccepted() throws IOException {
		// A listening socket whose accept queue is full: the kernel drops further connection attempts,
		// so connecting neither succeeds nor is refused.
		try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Socket> queued = fillAcceptQueue(full);
			try {
				long start = System.nanoTime();
				this.contextRunner
					.withPropertyValues("vault.uri=http://127.0.0.1:" + full.getLocalPort(),
							"vault.connect-timeout=300ms", "vault.read-timeout=60s")
					.run((context) -> {
						assertThat(context).hasFailed();
						assertThat(causes(context.getStartupFailure()))
							.anySatisfy((cause) -> assertThat(cause).isInstanceOf(HttpConnectTimeoutException.class));
					});
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
			}
			finally {
				for (Socket socket : queued) {
					socket.close();
				}
			}
		}
	}

	private static List<Socket> fillAcceptQueue(ServerSocket server) throws IOException {
		List<Socket> sockets = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
				sockets.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return sockets;
			}
		}
		throw new IllegalStateException("The accept queue did not fill up");
	}

	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable current = ex; current != null; current = current.getCause()) {
			causes.add(current);
		}
		return causes;
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class })
	static class TestApplication {

	}

}
