package dev.vaultkv.env;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A failed startup stops what vaultkv started, also when it fails before the application context exists.
 */
class VaultStartupFailureTests {

	@Test
	void jvmExitsWhenAConfigDataImportFailsWithTheEmbeddedServer(@TempDir Path temp) throws Exception {
		Path output = temp.resolve("output.txt");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), FailedStartupMain.class.getName(),
				"--spring.config.import=vault:does/not/exist")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("process ended within 20 s").isTrue();
			assertThat(process.exitValue()).isNotZero();
			assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("vault:does/not/exist");
		}
		finally {
			process.destroyForcibly();
		}
	}

	@Test
	void bootstrapIsClosedWhenAConfigDataImportFails() throws IOException {
		int port = freePort();
		AtomicReference<ConfigurableBootstrapContext> bootstrapContext = new AtomicReference<>();
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.addBootstrapRegistryInitializer((registry) -> bootstrapContext.set((ConfigurableBootstrapContext) registry))
			.properties("spring.main.banner-mode=off", "vault.embedded.enabled=true", "vault.embedded.port=" + port,
					"spring.config.import=vault:does/not/exist")
			.run());
		VaultBootstrap bootstrap = bootstrapContext.get().get(VaultBootstrap.class);
		assertThat(bootstrap.isClosed()).isTrue();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			}
		});
	}

	@Test
	void bootstrapIsClosedWhenTheLoginMethodIsIncomplete() {
		AtomicReference<ConfigurableBootstrapContext> bootstrapContext = new AtomicReference<>();
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.addBootstrapRegistryInitializer((registry) -> bootstrapContext.set((ConfigurableBootstrapContext) registry))
			.properties("spring.main.banner-mode=off", "vault.embedded.enabled=true", "vault.authentication=approle",
					"spring.config.import=vault:myapp/db")
			.run());
		assertThat(bootstrapContext.get().get(VaultBootstrap.class).isClosed()).isTrue();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration
	static class Application {

	}

}
