package dev.vaultkv.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.vaultkv.embedded.auth.AwsBackendFactory;
import dev.vaultkv.embedded.console.ConsoleHandler;
import dev.vaultkv.embedded.server.Ids;
import dev.vaultkv.embedded.server.Json;
import dev.vaultkv.embedded.server.RequestCallers;
import dev.vaultkv.embedded.server.RequestProcessor;
import dev.vaultkv.embedded.server.SecretWriter;
import dev.vaultkv.embedded.server.ServerSettings;
import dev.vaultkv.embedded.server.ServerState;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.BackendRegistry;
import dev.vaultkv.embedded.standin.AwsAccessKeys;

/**
 * An in-process, Vault-compatible HTTP server like {@code vault server -dev}, for development and tests
 * only: everything lives in memory, any unseal key unseals, and the root token is fixed.
 *
 * <pre class="code">
 * try (EmbeddedVaultServer vault = EmbeddedVaultServer.builder().rootToken("root").secret("secret/app/db",
 * 		Map.of("password", "s3cr3t")).start()) {
 * 	URI address = vault.getAddress(); // http://127.0.0.1:PORT
 * }
 * </pre>
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class EmbeddedVaultServer implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(EmbeddedVaultServer.class.getName());

	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private final HttpServer httpServer;

	private final ExecutorService executor;

	private final ScheduledExecutorService scheduler;

	private final ServerState state;

	private final RequestProcessor processor;

	private final ControllableClock clock;

	private final FaultInjector faults;

	private final RequestLog requestLog = new RequestLog();

	private final Map<String, Map<String, Object>> seeds;

	private final Map<String, String> mounts;

	private final Runnable housekeeping;

	private final URI address;

	private final boolean console;

	private final Flavour flavour;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AwsAccessKeys awsAccessKeys;

	private EmbeddedVaultServer(Builder builder) throws IOException {
		this.clock = builder.clock;
		ServerSettings settings = new ServerSettings(builder.rootToken, builder.defaultLeaseTtl, builder.maxLeaseTtl,
				builder.maxRequestSize, (builder.version != null) ? builder.version : builder.flavour.defaultVersion(),
				"vault-cluster-embedded", Ids.uuid(), Ids.base62(44), builder.flavour.isOpenBao());
		this.flavour = builder.flavour;
		BackendRegistry registry = BackendRegistry.withDefaults();
		builder.secretEngines.forEach(registry::registerSecretEngine);
		this.awsAccessKeys = builder.awsAccessKeys;
		registry.registerAuthMethod("aws", new AwsBackendFactory(this.awsAccessKeys));
		builder.authMethods.forEach(registry::registerAuthMethod);
		this.state = new ServerState(settings, this.clock, registry);
		this.processor = new RequestProcessor(this.state);
		this.faults = new FaultInjector(this.state);
		this.seeds = new LinkedHashMap<>(builder.seeds);
		this.mounts = new LinkedHashMap<>(builder.mounts);
		this.housekeeping = this.state::runHousekeeping;
		this.clock.addListener(this.housekeeping);
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
		InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port);
		SSLContext sslContext = builder.sslContext;
		if (sslContext != null) {
			HttpsServer https = HttpsServer.create(bind, 128);
			https.setHttpsConfigurator(new ClientCertificateConfigurator(sslContext));
			this.httpServer = https;
		}
		else {
			this.httpServer = HttpServer.create(bind, 128);
		}
		this.executor = Executors.newFixedThreadPool(builder.threads, daemonThreads("vaultkv-embedded-http-"));
		this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("vaultkv-embedded-delay-"));
		this.httpServer.setExecutor(this.executor);
		this.httpServer.createContext("/", new VaultHttpHandler(this.processor, this.faults, this.requestLog,
				new RequestCallers(this.state), this.scheduler, this.clock, builder.maxRequestSize));
		this.console = builder.console;
		if (this.console) {
			this.httpServer.createContext(ConsoleHandler.CONTEXT, new ConsoleHandler(this));
		}
		this.httpServer.start();
		int port = this.httpServer.getAddress().getPort();
		this.address = URI.create(((sslContext != null) ? "https" : "http") + "://127.0.0.1:" + port);
		try {
			applySeeds();
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		logger.log(System.Logger.Level.INFO, "vaultkv embedded Vault server listening on " + this.address
				+ " - for development and tests only, never for real secrets");
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Return the AWS access keys the {@code aws} auth method accepts for IAM logins, standing in for AWS
	 * STS; keys registered here take effect at once, and survive {@link #reset()}.
	 * @return the access keys
	 * @since 0.1.0
	 */
	public AwsAccessKeys awsAccessKeys() {
		return this.awsAccessKeys;
	}

	/**
	 * Start a server with the defaults: a free port, root token {@code root}, plain HTTP.
	 * @return the running server
	 * @since 0.1.0
	 */
	public static EmbeddedVaultServer start() {
		return builder().start();
	}

	/**
	 * Return a builder.
	 * @return a new builder
	 * @since 0.1.0
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the base address, e.g. {@code http://127.0.0.1:8200} (no trailing slash, no {@code /v1}).
	 * @return the address
	 * @since 0.1.0
	 */
	public URI getAddress() {
		return this.address;
	}

	/**
	 * Return which server this one answers as.
	 * @return the flavour
	 * @since 0.1.0
	 */
	public Flavour flavour() {
		return this.flavour;
	}

	/**
	 * Return the address of the browser console, e.g. {@code http://127.0.0.1:8200/ui/}, or {@code null} when
	 * the console is off (see {@link Builder#console(boolean)}).
	 * @return the console address or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable URI getConsoleAddress() {
		return this.console ? this.address.resolve(ConsoleHandler.PATH) : null;
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 * @since 0.1.0
	 */
	public int getPort() {
		return this.address.getPort();
	}

	/**
	 * Return the root token.
	 * @return the root token
	 * @since 0.1.0
	 */
	public String getRootToken() {
		return this.state.settings().rootToken();
	}

	/**
	 * Return the unseal key (any non-empty key unseals this dev server; this one is printed by the CLI).
	 * @return the unseal key
	 * @since 0.1.0
	 */
	public String getUnsealKey() {
		return this.state.settings().unsealKey();
	}

	/**
	 * Return whether the server speaks HTTPS.
	 * @return whether TLS is on
	 * @since 0.1.0
	 */
	public boolean isTls() {
		return "https".equals(this.address.getScheme());
	}

	/**
	 * Return the server clock.
	 * @return the clock
	 * @since 0.1.0
	 */
	public ControllableClock clock() {
		return this.clock;
	}

	/**
	 * Return the fault injector.
	 * @return the fault injector
	 * @since 0.1.0
	 */
	public FaultInjector faults() {
		return this.faults;
	}

	/**
	 * Return the request log.
	 * @return the request log
	 * @since 0.1.0
	 */
	public RequestLog requestLog() {
		return this.requestLog;
	}

	/**
	 * Seal the server: every logical request answers 503 {@code Vault is sealed} until unsealed.
	 * @since 0.1.0
	 */
	public void seal() {
		this.state.setSealed(true);
	}

	/**
	 * Unseal the server.
	 * @since 0.1.0
	 */
	public void unseal() {
		this.state.setSealed(false);
	}

	/**
	 * Return whether the server is sealed.
	 * @return whether sealed
	 * @since 0.1.0
	 */
	public boolean isSealed() {
		return this.state.isSealed();
	}

	/**
	 * Make {@code sys/health} report a standby node (429 by default) or an active one.
	 * @param standby whether to act as a standby
	 * @since 0.1.0
	 */
	public void setStandby(boolean standby) {
		this.state.setStandby(standby);
	}

	/**
	 * Make {@code sys/health} and {@code sys/init} report an uninitialized (501) or initialized server.
	 * @param initialized whether initialized
	 * @since 0.1.0
	 */
	public void setInitialized(boolean initialized) {
		this.state.setInitialized(initialized);
	}

	/**
	 * Revoke every token except the root token.
	 * @since 0.1.0
	 */
	public void revokeAllTokens() {
		this.state.revokeAllTokens();
	}

	/**
	 * Write a secret through the KV engine mounted at the path's first segments (KV v2: a new version of
	 * {@code <mount>/data/<rest>}; KV v1: {@code <mount>/<rest>}), as the root token.
	 * @param path the mount-qualified path, e.g. {@code secret/app/db}
	 * @param data the secret's fields
	 * @since 0.1.0
	 */
	public void putSecret(String path, Map<String, ?> data) {
		SecretWriter.put(this.processor::process, getRootToken(), path, data);
	}

	/**
	 * Return the live leases of secrets the server issued (e.g. database credentials), in lease ID order. A
	 * lease disappears once revoked, by {@code sys/leases/revoke*}, the revocation of the token that read it,
	 * or its expiry on the {@link #clock() server clock}.
	 * @return a copy of the leases
	 * @since 0.1.0
	 */
	public List<Lease> leases() {
		return this.state.leaseSnapshots()
			.stream()
			.map((lease) -> new Lease(lease.id(), lease.namespace(), lease.path(), lease.issueTime(),
					lease.expireTime(), lease.lastRenewal(), lease.renewable(), lease.irrevocable()))
			.toList();
	}

	private void applySeeds() {
		this.mounts.forEach(this::mount);
		this.seeds.forEach(this::putSecret);
	}

	private void mount(String path, String type) {
		SecretWriter.mount(this.processor::process, getRootToken(), path, type);
	}

	/**
	 * Return to dev defaults: only the default mounts, policies and the root token, unsealed, active, no
	 * faults, an empty request log, the clock back on real time; then the builder's mounts and seed secrets
	 * are created again. Leases are revoked first (database users are dropped). The port and root token
	 * stay.
	 * @since 0.1.0
	 */
	public void reset() {
		this.faults.clear();
		this.clock.reset();
		this.state.reset();
		this.requestLog.clear();
		applySeeds();
	}

	/**
	 * Stop the server, free its port and close the engines' connections (leases are not revoked, as when Vault
	 * stops). Idempotent.
	 * @since 0.1.0
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.clock.removeListener(this.housekeeping);
			this.httpServer.stop(0);
			this.scheduler.shutdownNow();
			this.executor.shutdownNow();
			try {
				this.executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.state.shutdown();
		}
	}

	/**
	 * Return whether {@link #close()} was called.
	 * @return whether closed
	 * @since 0.1.0
	 */
	public boolean isClosed() {
		return this.closed.get();
	}

	@Override
	public String toString() {
		return "EmbeddedVaultServer[" + this.address + "]";
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

	/**
	 * Builds and starts an {@link EmbeddedVaultServer}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int port;

		private String rootToken = "root";

		private @Nullable SSLContext sslContext;

		private long maxRequestSize = 32L * 1024 * 1024;

		private Duration defaultLeaseTtl = Duration.ofHours(768);

		private Duration maxLeaseTtl = Duration.ofHours(768);

		private int threads = 16;

		private @Nullable String version;

		private Flavour flavour = Flavour.VAULT;

		private ControllableClock clock = new ControllableClock();

		private boolean console;

		private final Map<String, Map<String, Object>> seeds = new LinkedHashMap<>();

		private final Map<String, String> mounts = new LinkedHashMap<>();

		private final Map<String, BackendFactory> secretEngines = new LinkedHashMap<>();

		private final Map<String, BackendFactory> authMethods = new LinkedHashMap<>();

		private final AwsAccessKeys awsAccessKeys = new AwsAccessKeys();

		private Builder() {
		}

		/**
		 * Set the port on 127.0.0.1 ({@code 0}, the default, picks a free one).
		 * @param port the port
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'port' must be between 0 and 65535");
			}
			this.port = port;
			return this;
		}

		/**
		 * Set the root token (default {@code root}).
		 * @param rootToken the root token
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder rootToken(String rootToken) {
			Objects.requireNonNull(rootToken, "'rootToken' must not be null");
			if (rootToken.isBlank()) {
				throw new IllegalArgumentException("'rootToken' must not be empty");
			}
			this.rootToken = rootToken;
			return this;
		}

		/**
		 * Serve HTTPS with this context; client certificates are requested but not required.
		 * @param sslContext the TLS context
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Serve HTTPS with the key and certificate in a key store, accepting any client certificate during
		 * the handshake (like Vault's listener; the cert auth method decides whether it trusts it).
		 * @param keyStore the key store holding the server's private key and certificate chain
		 * @param keyPassword the password of the key
		 * @return this builder
		 * @throws IllegalArgumentException if the key store cannot be used
		 * @since 0.1.0
		 */
		public Builder tls(KeyStore keyStore, char[] keyPassword) {
			return tls(keyStore, keyPassword, List.of());
		}

		/**
		 * Serve HTTPS with the key and certificate in a key store, naming CA certificates in the client
		 * certificate request (as Vault's {@code tls_client_ca_file}) without verifying client certificates
		 * during the handshake (the cert auth method decides whether it trusts them).
		 * @param keyStore the key store holding the server's private key and certificate chain
		 * @param keyPassword the password of the key
		 * @param clientCas the CAs to name in the certificate request; empty names none
		 * @return this builder
		 * @throws IllegalArgumentException if the key store cannot be used
		 * @since 0.1.0
		 */
		public Builder tls(KeyStore keyStore, char[] keyPassword, List<X509Certificate> clientCas) {
			Objects.requireNonNull(keyStore, "'keyStore' must not be null");
			Objects.requireNonNull(clientCas, "'clientCas' must not be null");
			try {
				KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keyStore, keyPassword);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keyManagers.getKeyManagers(), new TrustManager[] {
						new AnyClientCertificateTrustManager(clientCas.toArray(new X509Certificate[0])) }, null);
				this.sslContext = context;
				return this;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalArgumentException("Cannot use the key store for TLS: " + ex.getMessage(), ex);
			}
		}

		/**
		 * Serve HTTPS with a PEM certificate chain and private key, as Vault's {@code tls_cert_file} and
		 * {@code tls_key_file}. Client certificates are requested and handed to auth methods, never verified
		 * during the handshake.
		 * @param certificateChainPem the server certificate first, then its intermediates
		 * @param privateKeyPem the private key: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY})
		 * or SEC1 ({@code EC PRIVATE KEY}), unencrypted
		 * @param clientCaPem CA certificates named in the certificate request, as Vault's
		 * {@code tls_client_ca_file} (clients such as Java's then send a certificate one of them issued), or
		 * {@code null} to name none
		 * @return this builder
		 * @throws IllegalArgumentException naming what cannot be parsed or used
		 * @since 0.1.0
		 */
		public Builder tlsPem(String certificateChainPem, String privateKeyPem, @Nullable String clientCaPem) {
			Objects.requireNonNull(certificateChainPem, "'certificateChainPem' must not be null");
			Objects.requireNonNull(privateKeyPem, "'privateKeyPem' must not be null");
			this.sslContext = PemTls.serverContext(certificateChainPem, privateKeyPem, clientCaPem);
			return this;
		}

		/**
		 * Set the largest accepted request body (default 32 MiB); larger ones get 413.
		 * @param bytes the limit in bytes
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder maxRequestSize(long bytes) {
			if (bytes <= 0) {
				throw new IllegalArgumentException("'maxRequestSize' must be positive");
			}
			this.maxRequestSize = bytes;
			return this;
		}

		/**
		 * Set the system default lease TTL (default 768h).
		 * @param ttl the TTL
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder defaultLeaseTtl(Duration ttl) {
			this.defaultLeaseTtl = positive(ttl, "defaultLeaseTtl");
			return this;
		}

		/**
		 * Set the system max lease TTL (default 768h).
		 * @param ttl the TTL
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder maxLeaseTtl(Duration ttl) {
			this.maxLeaseTtl = positive(ttl, "maxLeaseTtl");
			return this;
		}

		private static Duration positive(Duration ttl, String name) {
			Objects.requireNonNull(ttl, "'" + name + "' must not be null");
			if (ttl.isNegative() || ttl.isZero()) {
				throw new IllegalArgumentException("'" + name + "' must be positive");
			}
			return ttl;
		}

		/**
		 * Set the number of request threads (default 16).
		 * @param threads the thread count
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder threads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("'threads' must be at least 1");
			}
			this.threads = threads;
			return this;
		}

		/**
		 * Set the version reported by {@code sys/health} and {@code sys/seal-status} (default {@code 1.19.0},
		 * or {@code 2.6.2} in {@link Flavour#OPENBAO OpenBao flavour}).
		 * @param version the version
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder version(String version) {
			this.version = Objects.requireNonNull(version, "'version' must not be null");
			return this;
		}

		/**
		 * Set which server to answer as (default {@link Flavour#VAULT}): {@link Flavour#OPENBAO} answers
		 * health, seal status, leader and version history as OpenBao 2.6 does and honours {@code after} and
		 * {@code limit} on the lists OpenBao paginates.
		 * @param flavour the flavour
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder flavour(Flavour flavour) {
			this.flavour = Objects.requireNonNull(flavour, "'flavour' must not be null");
			return this;
		}

		/**
		 * Use a given clock (e.g. one shared by several servers).
		 * @param clock the clock
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder clock(ControllableClock clock) {
			this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
			return this;
		}

		/**
		 * Serve the browser console at {@code /ui/} (default off): browse and edit KV secrets, watch the
		 * request log, seal and unseal, move the clock and switch faults, as the root token.
		 * @param console whether to serve the console
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder console(boolean console) {
			this.console = console;
			return this;
		}

		/**
		 * Write a secret at start (and after {@link EmbeddedVaultServer#reset()}) through the KV engine.
		 * @param path the mount-qualified path, e.g. {@code secret/app/db}
		 * @param data the fields
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder secret(String path, Map<String, ?> data) {
			Objects.requireNonNull(path, "'path' must not be null");
			Objects.requireNonNull(data, "'data' must not be null");
			this.seeds.put(path, new LinkedHashMap<>(data));
			return this;
		}

		/**
		 * Enable a secrets engine at start (and after {@link EmbeddedVaultServer#reset()}), before seed
		 * secrets are written, as {@code POST sys/mounts/<path> {"type": "<type>"}} does; e.g.
		 * {@code mount("database", "database")}.
		 * @param path the mount path, e.g. {@code database}
		 * @param type the engine type, e.g. {@code database} or {@code kv-v2}
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder mount(String path, String type) {
			Objects.requireNonNull(path, "'path' must not be null");
			Objects.requireNonNull(type, "'type' must not be null");
			this.mounts.put(path, type);
			return this;
		}

		/**
		 * Read secrets to write at start from a JSON file
		 * {@code {"secret/app/db": {"password": "..."}, ...}}.
		 * @param file the seed file
		 * @return this builder
		 * @throws IllegalArgumentException if the file cannot be read or has the wrong shape
		 * @since 0.1.0
		 */
		public Builder seed(Path file) {
			Objects.requireNonNull(file, "'file' must not be null");
			try {
				return seed(Files.readString(file), "Seed file " + file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read seed file " + file, ex);
			}
		}

		/**
		 * Seed secrets from JSON read from a stream, in the format of {@link #seed(Path)}; the stream is
		 * read fully but not closed.
		 * @param name a name for the source, used in error messages (a file name or resource location)
		 * @param input the JSON
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder seed(String name, InputStream input) {
			Objects.requireNonNull(name, "'name' must not be null");
			Objects.requireNonNull(input, "'input' must not be null");
			try {
				return seed(new String(input.readAllBytes(), StandardCharsets.UTF_8), "Seed " + name);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read seed " + name, ex);
			}
		}

		private Builder seed(String json, String source) {
			JsonNode root;
			try {
				root = Json.MAPPER.readTree(json);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(source + " is not valid JSON: " + ex.getOriginalMessage());
			}
			if (root == null || !root.isObject()) {
				throw new IllegalArgumentException(
						source + " must hold a JSON object of {\"<mount>/<path>\": {fields}}");
			}
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				if (!entry.getValue().isObject()) {
					throw new IllegalArgumentException(source + ": the value of '" + entry.getKey()
							+ "' must be a JSON object of secret fields");
				}
				Map<String, Object> fields = new LinkedHashMap<>();
				for (Map.Entry<String, JsonNode> field : entry.getValue().properties()) {
					fields.put(field.getKey(), Json.MAPPER.treeToValue(field.getValue(), Object.class));
				}
				this.seeds.put(entry.getKey(), fields);
			}
			return this;
		}

		/**
		 * Register AWS credentials of an IAM principal that the {@code aws} auth method accepts for IAM
		 * logins, standing in for AWS STS: a {@code sts:GetCallerIdentity} request signed with them is
		 * answered with the principal's ARN (see {@link EmbeddedVaultServer#awsAccessKeys()}).
		 * @param accessKeyId the access key ID
		 * @param secretAccessKey the secret access key
		 * @param arn the principal's ARN, such as {@code arn:aws:iam::123456789012:user/app}
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder awsAccessKey(String accessKeyId, String secretAccessKey, String arn) {
			this.awsAccessKeys.register(accessKeyId, secretAccessKey, arn);
			return this;
		}

		/**
		 * Register a secret engine type (normally the built-in ones suffice).
		 * @param type the type, e.g. {@code kv}
		 * @param factory the factory
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder secretEngine(String type, BackendFactory factory) {
			this.secretEngines.put(Objects.requireNonNull(type, "'type' must not be null"),
					Objects.requireNonNull(factory, "'factory' must not be null"));
			return this;
		}

		/**
		 * Register an auth method type (normally the built-in ones suffice).
		 * @param type the type, e.g. {@code approle}
		 * @param factory the factory
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder authMethod(String type, BackendFactory factory) {
			this.authMethods.put(Objects.requireNonNull(type, "'type' must not be null"),
					Objects.requireNonNull(factory, "'factory' must not be null"));
			return this;
		}

		/**
		 * Start the server.
		 * @return the running server
		 * @throws UncheckedIOException if the port cannot be bound
		 * @since 0.1.0
		 */
		public EmbeddedVaultServer start() {
			try {
				return new EmbeddedVaultServer(this);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the embedded Vault server on port " + this.port, ex);
			}
		}

	}

}
