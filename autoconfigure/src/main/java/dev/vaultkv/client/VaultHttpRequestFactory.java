package dev.vaultkv.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * {@link ClientHttpRequestFactory} for Vault on the JDK {@link HttpClient}: HTTP/1.1 only (no
 * {@code Upgrade: h2c}), no redirects followed (the {@link DefaultVaultClient} follows Vault's 307
 * itself), and each answer received whole into one byte array bounded by a size limit, which costs
 * far less than streaming it through the JDK's input stream adapter.
 * <p>
 * Connections are kept alive and reused. Because a load balancer or firewall may drop a connection
 * that stayed idle without telling either end, the underlying {@link HttpClient} (with its pool) is
 * replaced when it has been idle longer than the {@linkplain Builder#idleTimeout idle timeout}, and an
 * idempotent request ({@code GET}, {@code HEAD}, {@code DELETE}, {@code OPTIONS}) that fails on a
 * reused connection before any byte of the answer arrived is sent once more on a new client. With
 * {@linkplain Builder#freshConnectionPerRequest fresh connections}, every request opens its own
 * connection. Under concurrent use, a pooled connection can stay idle while others are busy; the JDK
 * system property {@code jdk.httpclient.keepalive.timeout} (seconds) bounds that per connection and
 * should then be set below the idle timeout of the network path.
 * <p>
 * The read timeout bounds the whole exchange, from sending the request to receiving the last byte
 * of the answer, so a server that trickles its answer cannot hold a caller forever.
 * <p>
 * Replaced clients are shut down on JDK 21 and later; on JDK 17 their connections close when they are
 * garbage collected.
 * <p>
 * <strong>Warning:</strong> the JDK's HTTP client logging ({@code -Djdk.httpclient.HttpClient.log=headers}
 * or the {@code jdk.httpclient.HttpClient} logger) writes request headers, including
 * {@code X-Vault-Token}, to the log.
 *
 * @since 0.1.0
 */
public final class VaultHttpRequestFactory implements ClientHttpRequestFactory {

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

	private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade");

	private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD,
			HttpMethod.DELETE, HttpMethod.OPTIONS);

	private static final @Nullable Method SHUTDOWN = findShutdownMethod();

	private static final AtomicInteger FACTORY_IDS = new AtomicInteger();

	private final Duration connectTimeout;

	private final @Nullable Duration readTimeout;

	private final @Nullable SSLContext sslContext;

	private final long maxResponseSize;

	private final Duration idleTimeout;

	private final boolean freshConnectionPerRequest;

	private final Clock clock;

	private final ExecutorService executor;

	private final Object monitor = new Object();

	private volatile ClientHolder current;

	private final AtomicLong clientsCreated = new AtomicLong();

	private VaultHttpRequestFactory(Builder builder) {
		this.connectTimeout = builder.connectTimeout;
		this.readTimeout = builder.readTimeout;
		this.sslContext = builder.sslContext;
		this.maxResponseSize = builder.maxResponseSize.toBytes();
		this.idleTimeout = builder.idleTimeout;
		this.freshConnectionPerRequest = builder.freshConnectionPerRequest;
		this.clock = builder.clock;
		this.executor = Executors.newCachedThreadPool(new DaemonThreadFactory(FACTORY_IDS.incrementAndGet()));
		this.current = newHolder();
	}

	/**
	 * Create a builder.
	 * @return a new builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the limit on the size of an answer, in bytes.
	 * @return the limit
	 */
	public long getMaxResponseSize() {
		return this.maxResponseSize;
	}

	/**
	 * Return how many {@link HttpClient} instances (each with its own connection pool) this factory
	 * created so far; useful to observe connection renewal.
	 * @return the number of clients created
	 */
	public long getClientsCreated() {
		return this.clientsCreated.get();
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new VaultHttpRequest(uri, httpMethod);
	}

	private ClientHolder newHolder() {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(this.connectTimeout)
			.executor(this.executor);
		if (this.sslContext != null) {
			builder.sslContext(this.sslContext);
		}
		this.clientsCreated.incrementAndGet();
		return new ClientHolder(builder.build(), this.clock.millis());
	}

	private ClientHolder acquire() {
		if (this.freshConnectionPerRequest) {
			return newHolder();
		}
		ClientHolder holder = this.current;
		if (this.clock.millis() - holder.lastUsed.get() <= this.idleTimeout.toMillis()) {
			return holder;
		}
		synchronized (this.monitor) {
			holder = this.current;
			if (this.clock.millis() - holder.lastUsed.get() > this.idleTimeout.toMillis()) {
				ClientHolder stale = holder;
				holder = newHolder();
				this.current = holder;
				stale.shutdown();
			}
			return holder;
		}
	}

	private ClientHolder renew(ClientHolder failed) {
		synchronized (this.monitor) {
			if (this.current == failed) {
				this.current = newHolder();
				failed.shutdown();
			}
			return this.current;
		}
	}

	private void release(ClientHolder holder) {
		if (this.freshConnectionPerRequest) {
			holder.shutdown();
		}
		else {
			holder.lastUsed.set(this.clock.millis());
		}
	}

	private static @Nullable Method findShutdownMethod() {
		try {
			return HttpClient.class.getMethod("shutdown");
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	private final class VaultHttpRequest extends AbstractBufferingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

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
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
			HttpRequest request = buildRequest(headers, body);
			ClientHolder holder = acquire();
			boolean reused = holder.requests.getAndIncrement() > 0;
			BoundedBodyHandler handler = new BoundedBodyHandler(VaultHttpRequestFactory.this.maxResponseSize);
			try {
				return send(holder, request, handler);
			}
			catch (IOException ex) {
				if (!reused || handler.isResponseStarted() || !IDEMPOTENT_METHODS.contains(this.method)
						|| !isStaleConnectionFailure(ex)) {
					throw ex;
				}
				ClientHolder renewed = renew(holder);
				renewed.requests.incrementAndGet();
				return send(renewed, request,
						new BoundedBodyHandler(VaultHttpRequestFactory.this.maxResponseSize));
			}
		}

		private HttpRequest buildRequest(HttpHeaders headers, byte[] body) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(this.uri)
				.method(this.method.name(),
						(body.length > 0) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
			if (VaultHttpRequestFactory.this.readTimeout != null) {
				builder.timeout(VaultHttpRequestFactory.this.readTimeout);
			}
			headers.forEach((name, values) -> {
				if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					for (String value : values) {
						builder.header(name, value);
					}
				}
			});
			return builder.build();
		}

		private ClientHttpResponse send(ClientHolder holder, HttpRequest request, BoundedBodyHandler handler)
				throws IOException {
			CompletableFuture<HttpResponse<byte[]>> future = holder.client.sendAsync(request, handler);
			try {
				Duration timeout = VaultHttpRequestFactory.this.readTimeout;
				HttpResponse<byte[]> response = (timeout != null) ? future.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
						: future.get();
				return new BufferedClientHttpResponse(response.statusCode(), response.headers(), response.body());
			}
			catch (TimeoutException ex) {
				future.cancel(true);
				throw new HttpTimeoutException("request timed out");
			}
			catch (InterruptedException ex) {
				future.cancel(true);
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while waiting for Vault's answer");
			}
			catch (ExecutionException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				if (cause instanceof IOException io) {
					throw io;
				}
				if (cause instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IOException(cause.getClass().getSimpleName(), cause);
			}
			finally {
				release(holder);
			}
		}

		private boolean isStaleConnectionFailure(IOException ex) {
			return !(ex instanceof HttpTimeoutException || ex instanceof ConnectException
					|| ex instanceof SSLException || ex instanceof ResponseTooLargeException
					|| ex instanceof InterruptedIOException);
		}

	}

	private static final class ClientHolder {

		private final HttpClient client;

		private final AtomicLong lastUsed;

		private final AtomicLong requests = new AtomicLong();

		ClientHolder(HttpClient client, long now) {
			this.client = client;
			this.lastUsed = new AtomicLong(now);
		}

		void shutdown() {
			if (SHUTDOWN != null) {
				try {
					SHUTDOWN.invoke(this.client);
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					// Best effort: the client's connections close when it is garbage collected.
				}
			}
		}

	}

	private static final class DaemonThreadFactory implements ThreadFactory {

		private final AtomicInteger threads = new AtomicInteger();

		private final int factoryId;

		DaemonThreadFactory(int factoryId) {
			this.factoryId = factoryId;
		}

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable,
					"vaultkv-http-" + this.factoryId + "-" + this.threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
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

		private boolean freshConnectionPerRequest;

		private Clock clock = Clock.systemUTC();

		private Builder() {
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
		 * Set how long to wait for a complete answer once the request is sent.
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
		 * Set the clock that measures idle time.
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
