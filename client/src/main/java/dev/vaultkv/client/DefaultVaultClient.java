package dev.vaultkv.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@link VaultClient} on Spring's {@link RestClient}. Sends each request to
 * {@code {endpoint}/v1/{path}} with the Vault headers ({@code X-Vault-Token},
 * {@code X-Vault-Namespace}, {@code X-Vault-Wrap-TTL}, {@code X-Vault-Request}) set on that request
 * only, so that they never reach the application's other HTTP clients. When Vault rejects the current
 * token (403), the {@link TokenProvider} is told and the request is sent once more with the token it
 * returns; a second rejection fails with an {@link AuthenticationException}. Vault's 307 redirects
 * (a standby pointing at the active node) are followed keeping method, body and headers, at most
 * {@value #MAX_REDIRECTS} times, but never from {@code https} to {@code http}. With
 * {@linkplain Builder#readYourWrites read-your-writes}, the {@code X-Vault-Index} states Vault reports
 * are sent back on later requests, and a 412 from a node that has not caught up is retried with back-off.
 * <p>
 * Request bodies are written as JSON with Jackson; a {@code byte[]} body is taken as JSON already
 * written. Answers are read whole, up to a {@linkplain Builder#maxResponseSize limit}, and parsed into
 * a {@link VaultResponse}; a 204 or an empty body gives an empty response.
 * <p>
 * Every failure becomes a {@link VaultException} whose message names the operation and path (never a
 * body, a query value or a token) and what Vault said.
 * <p>
 * Create one with {@link #builder(URI)}. A given {@link RestClient.Builder} is cloned, never changed, so
 * Spring Boot's observations ({@code http.client.requests}, URI template {@code /v1/{path}}) apply.
 * Without a {@code RestClient.Builder} and without {@linkplain Builder#customizer customizers}, nothing
 * would intercept or observe a request, so requests go straight to the request factory, sparing the
 * {@code RestClient}'s own work on each one; the requests sent and answers read are the same.
 * <p>
 * <strong>Warning:</strong> HTTP wire logging (for example {@code org.apache.hc.client5.http.wire} or
 * {@code org.springframework.web.client} at {@code TRACE}, or a logging interceptor added to the
 * builder) writes the {@code X-Vault-Token} header and secret values to the log. Never enable it where
 * logs are kept.
 *
 * @since 0.1.0
 */
public final class DefaultVaultClient implements VaultClient {

	/**
	 * The most redirects followed for one request.
	 */
	public static final int MAX_REDIRECTS = 3;

	/**
	 * The URI template reported to observations, so that each secret path does not become its own
	 * metric series.
	 */
	public static final String URI_TEMPLATE = "/v1/{path}";

	/**
	 * The header in which Vault reports a cluster state and a client requires one.
	 */
	public static final String INDEX_HEADER = "X-Vault-Index";

	/**
	 * The header that tells a node what to do with a request whose state it has not caught up with.
	 */
	public static final String INCONSISTENT_HEADER = "X-Vault-Inconsistent";

	private static final Logger logger = LoggerFactory.getLogger(DefaultVaultClient.class);

	private static final String MERGE_PATCH = "application/merge-patch+json";

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	private static final byte[] NO_BODY = new byte[0];

	private final VaultUris uris;

	private final @Nullable String namespace;

	private final @Nullable TokenProvider tokenProvider;

	private final RestClient restClient;

	private final ObservedUriTemplate uriTemplate;

	/**
	 * The request factory that requests go to straight, when the {@link RestClient} would add nothing
	 * to them (no builder given, no customizer); {@code null} when they go through the
	 * {@code RestClient}.
	 */
	private final @Nullable ClientHttpRequestFactory directRequests;

	private final long maxResponseSize;

	private final JsonMapper jsonMapper;

	private final VaultResponseParser parser;

	private final VaultResponseErrorMapper errorMapper;

	private final @Nullable ReplicationStateStore replicationStates;

	private final InconsistentStateHandling inconsistentStateHandling;

	private final BackOff consistencyBackOff;

	private DefaultVaultClient(Builder builder) {
		this.replicationStates = builder.replicationStates;
		this.inconsistentStateHandling = builder.inconsistentStateHandling;
		this.consistencyBackOff = builder.consistencyBackOff;
		this.uris = new VaultUris(builder.endpoint);
		this.namespace = builder.namespace;
		this.tokenProvider = builder.tokenProvider;
		this.maxResponseSize = builder.maxResponseSize.toBytes();
		this.jsonMapper = VaultJson.createMapper();
		this.parser = new VaultResponseParser(this.jsonMapper);
		this.errorMapper = new VaultResponseErrorMapper(this.parser, builder.clock);
		RestClient.Builder restClientBuilder = (builder.restClientBuilder != null) ? builder.restClientBuilder.clone()
				: RestClient.builder();
		ClientHttpRequestFactory requestFactory = builder.createRequestFactory();
		restClientBuilder.requestFactory(requestFactory);
		builder.customizers.forEach((customizer) -> customizer.accept(restClientBuilder));
		this.restClient = restClientBuilder.build();
		// A RestClient of our own making, with no customizer, has no interceptor, initializer, default
		// header or observation registry: it would only add its own per-request work.
		this.directRequests = (builder.restClientBuilder == null && builder.customizers.isEmpty()) ? requestFactory
				: null;
		this.uriTemplate = ObservedUriTemplate.find(this.restClient, URI_TEMPLATE, this.uris.getEndpoint());
	}

	/**
	 * Start building a client for the Vault server at {@code endpoint}.
	 * @param endpoint the server address, such as {@code https://vault.example.com:8200} (without
	 * {@code /v1})
	 * @return a builder
	 */
	public static Builder builder(URI endpoint) {
		return new Builder(endpoint);
	}

	/**
	 * Return the server address.
	 * @return the endpoint
	 */
	public URI getEndpoint() {
		return this.uris.getEndpoint();
	}

	/**
	 * Return the namespace sent with requests that do not override it.
	 * @return the namespace or {@code null} for none
	 */
	public @Nullable String getNamespace() {
		return this.namespace;
	}

	@Override
	public String toString() {
		return "DefaultVaultClient[endpoint=" + this.uris.getEndpoint() + ", namespace=" + this.namespace + "]";
	}

	@Override
	public VaultResponse execute(VaultRequest request) {
		Assert.notNull(request, "'request' must not be null");
		byte[] body = serialize(request);
		String namespace = namespaceFor(request);
		return switch (request.getAuthentication()) {
			case NONE -> send(request, body, namespace, null);
			case EXPLICIT_TOKEN -> send(request, body, namespace, requireExplicitToken(request));
			case TOKEN -> sendWithProvidedToken(request, body, namespace);
		};
	}

	private VaultResponse sendWithProvidedToken(VaultRequest request, byte[] body, @Nullable String namespace) {
		TokenProvider provider = this.tokenProvider;
		if (provider == null) {
			throw new AuthenticationException(
					"No TokenProvider is configured on this client, so a request that needs a token cannot be sent",
					request.getOperation(), request.getPath(), 0, List.of(), null);
		}
		VaultToken token = provider.getToken();
		try {
			return send(request, body, namespace, token);
		}
		catch (PermissionDeniedException ex) {
			if (ex.getStatus() != 403) {
				throw ex;
			}
			VaultToken renewed = provider.handleRejection(token, ex);
			if (renewed == null || renewed.equals(token)) {
				throw ex;
			}
			logger.debug("Vault rejected the token for {} {}; retrying once with a new token", request.getOperation(),
					request.getPath());
			try {
				return send(request, body, namespace, renewed);
			}
			catch (PermissionDeniedException again) {
				if (again.getStatus() != 403) {
					throw again;
				}
				String advice = (this.replicationStates != null)
						? "check the policies attached to the login role"
						: "check the policies attached to the login role (or, on a Vault Enterprise cluster with "
								+ "performance standbys, turn read-your-writes on: the standby may not have the new "
								+ "token yet)";
				throw new AuthenticationException("Vault rejected the freshly obtained token too; " + advice,
						request.getOperation(), request.getPath(), again.getStatus(), again.getErrors(), again);
			}
		}
	}

	private VaultResponse send(VaultRequest request, byte[] body, @Nullable String namespace,
			@Nullable VaultToken token) {
		String tokenValue = (token != null) ? headerSafeToken(request, token) : null;
		URI first = this.uris.create(request);
		URI uri = first;
		BackOffExecution consistencyRetries = null;
		long startedAt = System.nanoTime();
		int attempts = 1;
		for (int redirects = 0;; redirects++) {
			List<String> states = requiredStates(request);
			VaultExchange exchange = exchange(request, uri, body, namespace, tokenValue, states);
			int status = exchange.status();
			recordState(exchange);
			if (status == 412 && !states.isEmpty()) {
				if (consistencyRetries == null) {
					consistencyRetries = this.consistencyBackOff.start();
				}
				long wait = consistencyRetries.nextBackOff();
				if (wait == BackOffExecution.STOP) {
					PreconditionFailedException ex = new PreconditionFailedException(
							"The Vault node has not caught up with this client's earlier writes (X-Vault-Index)",
							request.getOperation(), request.getPath(), status, errorsOf(exchange), null);
					if (attempts > 1) {
						ex.retriesExhausted(attempts, Duration.ofNanos(System.nanoTime() - startedAt));
					}
					throw ex;
				}
				logger.debug("Vault node has not caught up with earlier writes for {} {} (412); retrying in {} ms",
						request.getOperation(), request.getPath(), wait);
				pause(request, wait);
				attempts++;
				// from the configured address again: a load balancer may pick a node that has caught up
				uri = first;
				redirects = -1;
				continue;
			}
			if (status == 307 || status == 308) {
				if (redirects == MAX_REDIRECTS) {
					throw new VaultConnectionException(
							"Vault redirected the request more than " + MAX_REDIRECTS + " times",
							request.getOperation(), request.getPath(), status, List.of(), null);
				}
				uri = redirectTarget(request, uri, exchange);
				logger.debug("Following Vault's redirect of {} {} to {}", request.getOperation(), request.getPath(),
						VaultUris.hostAndPort(uri));
				continue;
			}
			if (logger.isDebugEnabled()) {
				logger.debug("{} {} -> {}", request.getOperation(), request.getPath(), status);
			}
			if (status >= 200 && status < 300) {
				return this.parser.parse(exchange);
			}
			throw this.errorMapper.map(exchange);
		}
	}

	private VaultExchange exchange(VaultRequest request, URI uri, byte[] body, @Nullable String namespace,
			@Nullable String token, List<String> states) {
		ClientHttpRequestFactory direct = this.directRequests;
		if (direct != null) {
			return exchangeDirectly(direct, request, uri, body, namespace, token, states);
		}
		HttpMethod method = request.getMethod();
		RestClient.RequestBodySpec spec = this.uriTemplate.uri(this.restClient.method(method), uri);
		// Set on the request itself (the one interceptors see) rather than on the spec, whose
		// headers RestClient would copy into the request.
		spec.httpRequest((clientRequest) -> setHeaders(clientRequest.getHeaders(), request, body, namespace, token,
				states));
		if (body.length > 0) {
			spec.body(new FixedBody(body));
		}
		try {
			VaultExchange exchange = spec.exchange((clientRequest, response) -> read(request, response), true);
			Assert.state(exchange != null, "No exchange");
			return exchange;
		}
		catch (RestClientException ex) {
			// Only the cause: a ResourceAccessException's message holds the full URI with query values.
			throw transportFailure(request, uri, ex.getCause());
		}
	}

	/**
	 * Send a request straight to the request factory, as the {@link RestClient} would with nothing to
	 * intercept or observe it, without its per-request work (request spec, attributes, observation
	 * scope, response wrapper).
	 */
	private VaultExchange exchangeDirectly(ClientHttpRequestFactory factory, VaultRequest request, URI uri,
			byte[] body, @Nullable String namespace, @Nullable String token, List<String> states) {
		try {
			ClientHttpRequest clientRequest = factory.createRequest(uri, request.getMethod());
			setHeaders(clientRequest.getHeaders(), request, body, namespace, token, states);
			if (body.length > 0) {
				if (clientRequest instanceof StreamingHttpOutputMessage streaming) {
					streaming.setBody(new FixedBody(body));
				}
				else {
					clientRequest.getBody().write(body);
				}
			}
			try (ClientHttpResponse response = clientRequest.execute()) {
				return read(request, response);
			}
		}
		catch (IOException ex) {
			throw transportFailure(request, uri, ex);
		}
	}

	private void setHeaders(HttpHeaders headers, VaultRequest request, byte[] body, @Nullable String namespace,
			@Nullable String token, List<String> states) {
		addHeaders(headers, request, namespace, token);
		if (!states.isEmpty()) {
			headers.put(INDEX_HEADER, states);
			headers.set(INCONSISTENT_HEADER, this.inconsistentStateHandling.getHeaderValue());
		}
		if (body.length > 0) {
			headers.set(HttpHeaders.CONTENT_TYPE, (request.getMethod() == HttpMethod.PATCH) ? MERGE_PATCH : JSON);
			headers.setContentLength(body.length);
		}
	}

	private VaultExchange read(VaultRequest request, ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		HttpHeaders headers = response.getHeaders();
		long contentLength = headers.getContentLength();
		if (contentLength > this.maxResponseSize) {
			throw new ResponseTooLargeException(status, this.maxResponseSize);
		}
		byte[] body;
		try (InputStream stream = response.getBody()) {
			byte[] received = BufferedClientHttpResponse.bodyOf(stream);
			body = (received != null) ? received : readBody(stream, contentLength);
		}
		if (body.length > this.maxResponseSize) {
			throw new ResponseTooLargeException(status, this.maxResponseSize);
		}
		return new VaultExchange(request.getOperation(), request.getPath(), status, headers, body);
	}

	/**
	 * Read an answer's body, up to one byte more than the limit. With a {@code Content-Length} the body
	 * is read into an array of that size at once (an unknown length goes through the stream's 8 KB
	 * chunks and a final copy, which on a small answer allocates several times the answer); bytes
	 * beyond the announced length, which HTTP framing does not let through, are still read.
	 */
	private byte[] readBody(InputStream stream, long contentLength) throws IOException {
		int limit = (int) Math.min(Integer.MAX_VALUE - 8, this.maxResponseSize + 1);
		if (contentLength < 0 || contentLength >= limit) {
			return stream.readNBytes(limit);
		}
		byte[] announced = stream.readNBytes((int) contentLength);
		if (announced.length < contentLength) {
			return announced;
		}
		int next = stream.read();
		if (next == -1) {
			return announced;
		}
		byte[] rest = stream.readNBytes(limit - announced.length - 1);
		byte[] body = Arrays.copyOf(announced, announced.length + 1 + rest.length);
		body[announced.length] = (byte) next;
		System.arraycopy(rest, 0, body, announced.length + 1, rest.length);
		return body;
	}

	/**
	 * Return the states a request must see: none without read-your-writes, before any index was seen,
	 * and for the status endpoints that describe the node itself.
	 */
	private List<String> requiredStates(VaultRequest request) {
		ReplicationStateStore store = this.replicationStates;
		if (store == null || isNodeStatus(request.getPath())) {
			return List.of();
		}
		return store.getHeaders();
	}

	private static boolean isNodeStatus(String path) {
		return switch (path) {
			case "sys/health", "sys/seal-status", "sys/leader", "sys/ha-status", "sys/init" -> true;
			default -> false;
		};
	}

	private void recordState(VaultExchange exchange) {
		ReplicationStateStore store = this.replicationStates;
		if (store != null) {
			List<String> values = exchange.headers().get(INDEX_HEADER);
			if (values != null) {
				values.forEach(store::record);
			}
		}
	}

	private List<String> errorsOf(VaultExchange exchange) {
		return this.errorMapper.map(exchange).getErrors();
	}

	private static void pause(VaultRequest request, long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new VaultConnectionException("Interrupted while waiting for a Vault node to catch up",
					request.getOperation(), request.getPath(), 412, List.of(), ex);
		}
	}

	private void addHeaders(HttpHeaders headers, VaultRequest request, @Nullable String namespace,
			@Nullable String token) {
		headers.set("X-Vault-Request", "true");
		headers.set(HttpHeaders.ACCEPT, JSON);
		if (token != null) {
			headers.set("X-Vault-Token", token);
		}
		if (namespace != null) {
			headers.set("X-Vault-Namespace", namespace);
		}
		Duration wrapTtl = request.getWrapTtl();
		if (wrapTtl != null) {
			long seconds = Math.max(1, wrapTtl.toSeconds() + ((wrapTtl.getNano() > 0) ? 1 : 0));
			headers.set("X-Vault-Wrap-TTL", Long.toString(seconds));
		}
	}

	private URI redirectTarget(VaultRequest request, URI current, VaultExchange exchange) {
		String location = exchange.headers().getFirst(HttpHeaders.LOCATION);
		if (location == null || location.isBlank()) {
			throw new VaultConnectionException("Vault answered with a redirect without a Location header",
					request.getOperation(), request.getPath(), exchange.status(), List.of(), null);
		}
		URI target;
		try {
			target = current.resolve(location.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new VaultConnectionException("Vault answered with a redirect to an invalid Location",
					request.getOperation(), request.getPath(), exchange.status(), List.of(), null);
		}
		String scheme = (target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
			throw new VaultConnectionException("Vault answered with a redirect to an unsupported Location",
					request.getOperation(), request.getPath(), exchange.status(), List.of(), null);
		}
		if ("https".equalsIgnoreCase(current.getScheme()) && scheme.equals("http")) {
			throw new VaultConnectionException("Vault redirected from https to http (" + VaultUris.hostAndPort(target)
					+ "), which would expose the token; configure the active node's api_addr with https",
					request.getOperation(), request.getPath(), exchange.status(), List.of(), null);
		}
		return target;
	}

	private VaultException transportFailure(VaultRequest request, URI uri, @Nullable Throwable cause) {
		String where = VaultUris.hostAndPort(uri);
		String op = request.getOperation();
		String path = request.getPath();
		if (cause instanceof ResponseTooLargeException tooLarge) {
			return new MalformedResponseException("Vault's answer is larger than the limit of " + tooLarge.getLimit()
					+ " bytes; raise the maximum response size if such answers are expected", op, path,
					tooLarge.getStatus(), List.of(), null);
		}
		String summary;
		if (cause instanceof HttpConnectTimeoutException) {
			summary = "Could not connect to Vault at " + where + " in time (connect timeout)";
		}
		else if (cause instanceof HttpTimeoutException) {
			summary = "Vault at " + where + " did not answer in time (read timeout)";
		}
		else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
			summary = "Could not connect to Vault at " + where + " (" + describe(cause) + ")";
		}
		else if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException
				|| hasCause(cause, UnresolvedAddressException.class)) {
			summary = "Could not resolve the Vault host of " + where;
		}
		else if (cause instanceof SSLException) {
			summary = "TLS with Vault at " + where + " failed (" + describe(cause)
					+ "); check the trusted CA and the client certificate";
		}
		else if (cause instanceof InterruptedIOException) {
			summary = "Interrupted while talking to Vault at " + where;
		}
		else {
			summary = "Connection to Vault at " + where + " failed"
					+ ((cause != null) ? " (" + describe(cause) + ")" : "");
		}
		return new VaultConnectionException(summary, op, path, 0, List.of(), cause);
	}

	private static boolean hasCause(@Nullable Throwable ex, Class<? extends Throwable> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		String type = ex.getClass().getSimpleName();
		if (message == null || message.isBlank()) {
			return type;
		}
		return type + ": " + ((message.length() > 200) ? message.substring(0, 200) + "..." : message);
	}

	private byte[] serialize(VaultRequest request) {
		Object body = request.getBody();
		if (body == null) {
			return NO_BODY;
		}
		if (body instanceof byte[] bytes) {
			return bytes;
		}
		try {
			return this.jsonMapper.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException(
					"The request body could not be written as JSON (" + body.getClass().getName() + ")",
					request.getOperation(), request.getPath(), 0, List.of(), null);
		}
	}

	private @Nullable String namespaceFor(VaultRequest request) {
		String requested = request.getNamespace();
		if (requested == null) {
			return this.namespace;
		}
		if (requested.isEmpty()) {
			return null;
		}
		String problem = namespaceProblem(requested);
		if (problem != null) {
			throw new InvalidRequestException("The namespace of the request " + problem, request.getOperation(),
					request.getPath(), 0, List.of(), null);
		}
		return requested;
	}

	private static @Nullable String namespaceProblem(String namespace) {
		for (int i = 0; i < namespace.length(); i++) {
			char c = namespace.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				return "contains a control character at index " + i;
			}
			if (c > 0x7e) {
				return "contains a non-ASCII character at index " + i + "; Vault namespaces are sent as an HTTP header";
			}
		}
		return null;
	}

	private static VaultToken requireExplicitToken(VaultRequest request) {
		VaultToken token = request.getToken();
		if (token == null) {
			throw new AuthenticationException("The request asks for an explicit token but carries none",
					request.getOperation(), request.getPath(), 0, List.of(), null);
		}
		return token;
	}

	private static String headerSafeToken(VaultRequest request, VaultToken token) {
		String value = token.getToken();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				// Typically a trailing newline read from a token file; the value itself is never shown.
				throw new AuthenticationException("The token contains a whitespace, control or non-ASCII character (at index "
						+ i + " of " + value.length() + ") and cannot be sent; check how it is read, for example a trailing newline in a token file",
						request.getOperation(), request.getPath(), 0, List.of(), null);
			}
		}
		return value;
	}

	/**
	 * A request body that can be written more than once (by interceptors that retry).
	 */
	private record FixedBody(byte[] bytes) implements StreamingHttpOutputMessage.Body {

		@Override
		public void writeTo(OutputStream outputStream) throws IOException {
			outputStream.write(this.bytes);
		}

		@Override
		public boolean repeatable() {
			return true;
		}

	}

	/**
	 * Builds a {@link DefaultVaultClient}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final URI endpoint;

		private @Nullable String namespace;

		private @Nullable TokenProvider tokenProvider;

		private RestClient.@Nullable Builder restClientBuilder;

		private @Nullable ClientHttpRequestFactory requestFactory;

		private @Nullable Duration connectTimeout;

		private @Nullable Duration readTimeout;

		private @Nullable SSLContext sslContext;

		private @Nullable Duration idleTimeout;

		private boolean freshConnectionPerRequest;

		private @Nullable VaultProxy proxy;

		private DataSize maxResponseSize = VaultHttpRequestFactory.DEFAULT_MAX_RESPONSE_SIZE;

		private final List<Consumer<RestClient.Builder>> customizers = new ArrayList<>();

		private Clock clock = Clock.systemUTC();

		private @Nullable ReplicationStateStore replicationStates;

		private InconsistentStateHandling inconsistentStateHandling = InconsistentStateHandling.FORWARD_ACTIVE_NODE;

		private BackOff consistencyBackOff = defaultConsistencyBackOff();

		private Builder(URI endpoint) {
			this.endpoint = new VaultUris(endpoint).getEndpoint();
		}

		/**
		 * Set the namespace sent with every request that does not set its own.
		 * @param namespace the namespace (such as {@code ns1/team}), or {@code null} or {@code ""} for none
		 * @return this builder
		 */
		public Builder namespace(@Nullable String namespace) {
			if (namespace != null && !namespace.isEmpty()) {
				String problem = namespaceProblem(namespace);
				Assert.isTrue(problem == null, () -> "'namespace' " + problem);
				this.namespace = namespace;
			}
			else {
				this.namespace = null;
			}
			return this;
		}

		/**
		 * Set the source of the token for requests that authenticate with the client's token.
		 * @param tokenProvider the token provider, or {@code null} for a client that only sends
		 * unauthenticated or explicitly authenticated requests (logins)
		 * @return this builder
		 */
		public Builder tokenProvider(@Nullable TokenProvider tokenProvider) {
			this.tokenProvider = tokenProvider;
			return this;
		}

		/**
		 * Set the {@link RestClient.Builder} to start from, such as Spring Boot's, so that its
		 * observation registry and interceptors apply. It is cloned, never changed. Its request factory
		 * is replaced by the one from {@link #requestFactory} or the default
		 * {@link VaultHttpRequestFactory}. Without one (and without customizers) requests skip the
		 * {@code RestClient}, which would have nothing to add to them.
		 * @param restClientBuilder the builder to clone
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			Assert.notNull(restClientBuilder, "'restClientBuilder' must not be null");
			this.restClientBuilder = restClientBuilder;
			return this;
		}

		/**
		 * Set the request factory to use instead of the default {@link VaultHttpRequestFactory}; it
		 * must not follow redirects for Vault's 307 to keep the method and body. Timeouts, SSL and
		 * connection settings are then the factory's own.
		 * @param requestFactory the request factory
		 * @return this builder
		 */
		public Builder requestFactory(ClientHttpRequestFactory requestFactory) {
			Assert.notNull(requestFactory, "'requestFactory' must not be null");
			this.requestFactory = requestFactory;
			return this;
		}

		/**
		 * Set the connect timeout of the default request factory.
		 * @param connectTimeout the connect timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.notNull(connectTimeout, "'connectTimeout' must not be null");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the read timeout of the default request factory: the longest wait for a complete answer.
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			Assert.notNull(readTimeout, "'readTimeout' must not be null");
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set the SSL context of the default request factory (custom CA, client certificate).
		 * @param sslContext the SSL context
		 * @return this builder
		 * @see VaultSslSupport
		 */
		public Builder sslContext(SSLContext sslContext) {
			Assert.notNull(sslContext, "'sslContext' must not be null");
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Set the HTTP proxy of the default request factory; without one, the JDK's proxy system
		 * properties apply.
		 * @param proxy the proxy
		 * @return this builder
		 * @see VaultHttpRequestFactory.Builder#proxy(VaultProxy)
		 */
		public Builder proxy(VaultProxy proxy) {
			Assert.notNull(proxy, "'proxy' must not be null");
			this.proxy = proxy;
			return this;
		}

		/**
		 * Set how long pooled connections of the default request factory may stay unused before they
		 * are renewed.
		 * @param idleTimeout the idle timeout
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			Assert.notNull(idleTimeout, "'idleTimeout' must not be null");
			this.idleTimeout = idleTimeout;
			return this;
		}

		/**
		 * Set whether the default request factory opens a new connection for every request.
		 * @param freshConnectionPerRequest whether to open a connection per request
		 * @return this builder
		 */
		public Builder freshConnectionPerRequest(boolean freshConnectionPerRequest) {
			this.freshConnectionPerRequest = freshConnectionPerRequest;
			return this;
		}

		/**
		 * Set the largest answer accepted (16 MiB by default).
		 * @param maxResponseSize the limit
		 * @return this builder
		 */
		public Builder maxResponseSize(DataSize maxResponseSize) {
			Assert.notNull(maxResponseSize, "'maxResponseSize' must not be null");
			Assert.isTrue(maxResponseSize.toBytes() > 0 && maxResponseSize.toBytes() <= DataSize.ofGigabytes(1).toBytes(),
					"'maxResponseSize' must be between 1 byte and 1GB");
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		/**
		 * Add a customizer of the (cloned) {@link RestClient.Builder}, applied after this builder's own
		 * settings; for example to add an interceptor. Anything added here sees the Vault token. With a
		 * customizer, every request goes through the {@code RestClient}.
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder customizer(Consumer<RestClient.Builder> customizer) {
			Assert.notNull(customizer, "'customizer' must not be null");
			this.customizers.add(customizer);
			return this;
		}

		/**
		 * Set the clock, used to read HTTP-date {@code Retry-After} values and to measure idle
		 * connections.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Turn read-your-writes on: every {@code X-Vault-Index} a response carries is recorded in the
		 * store, and every request but the node status ones ({@code sys/health}, {@code sys/seal-status},
		 * {@code sys/leader}...) carries the states recorded, with {@code X-Vault-Inconsistent}, so that
		 * no node answers it from storage older than what this client (or another client sharing the
		 * store, such as the login client) wrote or logged in with. A node that has not caught up answers
		 * 412, which is retried with the {@linkplain #consistencyBackOff back-off}. Until a server sends
		 * an index (Vault Community Edition and OpenBao send none) nothing is sent. Off by default.
		 * @param store the store, shared by the clients whose writes must be seen, or {@code null} to
		 * turn read-your-writes off
		 * @return this builder
		 */
		public Builder readYourWrites(@Nullable ReplicationStateStore store) {
			this.replicationStates = store;
			return this;
		}

		/**
		 * Set what a node that has not caught up with the states sent does with the request
		 * ({@link InconsistentStateHandling#FORWARD_ACTIVE_NODE} by default).
		 * @param handling the handling
		 * @return this builder
		 */
		public Builder inconsistentStateHandling(InconsistentStateHandling handling) {
			Assert.notNull(handling, "'handling' must not be null");
			this.inconsistentStateHandling = handling;
			return this;
		}

		/**
		 * Set the back-off between the attempts of a request that a node answered with 412 because it
		 * had not caught up with the states sent; when it stops, the request fails with a
		 * {@link PreconditionFailedException}. By default 5 retries after 50, 100, 200, 400 and 800 ms.
		 * @param backOff the back-off
		 * @return this builder
		 */
		public Builder consistencyBackOff(BackOff backOff) {
			Assert.notNull(backOff, "'backOff' must not be null");
			this.consistencyBackOff = backOff;
			return this;
		}

		private static BackOff defaultConsistencyBackOff() {
			ExponentialBackOff backOff = new ExponentialBackOff(50, 2.0);
			backOff.setMaxInterval(1000);
			backOff.setMaxAttempts(5);
			return backOff;
		}

		/**
		 * Build the client.
		 * @return the client
		 */
		public DefaultVaultClient build() {
			return new DefaultVaultClient(this);
		}

		private ClientHttpRequestFactory createRequestFactory() {
			if (this.requestFactory != null) {
				Assert.state(this.connectTimeout == null && this.readTimeout == null && this.sslContext == null
						&& this.idleTimeout == null && !this.freshConnectionPerRequest && this.proxy == null,
						"Timeouts, SSL context, proxy and connection settings apply to the default request factory only; "
								+ "configure them on the given request factory instead");
				return this.requestFactory;
			}
			VaultHttpRequestFactory.Builder factory = VaultHttpRequestFactory.builder()
				.maxResponseSize(this.maxResponseSize)
				.freshConnectionPerRequest(this.freshConnectionPerRequest)
				.sslContext(this.sslContext)
				.proxy(this.proxy)
				.clock(this.clock);
			if (this.connectTimeout != null) {
				factory.connectTimeout(this.connectTimeout);
			}
			if (this.readTimeout != null) {
				factory.readTimeout(this.readTimeout);
			}
			if (this.idleTimeout != null) {
				factory.idleTimeout(this.idleTimeout);
			}
			return factory.build();
		}

	}

}
