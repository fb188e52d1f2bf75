package dev.vaultkv.embedded.standin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP server of a stand-in: JDK {@link HttpServer} on 127.0.0.1 with a random port, one daemon thread,
 * and the handful of helpers the stand-ins need.
 *
 * @author vaultkv
 */
final class StandInHttp implements AutoCloseable {

	/**
	 * Handles one exchange.
	 */
	@FunctionalInterface
	interface Handler {

		Reply handle(HttpExchange exchange) throws IOException;

	}

	/**
	 * An answer: status, content type, body and any further headers.
	 *
	 * @param status the status
	 * @param contentType the content type
	 * @param body the body
	 * @param headers further response headers
	 */
	record Reply(int status, String contentType, String body, Map<String, String> headers) {

		Reply(int status, String contentType, String body) {
			this(status, contentType, body, Map.of());
		}

		static Reply json(int status, String body) {
			return new Reply(status, "application/json", body);
		}

		static Reply text(int status, String body) {
			return new Reply(status, "text/plain", body);
		}

		Reply withHeader(String name, String value) {
			Map<String, String> headers = new LinkedHashMap<>(this.headers);
			headers.put(name, value);
			return new Reply(this.status, this.contentType, this.body, headers);
		}

	}

	private final HttpServer server;

	private final ExecutorService executor;

	StandInHttp(String name, Handler handler) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the " + name + " stand-in", ex);
		}
		this.executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, name.toLowerCase(Locale.ROOT).replace(' ', '-') + "-stand-in");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				Reply reply;
				try {
					reply = handler.handle(exchange);
				}
				catch (RuntimeException ex) {
					reply = Reply.text(500, "stand-in failure: " + ex.getClass().getSimpleName());
				}
				byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", reply.contentType());
				reply.headers().forEach(exchange.getResponseHeaders()::set);
				exchange.sendResponseHeaders(reply.status(), (body.length == 0) ? -1 : body.length);
				if (body.length > 0) {
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
				}
			}
		});
		this.server.start();
	}

	URI address() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	static Map<String, String> query(HttpExchange exchange) {
		Map<String, String> values = new LinkedHashMap<>();
		String query = exchange.getRequestURI().getRawQuery();
		if (query == null || query.isEmpty()) {
			return values;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return values;
	}

	static String decodedPath(HttpExchange exchange) {
		return exchange.getRequestURI().getPath();
	}

	static @Nullable String header(HttpExchange exchange, String name) {
		return exchange.getRequestHeaders().getFirst(name);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
