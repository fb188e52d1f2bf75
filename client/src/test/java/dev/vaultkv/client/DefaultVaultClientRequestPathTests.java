package dev.vaultkv.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.util.unit.DataSize;

import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DefaultVaultClient} sends a request either straight to its request factory (no
 * {@code RestClient.Builder}, no customizer) or through its {@code RestClient}; both must send the same
 * bytes and read answers alike.
 */
class DefaultVaultClientRequestPathTests {

	private static EmbeddedVaultServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.builder().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void bothPathsSendTheSameBytes() throws Exception {
		try (CapturingServer capture = new CapturingServer()) {
			for (RequestPath path : RequestPath.values()) {
				DefaultVaultClient client = path.configure(DefaultVaultClient.builder(capture.address())
					.namespace("team")
					.tokenProvider(TokenProvider.of(VaultToken.of("s.token-value")))).build();
				client.execute(VaultRequest.get("secret/data/app").build());
				client.execute(VaultRequest.post("secret/data/app")
					.body(Map.of("data", Map.of("k", "v")))
					.wrapTtl(Duration.ofSeconds(90))
					.build());
				client.execute(VaultRequest.patch("secret/data/app").body(Map.of("data", Map.of("k", "w"))).build());
			}
			List<String> requests = capture.requests();
			assertThat(requests).hasSize(6);
			assertThat(requests.subList(3, 6)).isEqualTo(requests.subList(0, 3));
			assertThat(requests.get(0)).startsWith("GET /v1/secret/data/app HTTP/1.1\r\n")
				.contains("X-Vault-Token: s.token-value\r\n", "X-Vault-Namespace: team\r\n",
						"X-Vault-Request: true\r\n", "Accept: application/json\r\n");
			assertThat(requests.get(1)).startsWith("POST /v1/secret/data/app HTTP/1.1\r\n")
				.contains("X-Vault-Wrap-TTL: 90\r\n", "Content-Type: application/json\r\n", "Content-Length: 18\r\n")
				.endsWith("\r\n\r\n{\"data\":{\"k\":\"v\"}}");
			assertThat(requests.get(2)).startsWith("PATCH /v1/secret/data/app HTTP/1.1\r\n")
				.contains("Content-Type: application/merge-patch+json\r\n");
		}
	}

	@ParameterizedTest
	@EnumSource
	void writesPatchesReadsAndDeletes(RequestPath path) {
		DefaultVaultClient client = path.configure(rootClient(server.getAddress())).build();
		String secret = "secret/data/paths/" + path.name().toLowerCase();
		client.execute(VaultRequest.post(secret).body(Map.of("data", Map.of("a", "1", "b", "2"))).build());
		client.execute(VaultRequest.patch(secret).body(Map.of("data", Map.of("b", "3"))).build());
		VaultResponse read = client.execute(VaultRequest.get(secret).build());
		assertThat(read.requireData().get("data").get("a").asString()).isEqualTo("1");
		assertThat(read.requireData().get("data").get("b").asString()).isEqualTo("3");
		assertThat(read.requireData().get("metadata").get("version").asInt()).isEqualTo(2);
		assertThat(client.execute(VaultRequest.delete("secret/metadata/paths/" + path.name().toLowerCase()).build())
			.status()).isEqualTo(204);
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get(secret).build()));
	}

	@ParameterizedTest
	@EnumSource
	void refusedConnectionNamesTheAddressAndTheRequest(RequestPath path) {
		URI closed;
		try (EmbeddedVaultServer gone = EmbeddedVaultServer.builder().start()) {
			closed = gone.getAddress();
		}
		DefaultVaultClient client = path.configure(rootClient(closed)).build();
		assertThatExceptionOfType(VaultConnectionException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("secret/data/app").build()))
			.withMessageStartingWith("Could not connect to Vault at 127.0.0.1:" + closed.getPort())
			.withMessageContaining("GET secret/data/app")
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
	}

	@ParameterizedTest
	@EnumSource
	void answerAboveTheSizeLimitIsRefusedAlike(RequestPath path) {
		DefaultVaultClient writer = rootClient(server.getAddress()).build();
		writer.execute(VaultRequest.post("secret/data/paths/large")
			.body(Map.of("data", Map.of("blob", "x".repeat(32 * 1024))))
			.build());
		DefaultVaultClient limited = path.configure(rootClient(server.getAddress()))
			.maxResponseSize(DataSize.ofKilobytes(8))
			.build();
		assertThatExceptionOfType(MalformedResponseException.class)
			.isThrownBy(() -> limited.execute(VaultRequest.get("secret/data/paths/large").build()))
			.withMessageContaining("larger than the limit of 8192 bytes")
			.withMessageNotContaining("xxxx");
	}

	private static DefaultVaultClient.Builder rootClient(URI address) {
		return DefaultVaultClient.builder(address)
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.readTimeout(Duration.ofSeconds(5));
	}

	enum RequestPath {

		/**
		 * Nothing to intercept or observe: straight to the request factory.
		 */
		DIRECT {

			@Override
			DefaultVaultClient.Builder configure(DefaultVaultClient.Builder builder) {
				return builder;
			}

		},

		/**
		 * A customizer (even one that changes nothing) sends requests through the {@code RestClient}.
		 */
		REST_CLIENT {

			@Override
			DefaultVaultClient.Builder configure(DefaultVaultClient.Builder builder) {
				return builder.customizer((restClient) -> {
				});
			}

		};

		abstract DefaultVaultClient.Builder configure(DefaultVaultClient.Builder builder);

	}

	/**
	 * Records each request's bytes (head and a {@code Content-Length} body) and answers {@code 204}.
	 */
	private static final class CapturingServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<String> requests = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		CapturingServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(this::serve, "capturing-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		URI address() {
			return URI.create("http://127.0.0.1:" + this.socket.getLocalPort());
		}

		List<String> requests() {
			return this.requests;
		}

		private void serve() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					Thread reader = new Thread(() -> answer(connection), "capturing-connection");
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException ex) {
					// closed
				}
			}
		}

		private void answer(Socket connection) {
			try (connection) {
				InputStream in = connection.getInputStream();
				OutputStream out = connection.getOutputStream();
				String request;
				while ((request = readRequest(in)) != null) {
					this.requests.add(request);
					out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
			}
			catch (IOException ex) {
				// the client closed the connection
			}
		}

		private static String readRequest(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1) {
				head.write(b);
				byte[] bytes = head.toByteArray();
				int n = bytes.length;
				if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
					String text = head.toString(StandardCharsets.US_ASCII);
					int length = contentLength(text);
					return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
				}
			}
			return null;
		}

		private static int contentLength(String head) {
			for (String line : head.split("\r\n")) {
				if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					return Integer.parseInt(line.substring(15).trim());
				}
			}
			return 0;
		}

		@Override
		public void close() throws Exception {
			this.socket.close();
			this.acceptor.join(TimeUnit.SECONDS.toMillis(5));
		}

	}

}
