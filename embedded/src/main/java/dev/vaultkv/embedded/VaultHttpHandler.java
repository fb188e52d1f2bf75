package dev.vaultkv.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.HttpCall;
import dev.vaultkv.embedded.server.HttpResult;
import dev.vaultkv.embedded.server.Json;
import dev.vaultkv.embedded.server.RequestCallers;
import dev.vaultkv.embedded.server.RequestProcessor;

/**
 * The HTTP side of the embedded server: parses the exchange, applies faults, runs the
 * {@link RequestProcessor}, writes the answer and records it in the request log. Never lets an exception
 * escape: anything unexpected becomes a 500 {@code internal error}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class VaultHttpHandler implements HttpHandler {

	private static final System.Logger logger = System.getLogger(VaultHttpHandler.class.getName());

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "LIST", "POST", "PUT", "PATCH", "DELETE");

	private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile("Unexpected character \\('(.)'");

	private final Function<HttpCall, HttpResult> processor;

	private final FaultInjector faults;

	private final List<RequestLog> requestLogs;

	private final RequestCallers callers;

	private final ScheduledExecutorService scheduler;

	private final Clock clock;

	private final long maxRequestSize;

	VaultHttpHandler(RequestProcessor processor, FaultInjector faults, RequestLog requestLog, RequestCallers callers,
			ScheduledExecutorService scheduler, Clock clock, long maxRequestSize) {
		this(processor::process, faults, List.of(requestLog), callers, scheduler, clock, maxRequestSize);
	}

	VaultHttpHandler(Function<HttpCall, HttpResult> processor, FaultInjector faults, List<RequestLog> requestLogs,
			RequestCallers callers, ScheduledExecutorService scheduler, Clock clock, long maxRequestSize) {
		this.processor = processor;
		this.faults = faults;
		this.requestLogs = List.copyOf(requestLogs);
		this.callers = callers;
		this.scheduler = scheduler;
		this.clock = clock;
		this.maxRequestSize = maxRequestSize;
	}

	@Override
	public void handle(HttpExchange exchange) {
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String rawPath = exchange.getRequestURI().getPath();
		String logPath = (rawPath != null && rawPath.startsWith("/v1/")) ? rawPath.substring(4)
				: String.valueOf(rawPath);
		String namespace = String.valueOf(exchange.getRequestHeaders().getFirst("X-Vault-Namespace"));
		if ("null".equals(namespace)) {
			namespace = "";
		}
		RequestLogEntry logged = describe(exchange, method, logPath, namespace);
		HttpResult result;
		FaultRule failure = null;
		FaultRule delay = null;
		try {
			delay = this.faults.claim(FaultRule.Kind.DELAY, logPath);
			failure = this.faults.claim(FaultRule.Kind.FAIL, logPath);
			if (failure != null && failure.kind() == FaultRule.Kind.DROP) {
				drain(exchange);
				record(logged, -1);
				exchange.close();
				return;
			}
			if (failure != null && failure.kind() == FaultRule.Kind.FAIL) {
				drain(exchange);
				result = injected(failure, logPath);
			}
			else {
				result = process(exchange, method, rawPath);
			}
		}
		catch (RuntimeException | IOException | Error ex) {
			logger.log(System.Logger.Level.ERROR, "Request " + method + " " + logPath + " failed", ex);
			result = HttpResult.errors(500, "internal error");
		}
		boolean truncate = failure != null && failure.kind() == FaultRule.Kind.TRUNCATE;
		HttpResult answer = result;
		String echoedNamespace = namespace;
		if (delay != null && !delay.delay().isZero()) {
			try {
				this.scheduler.schedule(() -> respond(exchange, logged, echoedNamespace, answer, truncate),
						delay.delay().toNanos(), TimeUnit.NANOSECONDS);
				return;
			}
			catch (RejectedExecutionException ex) {
				// the server is closing; answer right away
			}
		}
		respond(exchange, logged, echoedNamespace, answer, truncate);
	}

	private HttpResult injected(FaultRule rule, String path) {
		if (rule.status() == 429 && rule.errors().isEmpty()) {
			HttpResult limited = HttpResult.errors(429, "request path \"" + path + "\": rate limit quota exceeded");
			if (rule.retryAfter() != null) {
				long seconds = Math.max(0, (rule.retryAfter().toMillis() + 999) / 1000);
				return new HttpResult(429, limited.body(), Map.of("Retry-After", Long.toString(seconds)));
			}
			return limited;
		}
		HttpResult failure = HttpResult.errors(rule.status(), rule.errors());
		if (rule.retryAfter() != null) {
			return new HttpResult(failure.status(), failure.body(),
					Map.of("Retry-After", Long.toString(rule.retryAfter().toSeconds())));
		}
		return failure;
	}

	private HttpResult process(HttpExchange exchange, String method, @Nullable String rawPath) throws IOException {
		if (rawPath == null || !rawPath.startsWith("/v1/")) {
			drain(exchange);
			return HttpResult.errors(404);
		}
		if (!METHODS.contains(method)) {
			drain(exchange);
			return HttpResult.errors(405);
		}
		Headers requestHeaders = exchange.getRequestHeaders();
		String contentLength = requestHeaders.getFirst("Content-Length");
		if (contentLength != null) {
			try {
				if (Long.parseLong(contentLength.trim()) > this.maxRequestSize) {
					return tooLarge();
				}
			}
			catch (NumberFormatException ex) {
				return HttpResult.errors(400, "invalid Content-Length");
			}
		}
		byte[] body = readBody(exchange.getRequestBody());
		if (body == null) {
			return tooLarge();
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		requestHeaders.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		ObjectNode data;
		try {
			data = parseBody(body, requestHeaders.getFirst("Content-Type"));
		}
		catch (IllegalArgumentException ex) {
			return malformedBody(rawPath.substring(4), ex);
		}
		HttpCall call = new HttpCall(method, rawPath.substring(4), query(exchange.getRequestURI().getRawQuery()),
				headers, data, peerCertificates(exchange));
		return this.processor.apply(call);
	}

	/**
	 * Vault's handlers that decode the body themselves (sys/init, sys/unseal) report the decoder's error;
	 * every logical path reports a fixed "error parsing JSON" (http/logical.go).
	 */
	private static HttpResult malformedBody(String path, IllegalArgumentException ex) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		if (trimmed.equals("sys/init") || trimmed.equals("sys/unseal")) {
			return HttpResult.errors(400, "failed to parse JSON input: " + ex.getMessage());
		}
		return HttpResult.errors(400, "error parsing JSON");
	}

	private static HttpResult tooLarge() {
		return HttpResult.errors(413, "failed to parse JSON input: http: request body too large");
	}

	private byte @Nullable [] readBody(InputStream input) throws IOException {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		int read;
		while ((read = input.read(buffer)) != -1) {
			total += read;
			if (total > this.maxRequestSize) {
				return null;
			}
			output.write(buffer, 0, read);
		}
		return output.toByteArray();
	}

	private static void drain(HttpExchange exchange) {
		try (InputStream input = exchange.getRequestBody()) {
			input.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// the client went away; nothing to drain
		}
	}

	static ObjectNode parseBody(byte[] body, @Nullable String contentType) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			return Json.object();
		}
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
				&& !text.startsWith("{") && !text.startsWith("[")) {
			ObjectNode form = Json.object();
			query(text).forEach((key, values) -> form.put(key, String.join(",", values)));
			return form;
		}
		JsonNode node;
		try {
			node = Json.MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(goStyle(ex), ex);
		}
		if (node == null || node.isNull() || node.isMissingNode()) {
			return Json.object();
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException("json: cannot unmarshal " + jsonKind(node)
					+ " into Go value of type map[string]interface {}");
		}
		return (ObjectNode) node;
	}

	private static String jsonKind(JsonNode node) {
		if (node.isArray()) {
			return "array";
		}
		if (node.isString()) {
			return "string";
		}
		if (node.isNumber()) {
			return "number";
		}
		return "bool";
	}

	private static String goStyle(JacksonException ex) {
		String message = String.valueOf(ex.getOriginalMessage());
		if (message.contains("end-of-input") || message.contains("EOF")) {
			return "unexpected EOF";
		}
		Matcher matcher = UNEXPECTED_CHARACTER.matcher(message);
		if (matcher.find()) {
			return "invalid character '" + matcher.group(1) + "' looking for beginning of value";
		}
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

	private static Map<String, List<String>> query(@Nullable String raw) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			query.computeIfAbsent(key, (k) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private static List<X509Certificate> peerCertificates(HttpExchange exchange) {
		if (!(exchange instanceof HttpsExchange https) || https.getSSLSession() == null) {
			return List.of();
		}
		try {
			List<X509Certificate> chain = new ArrayList<>();
			for (Certificate certificate : https.getSSLSession().getPeerCertificates()) {
				if (certificate instanceof X509Certificate x509) {
					chain.add(x509);
				}
			}
			return List.copyOf(chain);
		}
		catch (SSLPeerUnverifiedException ex) {
			return List.of();
		}
	}

	private void respond(HttpExchange exchange, RequestLogEntry logged, String namespace, HttpResult result,
			boolean truncate) {
		String method = logged.method();
		String path = logged.path();
		try {
			Headers headers = exchange.getResponseHeaders();
			headers.set("Cache-Control", "no-store");
			if (!namespace.isEmpty()) {
				headers.set("X-Vault-Namespace", namespace);
			}
			result.headers().forEach(headers::set);
			byte[] body = result.body();
			boolean head = "HEAD".equals(method);
			if (body != null) {
				headers.set("Content-Type", "application/json");
			}
			// recorded before the client can see the answer, so tests may count right after a reply
			record(logged, truncate ? -1 : result.status());
			if (body == null || head || result.status() == 204) {
				exchange.sendResponseHeaders(result.status(), -1);
			}
			else if (truncate) {
				exchange.sendResponseHeaders(result.status(), body.length);
				OutputStream output = exchange.getResponseBody();
				output.write(body, 0, body.length / 2);
				output.flush();
				// closing the exchange with bytes missing makes the JDK server drop the connection
				return;
			}
			else {
				exchange.sendResponseHeaders(result.status(), body.length);
				try (OutputStream output = exchange.getResponseBody()) {
					output.write(body);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.log(System.Logger.Level.DEBUG, "Could not send the response to " + method + " " + path, ex);
		}
		finally {
			exchange.close();
		}
	}

	/**
	 * Describe the caller before the request runs, while its token is live (a request may revoke it).
	 */
	private RequestLogEntry describe(HttpExchange exchange, String method, String path, String namespace) {
		String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
		RequestCallers.Caller caller = RequestCallers.Caller.NONE;
		try {
			Map<String, List<String>> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
			caller = this.callers.describe(new HttpCall(method, path, Map.of(), headers, Json.object(), List.of()));
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.DEBUG, "Could not describe the caller of " + method + " " + path, ex);
		}
		return new RequestLogEntry(Instant.EPOCH, method, path, namespace, 0, caller.name(), caller.policies(),
				(userAgent != null) ? userAgent : "");
	}

	private void record(RequestLogEntry logged, int status) {
		RequestLogEntry entry = new RequestLogEntry(this.clock.instant(), logged.method(), logged.path(),
				logged.namespace(), status, logged.caller(), logged.policies(), logged.userAgent());
		for (RequestLog requestLog : this.requestLogs) {
			requestLog.add(entry);
		}
	}

}
