package dev.vaultkv.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.server.HttpCall;
import dev.vaultkv.embedded.server.HttpResult;
import dev.vaultkv.embedded.server.RequestCallers;
import dev.vaultkv.embedded.server.ServerState;

/**
 * An HTTP or HTTPS listener on 127.0.0.1 that parses Vault requests, applies its own {@link FaultInjector},
 * hands each call to a processor and records it in its own {@link RequestLog} (and in any extra logs). It
 * can be stopped and started again on the same port, keeping its faults and log. Each node of an
 * {@code EmbeddedVaultCluster} has one; a single {@link EmbeddedVaultServer} does not need it.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class VaultHttpListener {

	private final Function<HttpCall, HttpResult> processor;

	private final FaultInjector faults;

	private final RequestCallers callers;

	private final RequestLog requestLog = new RequestLog();

	private final List<RequestLog> logs;

	private final ControllableClock clock;

	private final long maxRequestSize;

	private final int threads;

	private final String name;

	private final @Nullable SSLContext sslContext;

	private int port;

	private volatile @Nullable Running running;

	/**
	 * Create a stopped listener.
	 * @param name a name for its threads, e.g. {@code node-0}
	 * @param port the port ({@code 0} picks a free one on the first start, kept afterwards)
	 * @param processor answers each parsed request
	 * @param state the state the {@link #faults() fault injector} seals and unseals
	 * @param clock the clock of request log entries
	 * @param maxRequestSize the largest accepted body in bytes
	 * @param threads the number of request threads
	 * @param extraLogs logs that record every request besides this listener's own
	 * @param sslContext the TLS context to serve HTTPS with (client certificates requested, not required), or
	 * {@code null} for plain HTTP
	 * @since 0.1.0
	 */
	public VaultHttpListener(String name, int port, Function<HttpCall, HttpResult> processor, ServerState state,
			ControllableClock clock, long maxRequestSize, int threads, List<RequestLog> extraLogs,
			@Nullable SSLContext sslContext) {
		this.name = Objects.requireNonNull(name, "'name' must not be null");
		this.sslContext = sslContext;
		this.port = port;
		this.processor = Objects.requireNonNull(processor, "'processor' must not be null");
		this.faults = new FaultInjector(Objects.requireNonNull(state, "'state' must not be null"));
		this.callers = new RequestCallers(state);
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
		this.maxRequestSize = maxRequestSize;
		this.threads = threads;
		List<RequestLog> all = new ArrayList<>();
		all.add(this.requestLog);
		all.addAll(extraLogs);
		this.logs = List.copyOf(all);
	}

	/**
	 * Bind the port and serve; does nothing if already started.
	 * @throws UncheckedIOException if the port cannot be bound
	 * @since 0.1.0
	 */
	public synchronized void start() {
		if (this.running != null) {
			return;
		}
		InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port);
		HttpServer server;
		try {
			if (this.sslContext != null) {
				HttpsServer https = HttpsServer.create(bind, 128);
				https.setHttpsConfigurator(new ClientCertificateConfigurator(this.sslContext));
				server = https;
			}
			else {
				server = HttpServer.create(bind, 128);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + this.port, ex);
		}
		ExecutorService executor = Executors.newFixedThreadPool(this.threads,
				daemonThreads("vaultkv-embedded-" + this.name + "-http-"));
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(daemonThreads("vaultkv-embedded-" + this.name + "-delay-"));
		server.setExecutor(executor);
		server.createContext("/", new VaultHttpHandler(this.processor, this.faults, this.logs, this.callers, scheduler,
				this.clock, this.maxRequestSize));
		server.start();
		this.port = server.getAddress().getPort();
		this.running = new Running(server, executor, scheduler);
	}

	/**
	 * Close the port (clients then get "connection refused") and stop the request threads; does nothing if
	 * stopped.
	 * @since 0.1.0
	 */
	public synchronized void stop() {
		Running current = this.running;
		if (current == null) {
			return;
		}
		this.running = null;
		current.server.stop(0);
		current.scheduler.shutdownNow();
		current.executor.shutdownNow();
		try {
			current.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return whether the listener is serving.
	 * @return whether started
	 * @since 0.1.0
	 */
	public boolean isRunning() {
		return this.running != null;
	}

	/**
	 * Return the port (the one chosen at the first start when created with {@code 0}).
	 * @return the port
	 * @since 0.1.0
	 */
	public synchronized int port() {
		return this.port;
	}

	/**
	 * Return the address, e.g. {@code http://127.0.0.1:8200} ({@code https} with TLS).
	 * @return the address
	 * @since 0.1.0
	 */
	public URI address() {
		return URI.create(((this.sslContext != null) ? "https" : "http") + "://127.0.0.1:" + port());
	}

	/**
	 * Return this listener's fault injector.
	 * @return the faults
	 * @since 0.1.0
	 */
	public FaultInjector faults() {
		return this.faults;
	}

	/**
	 * Return this listener's own request log.
	 * @return the log
	 * @since 0.1.0
	 */
	public RequestLog requestLog() {
		return this.requestLog;
	}

	/**
	 * Record a request this listener's node answered without receiving it over HTTP (such as one forwarded
	 * to it by another node) in its own log only.
	 * @param method the method
	 * @param path the path after {@code /v1/}
	 * @param namespace the namespace header or {@code ""}
	 * @param status the status answered
	 * @since 0.1.0
	 */
	public void record(String method, String path, String namespace, int status) {
		this.requestLog.add(new RequestLogEntry(this.clock.instant(), method, path, namespace, status));
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public String toString() {
		return "VaultHttpListener[" + this.name + ", port " + port() + "]";
	}

	private static final class ClientCertificateConfigurator extends HttpsConfigurator {

		ClientCertificateConfigurator(SSLContext context) {
			super(context);
		}

		@Override
		public void configure(HttpsParameters params) {
			SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
			parameters.setWantClientAuth(true);
			params.setSSLParameters(parameters);
		}

	}

	private record Running(HttpServer server, ExecutorService executor, ScheduledExecutorService scheduler) {
	}

}
