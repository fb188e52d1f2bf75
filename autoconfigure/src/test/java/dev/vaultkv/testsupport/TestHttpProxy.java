package dev.vaultkv.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal forwarding HTTP proxy on 127.0.0.1 for plain {@code http} targets (requests in absolute
 * form), optionally asking for Basic credentials with {@code 407}; it records what it forwarded.
 */
public final class TestHttpProxy implements AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host",
			"keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
			"date", "from", "via", "warning");

	private final HttpServer server;

	private final HttpClient client = HttpClient.newBuilder()
		.proxy(ProxySelector.of(null))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String expectedAuthorization;

	private final List<String> forwarded = new CopyOnWriteArrayList<>();

	private final AtomicInteger challenges = new AtomicInteger();

	private final Map<String, String> aliases = new ConcurrentHashMap<>();

	private TestHttpProxy(String username, String password) throws IOException {
		this.expectedAuthorization = (username != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)) : null;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Start a proxy that forwards every request.
	 * @return the running proxy
	 */
	public static TestHttpProxy start() {
		return start(null, null);
	}

	/**
	 * Start a proxy that forwards requests with these Basic credentials and answers others with 407.
	 * @param username the user name, or {@code null} for none
	 * @param password the password
	 * @return the running proxy
	 */
	public static TestHttpProxy start(String username, String password) {
		try {
			return new TestHttpProxy(username, password);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Forward requests for a host name to another host, such as a name that only this proxy resolves
	 * (the JDK's default proxy selector never proxies loopback addresses).
	 * @param host the host name of requests
	 * @param address the host to forward them to
	 * @return this proxy
	 */
	public TestHttpProxy alias(String host, String address) {
		this.aliases.put(host, address);
		return this;
	}

	public int getPort() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return the request lines ({@code METHOD path}) forwarded to their target.
	 * @return the forwarded requests
	 */
	public List<String> forwarded() {
		return List.copyOf(this.forwarded);
	}

	/**
	 * Return how many requests were answered with 407.
	 * @return the number of challenges
	 */
	public int challenges() {
		return this.challenges.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			if (this.expectedAuthorization != null && !this.expectedAuthorization
				.equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
				this.challenges.incrementAndGet();
				exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"test-proxy\"");
				exchange.sendResponseHeaders(407, -1);
				return;
			}
			URI target = exchange.getRequestURI();
			if (target.getHost() == null) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			String address = this.aliases.getOrDefault(target.getHost(), target.getHost());
			URI forwardTo = URI.create(target.getScheme() + "://" + address + ":" + target.getPort() + target.getRawPath()
					+ ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : ""));
			HttpRequest.Builder request = HttpRequest.newBuilder(forwardTo)
				.method(exchange.getRequestMethod(), (body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.noBody());
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			this.forwarded.add(exchange.getRequestMethod() + " " + target.getRawPath());
			response.headers().map().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			byte[] answer = response.body();
			exchange.sendResponseHeaders(response.statusCode(), (answer.length > 0) ? answer.length : -1);
			if (answer.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
