package dev.vaultkv.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;
import org.springframework.util.unit.DataSize;

/**
 * {@link ClientHttpRequestFactory} for Vault on Apache HttpComponents 5's classic (blocking) client:
 * HTTP/1.1, the request sent and the answer read on the calling thread, no redirects followed (the
 * {@link DefaultVaultClient} follows Vault's 307 itself), no cookies, no content compression, and
 * each answer received whole into one byte array bounded by a size limit, so that the connection
 * goes back to the pool before the answer is parsed.
 * <p>
 * Connections are pooled (at most {@linkplain Builder#maxConnections a few}, Vault being one host)
 * and kept alive. Because a load balancer or firewall may drop a connection that stayed idle
 * without telling either end, a connection idle longer than the {@linkplain Builder#idleTimeout
 * idle timeout} is not reused, a connection idle for more than two seconds is checked before reuse,
 * and an idempotent request ({@code GET}, {@code HEAD}, {@code DELETE}, {@code OPTIONS}) that fails
 * because the server closed or reset the connection without answering is sent once more on a new
 * connection. With {@linkplain Builder#freshConnectionPerRequest fresh connections}, every request
 * opens its own connection.
 * <p>
 * The read timeout bounds the whole exchange, from asking the pool for a connection to receiving
 * the last byte of the answer (checked every 50 ms), so a server that trickles its answer cannot
 * hold a caller forever; the connect timeout bounds establishing a new connection within it, and a
 * single read that waits longer than the read timeout fails at once. Interrupting the calling thread
 * ends its request within the same 50 ms.
 * <p>
 * Requests go through the {@linkplain Builder#proxy configured HTTP proxy} or, without one, the proxy
 * that the JDK's {@code https.proxyHost}/{@code http.proxyHost} system properties name (hosts matching
 * {@code http.nonProxyHosts} are reached directly), asked once per Vault host for the life of the
 * factory; a proxy's {@code 407} is answered with Basic credentials when there are.
 * <p>
 * <strong>Warning:</strong> HttpComponents' wire and header logging ({@code org.apache.hc.client5.http.wire}
 * and {@code org.apache.hc.client5.http.headers} at debug level) writes request headers and bodies,
 * including {@code X-Vault-Token} and secrets, to the log; keep those loggers off.
 *
 * @since 0.1.0
 */
public final class VaultHttpRequestFactory implements ClientHttpRequestFactory, Closeable {

	/**
	 * The default connect timeout.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The default read timeout.
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The default idle time after which pooled connections are no longer trusted.
	 */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The default limit on the size of an answer.
	 */
	public static final DataSize DEFAULT_MAX_RESPONSE_SIZE = DataSize.ofMegabytes(16);

	/**
	 * The default limit on concurrent connections to Vault.
	 */
	public static final int DEFAULT_MAX_CONNECTIONS = 20;

	private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(2);

	/**
	 * Headers that the HTTP client writes itself from the request and its entity.
	 */
	private static final List<String> CLIENT_MANAGED_HEADERS = List.of("connection", "content-length", "expect",
			"host", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

	private static final byte[] NO_BODY = new byte[0];

	private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "DELETE", "OPTIONS");

	private final Duration connectTimeout;

	private final @Nullable Duration readTimeout;

	private final Duration idleTimeout;

	private final int maxConnections;

	private final boolean freshConnectionPerRequest;

	private final @Nullable VaultProxy proxy;

	private final long maxResponseSize;

	private final long idleTimeoutMillis;

	private final Clock clock;

	private final PoolingHttpClientConnectionManager connectionManager;

	private final CloseableHttpClient httpClient;

	private final AtomicLong lastUsed;

	private volatile boolean closed;

	private VaultHttpRequestFactory(Builder builder) {
		this.connectTimeout = builder.connectTimeout;
		this.readTimeout = builder.readTimeout;
		this.idleTimeout = builder.idleTimeout;
		this.maxConnections = builder.maxConnections;
		this.freshConnectionPerRequest = builder.freshConnectionPerRequest;
		this.proxy = builder.proxy;
		this.maxResponseSize = builder.maxResponseSize.toBytes();
		this.idleTimeoutMillis = builder.idleTimeout.toMillis();
		this.clock = builder.clock;
		this.lastUsed = new AtomicLong(this.clock.millis());
		Timeout socketTimeout = (builder.readTimeout != null) ? Timeout.of(builder.readTimeout) : Timeout.DISABLED;
		this.connectionManager = PoolingHttpClientConnectionManagerBuilder.create()
			.setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext(builder.sslContext)))
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(builder.connectTimeout))
				.setSocketTimeout(socketTimeout)
				.setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
				.build())
			.setMaxConnPerRoute(builder.maxConnections)
			.setMaxConnTotal(builder.maxConnections)
			.build();
		HttpClientBuilder client = HttpClients.custom().setConnectionManager(this.connectionManager);
		boolean proxyAuthentication = configureProxy(client, builder.proxy);
		client.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(socketTimeout)
				.setResponseTimeout(socketTimeout)
				.setConnectionKeepAlive(TimeValue.of(builder.idleTimeout))
				.setRedirectsEnabled(false)
				// only ever answered by a proxy's 407: Vault sends no WWW-Authenticate challenge
				.setAuthenticationEnabled(proxyAuthentication)
				.setExpectContinueEnabled(false)
				.setContentCompressionEnabled(false)
				.setProtocolUpgradeEnabled(false)
				.build());
		client.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			// every connection of this factory has the same identity (one SSL context, Basic proxy
			// credentials only), so pooled connections need no per-user state: this spares looking up
			// the TLS session's principal and the auth exchanges after every answer
			.disableConnectionState()
			.setRetryStrategy(StaleConnectionRetryStrategy.INSTANCE);
		if (builder.freshConnectionPerRequest) {
			client.setConnectionReuseStrategy((request, response, context) -> false);
		}
		this.httpClient = client.build();
	}

	/**
	 * Route requests through the configured proxy or, without one, through the proxy that the JDK's
	 * {@code http(s).proxyHost}, {@code http(s).proxyPort} and {@code http.nonProxyHosts} system
	 * properties select, with the {@code http(s).proxyUser} and {@code http(s).proxyPassword} credentials.
	 * @return whether the proxy may ask for credentials
	 */
	private static boolean configureProxy(HttpClientBuilder client, @Nullable VaultProxy proxy) {
		if (proxy == null) {
			client.useSystemProperties();
			ProxySelector selector = ProxySelector.getDefault();
			if (selector != null) {
				client.setRoutePlanner(new SystemProxyRoutePlanner(selector));
			}
			return true;
		}
		HttpHost proxyHost = new HttpHost(proxy.getHost(), proxy.getPort());
		client.setRoutePlanner(new DefaultProxyRoutePlanner(proxyHost) {

			@Override
			protected @Nullable HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
				return proxy.bypasses(target.getHostName()) ? null : super.determineProxy(target, context);
			}

		});
		String username = proxy.getUsername();
		String password = proxy.getPassword();
		if (username == null || password == null) {
			return false;
		}
		client.setDefaultCredentialsProvider(CredentialsProviderBuilder.create()
			.add(new AuthScope(proxyHost), username, password.toCharArray())
			.build());
		return true;
	}

	private static SSLContext sslContext(@Nullable SSLContext sslContext) {
		if (sslContext != null) {
			return sslContext;
		}
		try {
			// The JDK default honours the javax.net.ssl.* system properties.
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK offers no default SSL context", ex);
		}
	}

	/**
	 * Create a builder.
	 * @return a new builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the connect timeout.
	 * @return the connect timeout
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Return the read timeout, the longest a whole exchange may take.
	 * @return the read timeout, or {@code null} for none
	 */
	public @Nullable Duration getReadTimeout() {
		return this.readTimeout;
	}

	/**
	 * Return how long pooled connections may stay unused before they are no longer trusted.
	 * @return the idle timeout
	 */
	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Return how many connections to Vault may be open at once.
	 * @return the limit
	 */
	public int getMaxConnections() {
		return this.maxConnections;
	}

	/**
	 * Return whether every request opens a new connection.
	 * @return whether connections are never reused
	 */
	public boolean isFreshConnectionPerRequest() {
		return this.freshConnectionPerRequest;
	}

	/**
	 * Return the configured proxy.
	 * @return the proxy, or {@code null} when the JDK's proxy system properties apply
	 */
	public @Nullable VaultProxy getProxy() {
		return this.proxy;
	}

	/**
	 * Return the limit on the size of an answer, in bytes.
	 * @return the limit
	 */
	public long getMaxResponseSize() {
		return this.maxResponseSize;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		Assert.state(!this.closed, "This VaultHttpRequestFactory is closed");
		return new VaultHttpRequest(uri, httpMethod);
	}

	/**
	 * Close the pooled connections; requests made afterwards fail with an
	 * {@link IllegalStateException}.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.httpClient.close(CloseMode.GRACEFUL);
	}

	private void forgetConnectionsIdleTooLong() {
		long now = this.clock.millis();
		long last = this.lastUsed.get();
		if (now - last > this.idleTimeoutMillis && this.lastUsed.compareAndSet(last, now)) {
			this.connectionManager.closeIdle(TimeValue.ZERO_MILLISECONDS);
		}
	}

	private static boolean hasBody(HttpMethod method) {
		return HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method);
	}

	/**
	 * Whether the HTTP client writes a header itself (from the request and its entity), so that a
	 * value set on the Spring request must not be copied; compared ignoring case without allocating.
	 */
	private static boolean isClientManaged(String name) {
		for (String managed : CLIENT_MANAGED_HEADERS) {
			if (managed.length() == name.length() && managed.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One request: headers kept in a small case-insensitive map of its own, which is copied onto the
	 * HttpComponents request directly (iterating {@link HttpHeaders} would first copy every name into
	 * a case-insensitive set), and a body buffered only when one is written.
	 */
	private final class VaultHttpRequest implements ClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		private final RequestHeaderMap headerValues = new RequestHeaderMap();

		private final HttpHeaders headers = new HttpHeaders(CollectionUtils.toMultiValueMap(this.headerValues));

		private @Nullable Map<String, Object> attributes;

		private @Nullable ByteArrayOutputStream body;

		private boolean executed;

		VaultHttpRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.executed ? HttpHeaders.readOnlyHttpHeaders(this.headers) : this.headers;
		}

		@Override
		public Map<String, Object> getAttributes() {
			Map<String, Object> attributes = this.attributes;
			if (attributes == null) {
				attributes = new LinkedHashMap<>();
				this.attributes = attributes;
			}
			return attributes;
		}

		@Override
		public OutputStream getBody() {
			Assert.state(!this.executed, "The request has already been executed");
			ByteArrayOutputStream body = this.body;
			if (body == null) {
				body = new ByteArrayOutputStream(256);
				this.body = body;
			}
			return body;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			Assert.state(!this.executed, "The request has already been executed");
			this.executed = true;
			HttpUriRequestBase request = new HttpUriRequestBase(this.method.name(), this.uri);
			this.headerValues.forEach((name, values) -> {
				if (!isClientManaged(name)) {
					for (String value : values) {
						request.addHeader(name, value);
					}
				}
			});
			byte[] body = (this.body != null) ? this.body.toByteArray() : NO_BODY;
			if (body.length > 0 || hasBody(this.method)) {
				request.setEntity(new ByteArrayEntity(body, null));
			}
			forgetConnectionsIdleTooLong();
			Deadline deadline = Deadline.arm(request, VaultHttpRequestFactory.this.readTimeout);
			try {
				return VaultHttpRequestFactory.this.httpClient.execute(request, this::receive);
			}
			catch (IOException ex) {
				if (deadline.hasPassed()) {
					throw new HttpTimeoutException("no complete answer within the read timeout");
				}
				if (deadline.wasInterrupted()) {
					throw new InterruptedIOException("interrupted while waiting for Vault's answer");
				}
				throw translate(ex);
			}
			finally {
				deadline.disarm();
				VaultHttpRequestFactory.this.lastUsed.set(VaultHttpRequestFactory.this.clock.millis());
			}
		}

		private ClientHttpResponse receive(ClassicHttpResponse response) throws IOException {
			return new BufferedClientHttpResponse(response.getCode(),
					new HttpHeaders(new ReceivedHeaders(response.getHeaders())),
					readBody(response.getCode(), response.getEntity()));
		}

		private byte[] readBody(int status, @Nullable HttpEntity entity) throws IOException {
			if (entity == null) {
				return NO_BODY;
			}
			long limit = VaultHttpRequestFactory.this.maxResponseSize;
			long length = entity.getContentLength();
			if (length > limit) {
				throw new ResponseTooLargeException(status, limit);
			}
			try (InputStream content = entity.getContent()) {
				if (length >= 0) {
					// straight into an array of the announced size: readNBytes(int) would read into
					// chunks and copy them
					byte[] bytes = new byte[(int) length];
					int read = content.readNBytes(bytes, 0, bytes.length);
					return (read == bytes.length) ? bytes : Arrays.copyOf(bytes, read);
				}
				byte[] bytes = content.readNBytes((int) limit);
				if (bytes.length == limit && content.read() != -1) {
					throw new ResponseTooLargeException(status, limit);
				}
				return bytes;
			}
		}

		private IOException translate(IOException ex) {
			if (ex instanceof ConnectTimeoutException) {
				HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("connect timed out");
				timeout.initCause(ex);
				return timeout;
			}
			if (ex instanceof SocketTimeoutException || ex instanceof ConnectionRequestTimeoutException) {
				HttpTimeoutException timeout = new HttpTimeoutException("no answer within the read timeout");
				timeout.initCause(ex);
				return timeout;
			}
			return ex;
		}

	}

	/**
	 * Sends an idempotent request once more when the server closed or reset a (typically pooled)
	 * connection without answering; never retries on an answer, which is the Vault client's call.
	 */
	private static final class StaleConnectionRetryStrategy implements HttpRequestRetryStrategy {

		static final StaleConnectionRetryStrategy INSTANCE = new StaleConnectionRetryStrategy();

		@Override
		public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
			return execCount <= 1 && IDEMPOTENT_METHODS.contains(request.getMethod())
					&& !(exception instanceof InterruptedIOException || exception instanceof ConnectException
							|| exception instanceof NoRouteToHostException
							|| exception instanceof UnknownHostException || exception instanceof SSLException
							|| exception instanceof ResponseTooLargeException);
		}

		@Override
		public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
			return false;
		}

		@Override
		public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount,
				HttpContext context) {
			return TimeValue.ZERO_MILLISECONDS;
		}

		@Override
		public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
			return TimeValue.ZERO_MILLISECONDS;
		}

	}

	/**
	 * What ends one request early: its read timeout passing, or its calling thread being interrupted
	 * (blocking socket I/O does not react to interruption). Either cancels the request, which closes
	 * its connection and so ends a blocked read.
	 */
	private static final class Deadline {

		private final HttpUriRequestBase request;

		private final Thread caller;

		private final long expiresAt;

		private final boolean bounded;

		private volatile boolean passed;

		private volatile boolean interrupted;

		/**
		 * The slot of the watch that holds this deadline, or {@code -1} when it is held in the
		 * watch's overflow set.
		 */
		int slot = -1;

		private Deadline(HttpUriRequestBase request, @Nullable Duration timeout) {
			this.request = request;
			this.caller = Thread.currentThread();
			this.bounded = timeout != null;
			this.expiresAt = (timeout != null) ? System.nanoTime() + timeout.toNanos() : 0;
		}

		static Deadline arm(HttpUriRequestBase request, @Nullable Duration timeout) {
			Deadline deadline = new Deadline(request, timeout);
			DeadlineWatch.INSTANCE.watch(deadline);
			return deadline;
		}

		boolean hasPassed() {
			return this.passed;
		}

		boolean wasInterrupted() {
			return this.interrupted;
		}

		void disarm() {
			DeadlineWatch.INSTANCE.unwatch(this);
		}

		/**
		 * Cancel the request if its time is up or its caller was interrupted.
		 * @return whether it was cancelled
		 */
		boolean check(long now) {
			if (this.bounded && now - this.expiresAt >= 0) {
				this.passed = true;
			}
			else if (this.caller.isInterrupted()) {
				this.interrupted = true;
			}
			else {
				return false;
			}
			this.request.cancel();
			return true;
		}

	}

	/**
	 * Watches the deadlines of requests in flight for every factory on one daemon thread, which
	 * looks at them every {@value #TICK_MILLIS} ms while any request is in flight and sleeps
	 * otherwise; cheaper than a timer task per request, which would wake that thread every time.
	 * A request's deadline takes a free slot of a fixed array near a place chosen by its thread (one
	 * compare-and-set, no allocation), and only when those are taken a place in a concurrent set.
	 */
	private static final class DeadlineWatch implements Runnable {

		static final long TICK_MILLIS = 50;

		static final DeadlineWatch INSTANCE = new DeadlineWatch();

		private static final int SLOTS = 256;

		private static final int PROBES = 8;

		private final AtomicReferenceArray<Deadline> slots = new AtomicReferenceArray<>(SLOTS);

		private final Set<Deadline> overflow = ConcurrentHashMap.newKeySet();

		private final AtomicBoolean ticking = new AtomicBoolean();

		private final ScheduledThreadPoolExecutor timer;

		private DeadlineWatch() {
			this.timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, "vaultkv-http-deadlines");
				thread.setDaemon(true);
				return thread;
			});
		}

		void watch(Deadline deadline) {
			int first = System.identityHashCode(Thread.currentThread());
			for (int i = 0; i < PROBES; i++) {
				int slot = (first + i) & (SLOTS - 1);
				if (this.slots.get(slot) == null && this.slots.compareAndSet(slot, null, deadline)) {
					deadline.slot = slot;
					scheduleTick();
					return;
				}
			}
			this.overflow.add(deadline);
			scheduleTick();
		}

		void unwatch(Deadline deadline) {
			if (deadline.slot >= 0) {
				this.slots.compareAndSet(deadline.slot, deadline, null);
			}
			else {
				this.overflow.remove(deadline);
			}
		}

		@Override
		public void run() {
			long now = System.nanoTime();
			for (int slot = 0; slot < SLOTS; slot++) {
				Deadline deadline = this.slots.get(slot);
				if (deadline != null && deadline.check(now)) {
					this.slots.compareAndSet(slot, deadline, null);
				}
			}
			for (Deadline deadline : this.overflow) {
				if (deadline.check(now)) {
					this.overflow.remove(deadline);
				}
			}
			this.ticking.set(false);
			// looked at after ticking is cleared, so that a deadline watched meanwhile is not missed
			if (isWatching()) {
				scheduleTick();
			}
		}

		private boolean isWatching() {
			for (int slot = 0; slot < SLOTS; slot++) {
				if (this.slots.get(slot) != null) {
					return true;
				}
			}
			return !this.overflow.isEmpty();
		}

		private void scheduleTick() {
			if (this.ticking.compareAndSet(false, true)) {
				this.timer.schedule(this, TICK_MILLIS, TimeUnit.MILLISECONDS);
			}
		}

	}

	/**
	 * Builds a {@link VaultHttpRequestFactory}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private @Nullable Duration readTimeout = DEFAULT_READ_TIMEOUT;

		private @Nullable SSLContext sslContext;

		private DataSize maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;

		private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

		private int maxConnections = DEFAULT_MAX_CONNECTIONS;

		private boolean freshConnectionPerRequest;

		private @Nullable VaultProxy proxy;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Set the HTTP proxy to send requests through. Without one, the JDK's proxy system properties
		 * ({@code https.proxyHost}, {@code https.proxyPort}, {@code http.proxyHost},
		 * {@code http.proxyPort}, {@code http.nonProxyHosts}, {@code http(s).proxyUser} and
		 * {@code http(s).proxyPassword}) apply.
		 * @param proxy the proxy, or {@code null} for the system properties
		 * @return this builder
		 */
		public Builder proxy(@Nullable VaultProxy proxy) {
			this.proxy = proxy;
			return this;
		}

		/**
		 * Set how long to wait for a connection to be established.
		 * @param connectTimeout the connect timeout, positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.notNull(connectTimeout, "'connectTimeout' must not be null");
			Assert.isTrue(!connectTimeout.isNegative() && !connectTimeout.isZero(), "'connectTimeout' must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set how long a whole exchange may take, from asking for a connection to the last byte of
		 * the answer.
		 * @param readTimeout the read timeout, positive, or {@code null} to wait forever
		 * @return this builder
		 */
		public Builder readTimeout(@Nullable Duration readTimeout) {
			Assert.isTrue(readTimeout == null || (!readTimeout.isNegative() && !readTimeout.isZero()),
					"'readTimeout' must be positive");
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set the SSL context for {@code https} endpoints (custom CA, client certificate).
		 * @param sslContext the SSL context, or {@code null} for the JDK default
		 * @return this builder
		 * @see VaultSslSupport
		 */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Set the largest answer accepted; a larger one fails without being read to the end.
		 * @param maxResponseSize the limit, between 1 byte and 1 GiB
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
		 * Set how long pooled connections may stay unused before they are no longer trusted; keep it
		 * below the idle timeout of any load balancer or firewall between the application and Vault.
		 * @param idleTimeout the idle timeout, positive
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			Assert.notNull(idleTimeout, "'idleTimeout' must not be null");
			Assert.isTrue(!idleTimeout.isNegative() && !idleTimeout.isZero(), "'idleTimeout' must be positive");
			this.idleTimeout = idleTimeout;
			return this;
		}

		/**
		 * Set how many connections to Vault may be open at once; further requests wait for one,
		 * within their read timeout.
		 * @param maxConnections the limit, at least 1
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			Assert.isTrue(maxConnections > 0, "'maxConnections' must be at least 1");
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Set whether every request opens a new connection instead of reusing pooled ones; slower,
		 * for networks that break long-lived connections.
		 * @param freshConnectionPerRequest whether to open a connection per request
		 * @return this builder
		 */
		public Builder freshConnectionPerRequest(boolean freshConnectionPerRequest) {
			this.freshConnectionPerRequest = freshConnectionPerRequest;
			return this;
		}

		/**
		 * Set the clock that measures how long the factory stayed idle.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Build the request factory.
		 * @return the request factory
		 */
		public VaultHttpRequestFactory build() {
			return new VaultHttpRequestFactory(this);
		}

	}

}
