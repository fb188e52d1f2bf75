package dev.vaultkv.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Transport tests for {@link VaultHttpRequestFactory} behind {@link DefaultVaultClient}, against real
 * servers on the loopback interface.
 */
class VaultHttpRequestFactoryTests {

	private static final String OK = "{\"data\":{\"k\":\"v\"}}";

	private static final String TOKEN = "hvs.transport-token-value";

	private HttpServer server;

	private ExecutorService serverExecutor;

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Integer> remotePorts = new CopyOnWriteArrayList<>();

	private final List<ExchangeRecord> exchanges = new CopyOnWriteArrayList<>();

	private volatile HttpHandler handler = (exchange) -> respond(exchange, 200, OK);

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.serverExecutor = Executors.newCachedThreadPool();
		this.server.setExecutor(this.serverExecutor);
		this.server.createContext("/", (exchange) -> {
			this.remotePorts.add(exchange.getRemoteAddress().getPort());
			this.exchanges.add(new ExchangeRecord(exchange.getProtocol(), exchange.getRequestHeaders()));
			try (exchange) {
				this.handler.handle(exchange);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.release.countDown();
		this.server.stop(0);
		this.serverExecutor.shutdownNow();
	}

	private URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private DefaultVaultClient client(VaultHttpRequestFactory factory) {
		return DefaultVaultClient.builder(endpoint())
			.tokenProvider(TokenProvider.of(VaultToken.of(TOKEN)))
			.requestFactory(factory)
			.build();
	}

	private static VaultRequest get() {
		return VaultRequest.get("secret/data/app").build();
	}

	@Test
	void reusesConnectionsOverHttp11WithoutUpgrade() {
		DefaultVaultClient client = client(VaultHttpRequestFactory.builder().build());
		client.execute(get());
		client.execute(get());
		assertThat(this.remotePorts).hasSize(2).containsOnly(this.remotePorts.get(0));
		assertThat(this.exchanges).allSatisfy((record) -> {
			assertThat(record.protocol()).isEqualTo("HTTP/1.1");
			assertThat(record.headers()).doesNotContainKey("Upgrade").doesNotContainKey("Http2-settings");
			assertThat(record.headers().get("X-vault-token")).containsExactly(TOKEN);
			assertThat(record.headers().get("X-vault-request")).containsExactly("true");
		});
	}

	@Test
	void servesConcurrentRequests() throws Exception {
		DefaultVaultClient client = client(VaultHttpRequestFactory.builder().build());
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<java.util.concurrent.Future<VaultResponse>> results = new java.util.ArrayList<>();
			for (int i = 0; i < 64; i++) {
				results.add(callers.submit(() -> client.execute(get())));
			}
			for (java.util.concurrent.Future<VaultResponse> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS).requireData().get("k").stringValue()).isEqualTo("v");
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(this.exchanges).hasSize(64);
	}

	@Test
	void renewsConnectionsAfterIdleTimeout() {
		MutableClock clock = new MutableClock();
		VaultHttpRequestFactory factory = VaultHttpRequestFactory.builder()
			.idleTimeout(Duration.ofSeconds(30))
			.clock(clock)
			.build();
		DefaultVaultClient client = client(factory);
		client.execute(get());
		clock.advance(Duration.ofSeconds(29));
		client.execute(get());
		assertThat(this.remotePorts.get(1)).isEqualTo(this.remotePorts.get(0));
		clock.advance(Duration.ofSeconds(31));
		client.execute(get());
		assertThat(this.remotePorts.get(2)).isNotEqualTo(this.remotePorts.get(1));
	}

	@Test
	void opensFreshConnectionPerRequestWhenAsked() {
		VaultHttpRequestFactory factory = VaultHttpRequestFactory.builder().freshConnectionPerRequest(true).build();
		DefaultVaultClient client = client(factory);
		for (int i = 0; i < 3; i++) {
			client.execute(get());
		}
		assertThat(this.remotePorts).doesNotHaveDuplicates().hasSize(3);
	}

	@Test
	void connectionRefusedIsTransientAndNamesTheEndpoint() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		DefaultVaultClient client = DefaultVaultClient.builder(URI.create("http://127.0.0.1:" + port))
			.tokenProvider(TokenProvider.of(VaultToken.of(TOKEN)))
			.build();
		VaultConnectionException ex = catchThrowableOfType(VaultConnectionException.class,
				() -> client.execute(VaultRequest.get("secret/data/app").query("version", "s3cr3t").build()));
		assertThat(ex).isNotNull();
		assertThat(ex.isTransient()).isTrue();
		assertThat(ex.getStatus()).isZero();
		assertThat(ex.getMessage()).contains("127.0.0.1:" + port)
			.contains("GET secret/data/app")
			.doesNotContain(TOKEN)
			.doesNotContain("s3cr3t");
	}

	@Test
	void readTimeoutWhenVaultDoesNotAnswer() {
		this.handler = (exchange) -> {
			awaitRelease();
			respond(exchange, 200, OK);
		};
		DefaultVaultClient client = client(
				VaultHttpRequestFactory.builder().readTimeout(Duration.ofMillis(300)).build());
		assertThatExceptionOfType(VaultConnectionException.class).isThrownBy(() -> client.execute(get()))
			.withMessageContaining("did not answer in time")
			.withMessageContaining("127.0.0.1:")
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
	}

	@Test
	void interruptingTheCallerEndsItsRequest() throws Exception {
		CountDownLatch arrived = new CountDownLatch(1);
		this.handler = (exchange) -> {
			arrived.countDown();
			awaitRelease();
			respond(exchange, 200, OK);
		};
		DefaultVaultClient client = client(VaultHttpRequestFactory.builder().readTimeout(null).build());
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicBoolean stillInterrupted = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			try {
				client.execute(get());
			}
			catch (Throwable ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
		caller.interrupt();
		caller.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(caller.isAlive()).isFalse();
		assertThat(failure.get()).isInstanceOf(VaultConnectionException.class)
			.hasMessageContaining("Interrupted while talking to Vault");
		assertThat(stillInterrupted).isTrue();
	}

	@Test
	void readTimeoutCoversAnAnswerThatTrickles() {
		this.handler = (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, 0);
			OutputStream body = exchange.getResponseBody();
			body.write("{\"data\":".getBytes(StandardCharsets.UTF_8));
			body.flush();
			awaitRelease();
		};
		DefaultVaultClient client = client(
				VaultHttpRequestFactory.builder().readTimeout(Duration.ofMillis(300)).build());
		assertThatExceptionOfType(VaultConnectionException.class).isThrownBy(() -> client.execute(get()))
			.withMessageContaining("did not answer in time");
	}

	@Test
	void rejectsAnswerAboveTheLimitFromContentLength() {
		this.handler = (exchange) -> respond(exchange, 200, "{\"data\":{\"k\":\"" + "x".repeat(2048) + "\"}}");
		DefaultVaultClient client = client(
				VaultHttpRequestFactory.builder().maxResponseSize(DataSize.ofBytes(1024)).build());
		assertThatExceptionOfType(MalformedResponseException.class).isThrownBy(() -> client.execute(get()))
			.withMessageContaining("larger than the limit of 1024 bytes")
			.withMessageContaining("GET secret/data/app -> 200")
			.withMessageNotContaining("xxxx");
	}

	@Test
	void rejectsChunkedAnswerAboveTheLimit() {
		this.handler = (exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			OutputStream body = exchange.getResponseBody();
			for (int i = 0; i < 16; i++) {
				body.write("x".repeat(256).getBytes(StandardCharsets.UTF_8));
				body.flush();
			}
		};
		DefaultVaultClient client = client(
				VaultHttpRequestFactory.builder().maxResponseSize(DataSize.ofBytes(1024)).build());
		assertThatExceptionOfType(MalformedResponseException.class).isThrownBy(() -> client.execute(get()))
			.withMessageContaining("larger than the limit of 1024 bytes");
	}

	@Test
	void acceptsAnswerAtTheLimit() {
		String body = "{\"data\":{\"k\":\"" + "x".repeat(1000) + "\"}}";
		this.handler = (exchange) -> respond(exchange, 200, body);
		DefaultVaultClient client = client(
				VaultHttpRequestFactory.builder().maxResponseSize(DataSize.ofBytes(body.length())).build());
		assertThat(client.execute(get()).requireData().get("k").stringValue()).hasSize(1000);
	}

	@Test
	void clientLimitAppliesToOtherRequestFactories() {
		this.handler = (exchange) -> respond(exchange, 200, "{\"data\":{\"k\":\"" + "x".repeat(2048) + "\"}}");
		DefaultVaultClient client = DefaultVaultClient.builder(endpoint())
			.tokenProvider(TokenProvider.of(VaultToken.of(TOKEN)))
			.requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory())
			.maxResponseSize(DataSize.ofBytes(1024))
			.build();
		assertThatExceptionOfType(MalformedResponseException.class).isThrownBy(() -> client.execute(get()))
			.withMessageContaining("larger than the limit of 1024 bytes");
	}

	@Test
	void sendsBodyAndReadsErrorsOverTheWire() {
		this.handler = (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String json = new String(body, StandardCharsets.UTF_8);
			respond(exchange, json.contains("\"cas\":1") ? 400 : 200,
					"{\"errors\":[\"check-and-set parameter did not match the current version\"]}");
		};
		DefaultVaultClient client = client(VaultHttpRequestFactory.builder().build());
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> client.execute(VaultRequest.post("secret/data/app")
				.body(Map.of("data", Map.of("a", "b"), "options", Map.of("cas", 1)))
				.build()))
			.withMessageContaining("check-and-set parameter did not match");
	}

	@Test
	void resetOnReusedConnectionIsRetriedOnceForIdempotentRequests() throws Exception {
		try (OneRequestPerConnectionServer raw = new OneRequestPerConnectionServer()) {
			VaultHttpRequestFactory factory = VaultHttpRequestFactory.builder().build();
			DefaultVaultClient client = DefaultVaultClient.builder(raw.endpoint())
				.tokenProvider(TokenProvider.of(VaultToken.of(TOKEN)))
				.requestFactory(factory)
				.build();
			client.execute(get());
			VaultResponse second = client.execute(get());
			assertThat(second.requireData().get("k").stringValue()).isEqualTo("v");
			assertThat(raw.connections.get()).isEqualTo(2);
			VaultResponse deleted = client.execute(VaultRequest.delete("secret/metadata/app").build());
			assertThat(deleted.status()).isEqualTo(200);
			assertThat(raw.connections.get()).isEqualTo(3);
		}
	}

	@Test
	void sendsPatchWithItsBody() {
		this.handler = (exchange) -> {
			String json = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			boolean ok = exchange.getRequestMethod().equals("PATCH") && json.contains("\"a\":\"b\"")
					&& exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/merge-patch+json");
			respond(exchange, ok ? 200 : 400, ok ? OK : "{\"errors\":[\"unexpected request\"]}");
		};
		DefaultVaultClient client = client(VaultHttpRequestFactory.builder().build());
		VaultResponse response = client.execute(VaultRequest.patch("secret/data/app")
			.body(Map.of("data", Map.of("a", "b")))
			.build());
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void boundsConcurrentConnections() throws Exception {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		CountDownLatch twoArrived = new CountDownLatch(2);
		this.handler = (exchange) -> {
			maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			twoArrived.countDown();
			try {
				twoArrived.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			inFlight.decrementAndGet();
			respond(exchange, 200, OK);
		};
		DefaultVaultClient client = client(VaultHttpRequestFactory.builder().maxConnections(2).build());
		ExecutorService callers = Executors.newFixedThreadPool(6);
		try {
			List<java.util.concurrent.Future<VaultResponse>> results = new java.util.ArrayList<>();
			for (int i = 0; i < 12; i++) {
				results.add(callers.submit(() -> client.execute(get())));
			}
			for (java.util.concurrent.Future<VaultResponse> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(maxInFlight.get()).isEqualTo(2);
		assertThat(this.remotePorts).hasSize(12);
		assertThat(new java.util.HashSet<>(this.remotePorts)).hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void closedFactoryRejectsRequests() {
		VaultHttpRequestFactory factory = VaultHttpRequestFactory.builder().build();
		DefaultVaultClient client = client(factory);
		client.execute(get());
		factory.close();
		assertThatIllegalStateException().isThrownBy(() -> client.execute(get()))
			.withMessageContaining("VaultHttpRequestFactory is closed");
	}

	@Test
	void resetOnReusedConnectionIsNotRetriedForPost() throws Exception {
		try (OneRequestPerConnectionServer raw = new OneRequestPerConnectionServer()) {
			DefaultVaultClient client = DefaultVaultClient.builder(raw.endpoint())
				.tokenProvider(TokenProvider.of(VaultToken.of(TOKEN)))
				.build();
			client.execute(get());
			VaultConnectionException ex = catchThrowableOfType(VaultConnectionException.class,
					() -> client.execute(VaultRequest.post("secret/data/app").body(Map.of("data", Map.of())).build()));
			assertThat(ex).isNotNull();
			assertThat(ex.getMessage()).contains("Connection to Vault at 127.0.0.1:").contains("POST secret/data/app");
			assertThat(ex.isTransient()).isTrue();
			assertThat(raw.connections.get()).isEqualTo(1);
		}
	}

	private void awaitRelease() {
		try {
			this.release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private record ExchangeRecord(String protocol, Map<String, List<String>> headers) {
	}

	/**
	 * Serves one request per connection and resets the connection when a second request arrives on
	 * it, as a load balancer does with a connection it dropped while idle.
	 */
	private static final class OneRequestPerConnectionServer implements AutoCloseable {

		private final ServerSocket serverSocket;

		private final AtomicInteger connections = new AtomicInteger();

		private final Thread acceptor;

		OneRequestPerConnectionServer() throws IOException {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(this::accept, "reset-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		URI endpoint() {
			return URI.create("http://127.0.0.1:" + this.serverSocket.getLocalPort());
		}

		private void accept() {
			while (!this.serverSocket.isClosed()) {
				try {
					Socket socket = this.serverSocket.accept();
					this.connections.incrementAndGet();
					Thread worker = new Thread(() -> serve(socket), "reset-server-connection");
					worker.setDaemon(true);
					worker.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket socket) {
			try (socket) {
				InputStream in = socket.getInputStream();
				readRequest(in);
				byte[] body = OK.getBytes(StandardCharsets.UTF_8);
				OutputStream out = socket.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
						+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
				readRequest(in);
				socket.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				// The client went away.
			}
		}

		private static void readRequest(InputStream in) throws IOException {
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("closed");
				}
				head.append((char) b);
			}
			for (String line : head.toString().split("\r\n")) {
				if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
					in.readNBytes(Integer.parseInt(line.substring(15).trim()));
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.serverSocket.close();
		}

	}

}
