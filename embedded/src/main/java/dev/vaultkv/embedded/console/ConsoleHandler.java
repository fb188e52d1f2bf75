package dev.vaultkv.embedded.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.EmbeddedVaultServer;

/**
 * Serves the console under {@code /ui/}: its static files, shipped as resources, and the dev-only
 * {@link ConsoleApi} under {@code /ui/api/}. Answers only requests whose {@code Host} is a loopback name
 * (so a page from another site cannot reach it through DNS rebinding) and forbids framing. Its requests are
 * not faulted and not recorded in the request log.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class ConsoleHandler implements HttpHandler {

	/**
	 * The path the console is served at.
	 * @since 0.1.0
	 */
	public static final String PATH = "/ui/";

	/**
	 * The context to register the handler at: {@value}, so that {@code /ui} is redirected to {@code /ui/}.
	 * @since 0.1.0
	 */
	public static final String CONTEXT = "/ui";

	private static final System.Logger logger = System.getLogger(ConsoleHandler.class.getName());

	private static final String RESOURCES = "/dev/vaultkv/embedded/console/";

	private static final Map<String, String> FILES = Map.of("", "index.html", "index.html", "index.html",
			"console.css", "console.css", "console.js", "console.js");

	private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css",
			"text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");

	private static final Pattern LOOPBACK_HOST = Pattern
		.compile("(?i)(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d{1,5})?");

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	private final ConsoleApi api;

	/**
	 * Create a handler for a server.
	 * @param server the server whose console this is
	 * @since 0.1.0
	 */
	public ConsoleHandler(EmbeddedVaultServer server) {
		this.api = new ConsoleApi(server);
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			drain(exchange);
			Headers headers = exchange.getResponseHeaders();
			headers.set("Cache-Control", "no-store");
			headers.set("X-Content-Type-Options", "nosniff");
			headers.set("X-Frame-Options", "DENY");
			headers.set("Referrer-Policy", "no-referrer");
			headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
			String path = exchange.getRequestURI().getPath();
			String host = exchange.getRequestHeaders().getFirst("Host");
			if (host == null || !LOOPBACK_HOST.matcher(host.trim()).matches()) {
				ConsoleApi.send(exchange, ConsoleResponse.error(403,
						"the console answers only requests addressed to 127.0.0.1, localhost or [::1]"));
				return;
			}
			if (path.equals(CONTEXT)) {
				headers.set("Location", PATH);
				exchange.sendResponseHeaders(302, -1);
				return;
			}
			if (!path.startsWith(PATH)) {
				// the context also matches paths such as /uix, which are no console paths
				ConsoleApi.send(exchange, ConsoleResponse.error(404, "no console file " + path));
				return;
			}
			if (path.startsWith(ConsoleApi.PATH)) {
				ConsoleApi.send(exchange, this.api.handle(exchange));
				return;
			}
			serveFile(exchange, path.substring(PATH.length()));
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.DEBUG, "Console request failed", ex);
		}
	}

	private static void serveFile(HttpExchange exchange, String name) throws IOException {
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String file = FILES.get(name);
		if (file == null) {
			ConsoleApi.send(exchange, ConsoleResponse.error(404, "no console file " + PATH + name));
			return;
		}
		if (!method.equals("GET") && !method.equals("HEAD")) {
			exchange.getResponseHeaders().set("Allow", "GET, HEAD");
			ConsoleApi.send(exchange, ConsoleResponse.error(405, "method not allowed"));
			return;
		}
		byte[] body = read(file);
		if (body == null) {
			ConsoleApi.send(exchange, ConsoleResponse.error(404, "no console file " + PATH + name));
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
		if (method.equals("HEAD")) {
			exchange.sendResponseHeaders(200, -1);
			return;
		}
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream output = exchange.getResponseBody()) {
			output.write(body);
		}
	}

	private static byte @Nullable [] read(String file) throws IOException {
		try (InputStream input = ConsoleHandler.class.getResourceAsStream(RESOURCES + file)) {
			return (input != null) ? input.readAllBytes() : null;
		}
	}

	private static void drain(HttpExchange exchange) throws IOException {
		// bodies are read by the API; static files need none
		if (!exchange.getRequestURI().getPath().startsWith(ConsoleApi.PATH)) {
			try (InputStream input = exchange.getRequestBody()) {
				input.transferTo(OutputStream.nullOutputStream());
			}
		}
	}

}
