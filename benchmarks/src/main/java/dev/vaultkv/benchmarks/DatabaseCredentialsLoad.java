package dev.vaultkv.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.database.DatabaseCredentialsManager;
import dev.vaultkv.database.DatabaseCredentialsManagers;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.Lease;
import dev.vaultkv.embedded.RequestLogEntry;

/**
 * Figure (g), database credentials: a Spring Boot application (full auto-configuration, HikariCP) on
 * credentials from the embedded server's database engine, against an in-memory H2 database in the same JVM
 * that the engine manages and that enforces passwords, in real time (short TTLs, no controllable clock).
 * <ul>
 * <li>Dynamic role ({@code default_ttl=4s}, {@code max_ttl=10s}, {@code vault.database.revoke-delay=2s}): 8
 * threads query through the pool while the lease is renewed and, at {@code max_ttl}, the credentials are
 * replaced by a new user and the old one is revoked. Failed queries, p99 around rotations against steady,
 * rotations and renewals, users created and dropped, how long the old and the new user both exist and how
 * long the pool keeps a session of the old user, and the leases left once the application closed.</li>
 * <li>Static role ({@code rotation_period=5s}): failed queries, and the lag from Vault's rotation
 * ({@code last_vault_rotation}) to the pool's first connection with the new password.</li>
 * </ul>
 * The embedded server does its time-driven work (lease expiry, static rotations) around requests only; a
 * request every 100 ms stands in for Vault's background expiration manager and rotation queue.
 * <p>
 * Usage: {@code DatabaseCredentialsLoad [--quick] [--append file]}; it runs on the module's class path
 * (Boot's auto-configuration files do not survive shading), on loopback only, and stops by itself after
 * about a minute and a half.
 *
 * @since 0.1.0
 */
public final class DatabaseCredentialsLoad {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int THREADS = 8;

	private static final int POOL_SIZE = 4;

	private static final Duration DEFAULT_TTL = Duration.ofSeconds(4);

	private static final Duration MAX_TTL = Duration.ofSeconds(10);

	private static final Duration REVOKE_DELAY = Duration.ofSeconds(2);

	private static final Duration ROTATION_PERIOD = Duration.ofSeconds(5);

	/** {@code vault.database.static-margin}, left at its default. */
	private static final Duration STATIC_MARGIN = Duration.ofSeconds(2);

	private static final Duration WATCH_INTERVAL = Duration.ofMillis(20);

	private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(100);

	/** Queries started earlier are warm-up: failures are counted, latencies are not. */
	private static final double WARMUP_MILLIS = 5_000;

	/** A rotation whose old user should be gone this long before the queries stop is complete. */
	private static final double COMPLETE_SLACK_MILLIS = 1_000;

	/** A rotation's window reaches this far before and after it. */
	private static final double WINDOW_MARGIN_MILLIS = 500;

	private static final String STATIC_USER = "dbload_owner";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private DatabaseCredentialsLoad() {
	}

	/**
	 * Measure, print and optionally append a Markdown section.
	 * @param args {@code [--quick] [--append file]}
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		// before H2 loads: answer a wrong password at once (H2 waits 250 ms and more by default, against brute
		// force), so that a rejection costs what vaultkv makes of it
		System.setProperty("h2.delayWrongPasswordMin", "0");
		System.setProperty("h2.delayWrongPasswordMax", "0");
		boolean quick = false;
		Path append = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--append" -> append = Path.of(args[++i]);
				default -> throw new IllegalArgumentException(
						"Unknown argument '" + args[i] + "'; expected [--quick] [--append file]");
			}
		}
		Duration dynamicRun = quick ? Duration.ofSeconds(15) : Duration.ofSeconds(60);
		Duration staticRun = quick ? Duration.ofSeconds(12) : Duration.ofSeconds(25);
		String started = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		long begin = System.nanoTime();
		DynamicResult dynamic = dynamic(dynamicRun);
		double loadBetween = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		StaticResult statik = staticRole(staticRun);
		double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		String section = new Report(started, quick, new double[] { loadBefore, loadBetween, loadAfter },
				Duration.ofNanos(System.nanoTime() - begin)).write(dynamic, statik);
		System.out.println(section);
		if (append != null) {
			Files.writeString(append, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
	}

	private static DynamicResult dynamic(Duration run) throws Exception {
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder().port(0).mount("database", "database").start();
				EngineDatabase database = EngineDatabase.create("dbload_dynamic")) {
			VaultHttp vault = new VaultHttp(server);
			vault.post("database/config/db", database.configJson());
			ObjectNode role = JSON.createObjectNode();
			role.put("db_name", "db");
			role.putArray("creation_statements")
				.add("CREATE USER \"{{name}}\" PASSWORD '{{password}}'; GRANT SELECT ON greeting TO \"{{name}}\"");
			role.put("default_ttl", DEFAULT_TTL.toSeconds() + "s");
			role.put("max_ttl", MAX_TTL.toSeconds() + "s");
			vault.post("database/roles/app", JSON.writeValueAsString(role));
			Timeline timeline = Timeline.start();
			DatabaseWatch watch = new DatabaseWatch(database, timeline, WATCH_INTERVAL);
			Heartbeat heartbeat = new Heartbeat(vault, "sys/health", null);
			watch.start();
			heartbeat.start();
			List<Generation> generations = new CopyOnWriteArrayList<>();
			RecordedQueries.Result queries;
			GcPauses.Summary gc;
			DatabaseCredentialsManager.Status status;
			int leasesBeforeClose;
			double appStarted;
			double queriesStopped;
			double closed;
			List<Lease> leasesAfterClose;
			try (ConfigurableApplicationContext context = start(server, database,
					Map.of("vault.database.role", "app", "vault.database.revoke-delay", REVOKE_DELAY.toSeconds() + "s"))) {
				appStarted = timeline.now();
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				DatabaseCredentialsManager manager = context.getBean(DatabaseCredentialsManagers.class)
					.getManagers()
					.get(0);
				manager.addListener((credentials) -> generations.add(new Generation(timeline.now(),
						credentials.generation(), credentials.username(), credentials.password())));
				watch.follow(dataSource);
				RecordedQueries load = new RecordedQueries(dataSource, THREADS, timeline);
				try (GcPauses pauses = new GcPauses()) {
					load.start();
					LockSupport.parkNanos(run.toNanos());
					queries = load.stop(STOP_TIMEOUT);
					gc = pauses.summary();
				}
				queriesStopped = timeline.now();
				status = manager.getStatus();
				leasesBeforeClose = server.leases().size();
				context.close();
				closed = timeline.now();
				leasesAfterClose = server.leases();
			}
			heartbeat.stop();
			watch.stop();
			return new DynamicResult(appStarted, queriesStopped, closed, queries, gc, status, List.copyOf(generations),
					watch.users().stream().filter((user) -> !EngineDatabase.ADMINISTRATORS.contains(user.name)).toList(),
					watch.sessions(), watch.poolCredentials(), watch.polls(), leasesBeforeClose, leasesAfterClose,
					new Requests(server.requestLog().entries(), timeline));
		}
	}

	private static StaticResult staticRole(Duration run) throws Exception {
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder().port(0).mount("database", "database").start();
				EngineDatabase database = EngineDatabase.create("dbload_static")) {
			VaultHttp vault = new VaultHttp(server);
			database.createUser(STATIC_USER, EngineDatabase.randomPassword(new SecureRandom()));
			vault.post("database/config/db", database.configJson());
			vault.post("database/static-roles/owner", "{\"db_name\":\"db\",\"username\":\"" + STATIC_USER
					+ "\",\"rotation_period\":\"" + ROTATION_PERIOD.toSeconds() + "s\"}");
			Timeline timeline = Timeline.start();
			DatabaseWatch watch = new DatabaseWatch(database, timeline, WATCH_INTERVAL);
			List<VaultRotation> rotations = new CopyOnWriteArrayList<>();
			Heartbeat heartbeat = new Heartbeat(vault, "database/static-creds/owner", (data) -> {
				String password = data.path("password").asString();
				if (rotations.isEmpty() || !rotations.get(rotations.size() - 1).password().equals(password)) {
					rotations.add(new VaultRotation(timeline.now(),
							timeline.millis(Instant.parse(data.path("last_vault_rotation").asString())), password));
				}
			});
			watch.start();
			heartbeat.start();
			List<Generation> generations = new CopyOnWriteArrayList<>();
			RecordedQueries.Result queries;
			GcPauses.Summary gc;
			DatabaseCredentialsManager.Status status;
			double appStarted;
			double queriesStopped;
			try (ConfigurableApplicationContext context = start(server, database,
					Map.of("vault.database.role", "owner", "vault.database.kind", "static"))) {
				appStarted = timeline.now();
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				DatabaseCredentialsManager manager = context.getBean(DatabaseCredentialsManagers.class)
					.getManagers()
					.get(0);
				manager.addListener((credentials) -> generations.add(new Generation(timeline.now(),
						credentials.generation(), credentials.username(), credentials.password())));
				watch.follow(dataSource);
				RecordedQueries load = new RecordedQueries(dataSource, THREADS, timeline);
				try (GcPauses pauses = new GcPauses()) {
					load.start();
					LockSupport.parkNanos(run.toNanos());
					queries = load.stop(STOP_TIMEOUT);
					gc = pauses.summary();
				}
				queriesStopped = timeline.now();
				status = manager.getStatus();
			}
			heartbeat.stop();
			watch.stop();
			return new StaticResult(appStarted, queriesStopped, queries, gc, status, List.copyOf(generations),
					List.copyOf(rotations), watch.sessions(), watch.poolCredentials(),
					new Requests(server.requestLog().entries(), timeline));
		}
	}

	private static ConfigurableApplicationContext start(EmbeddedVaultServer server, EngineDatabase database,
			Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("vault.uri", server.getAddress().toString());
		properties.put("vault.token", server.getRootToken());
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.hikari.maximum-pool-size", POOL_SIZE);
		properties.put("spring.datasource.hikari.pool-name", "database-load");
		properties.putAll(extra);
		return new SpringApplicationBuilder(DatabaseApp.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
	}

	static double percentileMillis(long[] sortedNanos, double percentile) {
		return RotationLoad.percentile(sortedNanos, percentile);
	}

	static double percentile(double[] values, double percentile) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/**
	 * The application: auto-configuration only (DataSource with HikariCP, vaultkv with its database
	 * credentials).
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class DatabaseApp {

	}

	/**
	 * Requests to the embedded server as root, over the JDK client, outside the application.
	 */
	static final class VaultHttp {

		private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private final URI address;

		private final String token;

		VaultHttp(EmbeddedVaultServer server) {
			this.address = server.getAddress();
			this.token = server.getRootToken();
		}

		void post(String path, String json) throws Exception {
			HttpResponse<String> response = this.client.send(request(path)
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.header("Content-Type", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
			}
		}

		JsonNode get(String path) throws Exception {
			HttpResponse<String> response = this.client.send(request(path).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
			}
			return JSON.readTree(response.body());
		}

		private HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(this.address.resolve("/v1/" + path))
				.timeout(Duration.ofSeconds(10))
				.header("X-Vault-Token", this.token);
		}

	}

	/**
	 * A request to the embedded server every 100 ms, which does the server's time-driven work (lease expiry,
	 * static rotations) as Vault's background managers would, optionally handing over the answer's data.
	 */
	static final class Heartbeat {

		private final VaultHttp vault;

		private final String path;

		private final @Nullable Consumer<JsonNode> data;

		private final Thread thread;

		private volatile boolean stopped;

		private volatile @Nullable String failure;

		Heartbeat(VaultHttp vault, String path, @Nullable Consumer<JsonNode> data) {
			this.vault = vault;
			this.path = path;
			this.data = data;
			this.thread = new Thread(this::run, "vault-heartbeat");
			this.thread.setDaemon(true);
		}

		void start() {
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.stopped = true;
			this.thread.join(TimeUnit.SECONDS.toMillis(15));
			String failed = this.failure;
			if (failed != null) {
				throw new IllegalStateException("The heartbeat failed: " + failed);
			}
		}

		private void run() {
			long next = System.nanoTime();
			while (!this.stopped) {
				try {
					JsonNode answer = this.vault.get(this.path);
					if (this.data != null) {
						this.data.accept(answer.path("data"));
					}
				}
				catch (Exception ex) {
					this.failure = ex.toString();
					return;
				}
				next += HEARTBEAT_INTERVAL.toNanos();
				long wait = next - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				else {
					next = System.nanoTime();
				}
			}
		}

	}

	/**
	 * Credentials handed out by the manager.
	 *
	 * @param at when the listener got them, in milliseconds of the timeline
	 * @param generation their generation
	 * @param username the user name
	 * @param password the password (kept in memory, never printed)
	 */
	record Generation(double at, long generation, String username, String password) {

		@Override
		public String toString() {
			return "Generation[at=" + this.at + ", generation=" + this.generation + ", username=" + this.username + "]";
		}

	}

	/**
	 * A password of a static role as the heartbeat saw it.
	 *
	 * @param seen when the heartbeat saw it first
	 * @param rotated Vault's {@code last_vault_rotation}
	 * @param password the password (kept in memory, never printed)
	 */
	record VaultRotation(double seen, double rotated, String password) {

		@Override
		public String toString() {
			return "VaultRotation[seen=" + this.seen + ", rotated=" + this.rotated + "]";
		}

	}

	/**
	 * The requests the embedded server logged, in milliseconds of the timeline.
	 */
	static final class Requests {

		private final List<RequestLogEntry> entries;

		private final Timeline timeline;

		Requests(List<RequestLogEntry> entries, Timeline timeline) {
			this.entries = List.copyOf(entries);
			this.timeline = timeline;
		}

		List<Double> times(String method, String pathPrefix) {
			return this.entries.stream()
				.filter((entry) -> entry.method().equalsIgnoreCase(method) && entry.path().startsWith(pathPrefix))
				.map((entry) -> this.timeline.millis(entry.time()))
				.toList();
		}

		long failed(String pathPrefix) {
			return this.entries.stream()
				.filter((entry) -> entry.path().startsWith(pathPrefix) && entry.status() >= 400)
				.count();
		}

	}

	/**
	 * The dynamic role's run, in milliseconds of its timeline.
	 */
	record DynamicResult(double appStarted, double queriesStopped, double closed, RecordedQueries.Result queries,
			GcPauses.Summary gc, DatabaseCredentialsManager.Status status, List<Generation> generations, List<DatabaseWatch.UserLife> users,
			List<DatabaseWatch.SessionLife> sessions, List<DatabaseWatch.PoolCredentials> poolCredentials,
			double[] polls, int leasesBeforeClose, List<Lease> leasesAfterClose, Requests requests) {

		/**
		 * The replacements of one user by the next, in order, during the queries.
		 */
		List<Replacement> replacements() {
			List<DatabaseWatch.UserLife> ordered = this.users.stream()
				.sorted(Comparator.comparingDouble((user) -> user.firstSeen))
				.toList();
			List<Replacement> replacements = new ArrayList<>();
			for (int i = 1; i < ordered.size(); i++) {
				DatabaseWatch.UserLife old = ordered.get(i - 1);
				DatabaseWatch.UserLife next = ordered.get(i);
				if (next.firstSeen > this.queriesStopped) {
					continue;
				}
				double lastOldSession = -1;
				int orphaned = 0;
				for (DatabaseWatch.SessionLife session : this.sessions) {
					if (old.name.equals(session.user)) {
						lastOldSession = Math.max(lastOldSession, session.lastSeen);
						if (session.orphaned >= 0) {
							orphaned++;
						}
					}
				}
				double noOldSession = (lastOldSession < next.firstSeen) ? next.firstSeen : firstPollAfter(lastOldSession);
				double poolSwitched = this.poolCredentials.stream()
					.filter((credentials) -> credentials.username().equalsIgnoreCase(next.name))
					.mapToDouble(DatabaseWatch.PoolCredentials::since)
					.min()
					.orElse(Double.NaN);
				boolean complete = next.firstSeen + REVOKE_DELAY.toMillis() + COMPLETE_SLACK_MILLIS <= this.queriesStopped;
				replacements.add(new Replacement(old.name, next.name, next.firstSeen,
						old.isGone() ? old.gone : Double.NaN, poolSwitched, noOldSession, orphaned, complete));
			}
			return replacements;
		}

		private double firstPollAfter(double millis) {
			for (double poll : this.polls) {
				if (poll > millis) {
					return poll;
				}
			}
			return Double.NaN;
		}

		List<DatabaseWatch.UserLife> usersLeft() {
			return this.users.stream().filter((user) -> !user.isGone()).toList();
		}

		List<DatabaseWatch.UserLife> usersDroppedWhileRunning() {
			return this.users.stream().filter((user) -> user.isGone() && user.gone <= this.queriesStopped).toList();
		}

		List<DatabaseWatch.SessionLife> orphanedSessions() {
			return this.sessions.stream().filter((session) -> session.orphaned >= 0).toList();
		}

		/**
		 * {@code [steady, around rotations]}, sorted latencies in nanoseconds.
		 */
		long[][] latencies() {
			List<double[]> windows = replacements().stream()
				.map((replacement) -> new double[] { replacement.created() - WINDOW_MARGIN_MILLIS,
						Math.max(orStopped(replacement.oldGone()), orStopped(replacement.noOldSession()))
								+ WINDOW_MARGIN_MILLIS })
				.toList();
			return this.queries.split(this.appStarted + WARMUP_MILLIS, windows);
		}

		private double orStopped(double millis) {
			return Double.isNaN(millis) ? this.queriesStopped : millis;
		}

		double[] pollGaps() {
			double[] gaps = new double[Math.max(0, this.polls.length - 1)];
			for (int i = 1; i < this.polls.length; i++) {
				gaps[i - 1] = this.polls[i] - this.polls[i - 1];
			}
			return gaps;
		}

	}

	/**
	 * One user replaced by the next, in milliseconds of the timeline.
	 *
	 * @param oldUser the replaced user
	 * @param newUser the new user
	 * @param created the first poll that saw the new user
	 * @param oldGone the first poll that no longer saw the old user, {@code NaN} if it never went
	 * @param poolSwitched the first poll that saw the pool on the new user
	 * @param noOldSession the first poll that saw no session of the old user
	 * @param orphanedSessions sessions of the old user that outlived it (H2 fails their statements)
	 * @param complete whether its revoke delay ended (with a second to spare) before the queries stopped; the
	 * shutdown revokes the old lease of a later one
	 */
	record Replacement(String oldUser, String newUser, double created, double oldGone, double poolSwitched,
			double noOldSession, int orphanedSessions, boolean complete) {

		double bothExist() {
			return this.oldGone - this.created;
		}

		double poolOffOldUser() {
			return this.noOldSession - this.created;
		}

	}

	/**
	 * The static role's run, in milliseconds of its timeline.
	 */
	record StaticResult(double appStarted, double queriesStopped, RecordedQueries.Result queries,
			GcPauses.Summary gc, DatabaseCredentialsManager.Status status, List<Generation> generations, List<VaultRotation> rotations,
			List<DatabaseWatch.SessionLife> sessions, List<DatabaseWatch.PoolCredentials> poolCredentials,
			Requests requests) {

		/**
		 * Vault's rotations while the queries ran, each with when the application had the new password,
		 * when the pool took it and when the pool's first connection with it started.
		 */
		List<StaticLag> lags() {
			List<StaticLag> lags = new ArrayList<>();
			for (VaultRotation rotation : this.rotations) {
				if (rotation.rotated() <= this.appStarted || rotation.rotated() > this.queriesStopped) {
					continue;
				}
				double read = this.generations.stream()
					.filter((generation) -> generation.password().equals(rotation.password()))
					.mapToDouble(Generation::at)
					.min()
					.orElse(Double.NaN);
				double switched = this.poolCredentials.stream()
					.filter((credentials) -> credentials.password().equals(rotation.password()))
					.mapToDouble(DatabaseWatch.PoolCredentials::since)
					.min()
					.orElse(Double.NaN);
				double firstSession = this.sessions.stream()
					.filter((session) -> STATIC_USER.toUpperCase(Locale.ROOT).equals(session.user)
							&& session.poolCredentials != null
							&& session.poolCredentials.password().equals(rotation.password())
							&& session.start > rotation.rotated())
					.mapToDouble((session) -> session.start)
					.min()
					.orElse(Double.NaN);
				boolean complete = firstSession <= this.queriesStopped || rotation.rotated() + STATIC_MARGIN.toMillis()
						+ 1_000 + COMPLETE_SLACK_MILLIS <= this.queriesStopped;
				lags.add(new StaticLag(rotation.rotated(), read, switched, firstSession, complete));
			}
			return lags;
		}

		long[][] latencies() {
			List<double[]> windows = lags().stream()
				.map((lag) -> new double[] { lag.rotated() - WINDOW_MARGIN_MILLIS,
						(Double.isNaN(lag.firstSession()) ? this.queriesStopped : lag.firstSession())
								+ WINDOW_MARGIN_MILLIS })
				.toList();
			return this.queries.split(this.appStarted + WARMUP_MILLIS, windows);
		}

	}

	/**
	 * A static rotation, in milliseconds of the timeline.
	 *
	 * @param rotated Vault's {@code last_vault_rotation}
	 * @param read when the application's manager handed out the new password
	 * @param switched the first poll that saw the pool on it
	 * @param firstSession the start of the pool's first session with it
	 * @param complete whether the pool took it, or the application was due to read it (margin and rounding,
	 * with a second to spare), before the queries stopped
	 */
	record StaticLag(double rotated, double read, double switched, double firstSession, boolean complete) {

		double lag() {
			return this.firstSession - this.rotated;
		}

	}

	/**
	 * Writes the Markdown section.
	 */
	private record Report(String started, boolean quick, double[] loads, Duration took) {

		String write(DynamicResult dynamic, StaticResult statik) {
			StringBuilder out = new StringBuilder();
			out.append("\n## g. Database credentials (").append(this.started).append(")\n\n");
			if (this.quick) {
				out.append("**Quick run (`--quick`): these figures only show that the program works.**\n\n");
			}
			out.append("`DatabaseCredentialsLoad`: a Boot application (web type none, full auto-configuration, "
					+ "HikariCP with ")
				.append(POOL_SIZE)
				.append(" connections) whose `spring.datasource.url` is an in-memory H2 database in the same JVM that the "
						+ "embedded server's database engine manages (`h2-database-plugin`; H2 enforces passwords; its "
						+ "delay after a wrong password is set to 0), with `vault.database.*` credentials, in real time "
						+ "(no controllable clock). ")
				.append(THREADS)
				.append(" threads query through the pool (a borrowed connection per query); the first ")
				.append(String.format(Locale.ROOT, "%.0f", WARMUP_MILLIS / 1000))
				.append(" s are warm-up (failures counted, latencies not). An administrator connection polls "
						+ "`INFORMATION_SCHEMA.USERS` and `SESSIONS` every ")
				.append(WATCH_INTERVAL.toMillis())
				.append(" ms. The embedded server does its time-driven work (lease expiry, static rotations) around "
						+ "requests only, so a request every ")
				.append(HEARTBEAT_INTERVAL.toMillis())
				.append(" ms stands in for Vault's background expiration manager and rotation queue.\n\n");
			out.append("- Command: `java -cp \"benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)\" ")
				.append("dev.vaultkv.benchmarks.DatabaseCredentialsLoad")
				.append(this.quick ? " --quick" : "")
				.append(" --append benchmarks/RESULTS.md` (after `./mvnw -B -pl benchmarks -am package -DskipTests`)\n");
			int processors = Runtime.getRuntime().availableProcessors();
			double maxLoad = Arrays.stream(this.loads).max().orElse(0);
			out.append("- JVM: ")
				.append(System.getProperty("java.vm.name"))
				.append(' ')
				.append(System.getProperty("java.runtime.version"))
				.append("; machine: ")
				.append(processors)
				.append(" processors, load average ")
				.append(String.format(Locale.ROOT, "%.1f at start, %.1f between the runs, %.1f at end", this.loads[0],
						this.loads[1], this.loads[2]))
				.append((maxLoad > processors) ? " (loaded beyond the processor count: absolute times are inflated)"
						: "")
				.append("; the run took ")
				.append(this.took.toSeconds())
				.append(" s\n\n");
			dynamic(out, dynamic);
			statik(out, statik);
			return out.toString();
		}

		private void dynamic(StringBuilder out, DynamicResult result) {
			out.append("### Dynamic role\n\n");
			out.append(String.format(Locale.ROOT, "Role `app`: `default_ttl=%ds`, `max_ttl=%ds`, creation `CREATE USER "
					+ "\"{{name}}\" PASSWORD '{{password}}'; GRANT SELECT ON greeting TO \"{{name}}\"` (revocation: the "
					+ "plugin's `DROP USER IF EXISTS`); the application with `vault.database.role=app`, "
					+ "`vault.database.revoke-delay=%ds`, %d s of queries. The manager renews at two thirds of the lease "
					+ "and, once Vault caps a renewal at `max_ttl`, reads new credentials when the lease has "
					+ "max(revoke-delay, a third of the lease) left, hands them to the pool (soft eviction) and revokes "
					+ "the old lease after the revoke delay. Around a rotation: queries started from %.1f s before the "
					+ "new user appeared to %.1f s after the old user went and the pool had no session of it left "
					+ "(steady: the other queries after the warm-up). Targets: 0 failed queries, 0 leases and 0 "
					+ "users left after the application closed, every replaced user dropped.%n%n",
					DEFAULT_TTL.toSeconds(), MAX_TTL.toSeconds(), REVOKE_DELAY.toSeconds(),
					Math.round((result.queriesStopped() - result.appStarted()) / 1000), WINDOW_MARGIN_MILLIS / 1000,
					WINDOW_MARGIN_MILLIS / 1000));
			long[][] latencies = result.latencies();
			double steady = percentileMillis(latencies[0], 99);
			double around = percentileMillis(latencies[1], 99);
			List<Replacement> all = result.replacements();
			List<Replacement> replacements = all.stream().filter(Replacement::complete).toList();
			long dropped = result.usersDroppedWhileRunning().size();
			boolean allReplacedDropped = replacements.stream().allMatch((replacement) -> !Double.isNaN(replacement.oldGone())
					&& replacement.oldGone() <= result.queriesStopped());
			DatabaseCredentialsManager.Status status = result.status();
			out.append("| ratio p99 around rotations / steady | failed queries | queries (steady / around rotations) | "
					+ "p99 steady | p99 around rotations | max steady / around | rotations (failed; generation) | lease "
					+ "renewals (failed) | users created / dropped while running | leases left after close | users left after "
					+ "close | target |\n");
			out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
			out.append(String.format(Locale.ROOT, "| %.2fx | %d | %,d (%,d / %,d) | %.1f us | %.1f us | %.1f / %.1f ms | "
					+ "%d (%d; %d) | %d (%d) | %d / %d | %d (of %d before close) | %d | %s |%n", around / steady,
					result.queries().failureCount(), result.queries().queries().length, latencies[0].length,
					latencies[1].length, steady * 1000, around * 1000, percentileMillis(latencies[0], 100),
					percentileMillis(latencies[1], 100), status.rotations(), status.rotationFailures(),
					status.generation(), status.renewals(),
					status.renewalFailures(), result.users().size(), dropped, result.leasesAfterClose().size(),
					result.leasesBeforeClose(), result.usersLeft().size(),
					verdict(result.queries().failureCount() == 0, "0 failed") + "; "
							+ verdict(result.leasesAfterClose().isEmpty(), "0 leases left") + "; "
							+ verdict(result.usersLeft().isEmpty(), "0 users left") + "; "
							+ verdict(allReplacedDropped, "replaced users dropped")));
			out.append('\n');
			double[] both = replacements.stream().mapToDouble(Replacement::bothExist).toArray();
			double[] drain = replacements.stream().mapToDouble(Replacement::poolOffOldUser).toArray();
			double[] switched = replacements.stream().mapToDouble((replacement) -> replacement.poolSwitched()
					- replacement.created()).toArray();
			int orphaned = result.orphanedSessions().size();
			out.append(String.format(Locale.ROOT, "Overlap per rotation (%d rotations whose revoke delay ended while the "
					+ "queries ran; times from the "
					+ "first poll that saw the new user, so within one poll interval, %.0f ms, of its creation): how "
					+ "long both users exist (the revoke delay, %d s, unless the renewal capped at `max_ttl` left the old "
					+ "lease less than that: it is then revoked when it expires; with a third of the lease below the "
					+ "revoke delay, as here, and Vault counting `max_ttl` from the issue time truncated to the second, "
					+ "anything from about 0.3 s up), how long until the pool took the new credentials, and until the "
					+ "database showed no session of the old user. A session whose user is dropped under it stays "
					+ "open in H2 and fails every statement (General error, SQLState 50000), so the pool must have "
					+ "left the old user before it is dropped.%n%n", replacements.size(),
					percentile(result.pollGaps(), 50), REVOKE_DELAY.toSeconds()));
			out.append("| ratio both-users p50 / revoke delay | both users exist (p50 / max) | pool on the new user after "
					+ "(p50 / max) | no session of the old user after (p50 / max) | sessions that outlived their user | "
					+ "watch poll interval (p50 / max) |\n");
			out.append("|---|---|---|---|---|---|\n");
			double[] gaps = result.pollGaps();
			out.append(String.format(Locale.ROOT, "| %.2fx | %.0f / %.0f ms | %.0f / %.0f ms | %.0f / %.0f ms | %d | "
					+ "%.0f / %.0f ms |%n%n", percentile(both, 50) / REVOKE_DELAY.toMillis(), percentile(both, 50),
					percentile(both, 100), percentile(switched, 50), percentile(switched, 100), percentile(drain, 50),
					percentile(drain, 100), orphaned, percentile(gaps, 50), percentile(gaps, 100)));
			out.append("Each rotation, in seconds since the application started (manager: when the listener got the "
					+ "credentials; dropped by: `revocation` when the application's `sys/leases/revoke` came after the "
					+ "new user appeared and before the poll that saw the old one gone, else `expiry`, the server's "
					+ "own sweep):\n\n");
			out.append("| # | new user seen | manager handed it out | pool switched | old user's last session gone | old user "
					+ "gone | both exist | dropped by | outlived sessions |\n");
			out.append("|---|---|---|---|---|---|---|---|---|\n");
			int index = 1;
			for (Replacement replacement : all) {
				double handed = result.generations().stream()
					.filter((generation) -> generation.username().equalsIgnoreCase(replacement.newUser()))
					.mapToDouble(Generation::at)
					.min()
					.orElse(Double.NaN);
				out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s%s | %s | %s | %d |%n", index++,
						seconds(replacement.created(), result.appStarted()), seconds(handed, result.appStarted()),
						seconds(replacement.poolSwitched(), result.appStarted()),
						seconds(replacement.noOldSession(), result.appStarted()),
						seconds(replacement.oldGone(), result.appStarted()),
						replacement.complete() ? "" : " (revoked by the shutdown)", millis(replacement.bothExist()),
						droppedBy(replacement, result.requests().times("PUT", "sys/leases/revoke")),
						replacement.orphanedSessions()));
			}
			Requests requests = result.requests();
			out.append(String.format(Locale.ROOT, "%nRequests of the application: %d credential reads, %d renewals, %d "
					+ "revocations (%d failed requests under `sys/leases/`); the lease's last renewal before each "
					+ "rotation is capped by `max_ttl`.%n", requests.times("GET", "database/creds/").size(),
					requests.times("PUT", "sys/leases/renew").size(), requests.times("PUT", "sys/leases/revoke").size(),
					requests.failed("sys/leases/")));
			slowest(out, result.queries(), result.appStarted(), result.gc());
			failures(out, result.queries(), result.appStarted());
			out.append('\n');
		}

		private void statik(StringBuilder out, StaticResult result) {
			out.append("### Static role\n\n");
			out.append(String.format(Locale.ROOT, "Role `owner` on an existing user `%s`, `rotation_period=%ds`; the "
					+ "application with `vault.database.kind=static` (`vault.database.static-margin` at its default, "
					+ "%d s), %d s of queries. The manager reads the credentials again at their `ttl` plus the margin, "
					+ "so the expected lag is the margin, give or take half a second (`ttl` is rounded to whole "
					+ "seconds), and up to a second more when Vault rotates early in the second the rotation is due "
					+ "in (it compares Unix seconds; after the first rotation they fall on whole seconds). Lag: from "
					+ "Vault's `last_vault_rotation` to the start of the pool's first session with the new password "
					+ "(a session first seen after the pool took it; vaultkv's own trial connection comes before). "
					+ "H2 keeps sessions open across `ALTER USER ... SET PASSWORD`, so connections opened before "
					+ "the rotation go on working.%n%n", STATIC_USER, ROTATION_PERIOD.toSeconds(),
					STATIC_MARGIN.toSeconds(), Math.round((result.queriesStopped() - result.appStarted()) / 1000)));
			List<StaticLag> all = result.lags();
			List<StaticLag> lags = all.stream().filter(StaticLag::complete).toList();
			double[] lag = lags.stream().mapToDouble(StaticLag::lag).toArray();
			double[] read = lags.stream().mapToDouble((each) -> each.read() - each.rotated()).toArray();
			double[] switched = lags.stream().mapToDouble((each) -> each.switched() - each.rotated()).toArray();
			long[][] latencies = result.latencies();
			double steady = percentileMillis(latencies[0], 99);
			double around = percentileMillis(latencies[1], 99);
			out.append("| ratio lag p50 / static margin | failed queries | rotations by Vault during the queries (due to "
					+ "be read before they stopped) / taken by the application (failed reads) "
					+ "| lag p50 / max | to the manager's read (p50) | to the pool's switch (p50) | p99 steady / "
					+ "around rotations (queries) | target |\n");
			out.append("|---|---|---|---|---|---|---|---|\n");
			out.append(String.format(Locale.ROOT, "| %.2fx | %d | %d (%d) / %d (%d) | %.0f / %.0f ms | %.0f ms | %.0f ms | "
					+ "%.1f / %.1f us (%,d / %,d) | %s |%n%n", percentile(lag, 50) / STATIC_MARGIN.toMillis(),
					result.queries().failureCount(), all.size(), lags.size(), result.status().rotations(),
					result.status().rotationFailures(), percentile(lag, 50),
					percentile(lag, 100), percentile(read, 50), percentile(switched, 50), steady * 1000, around * 1000,
					latencies[0].length, latencies[1].length,
					verdict(result.queries().failureCount() == 0, "0 failed") + "; "
							+ verdict(lags.stream().noneMatch((each) -> Double.isNaN(each.lag())),
									"every rotation reached the pool")));
			out.append("| # | Vault rotated (s since start) | manager read after | pool switched after | first pool session "
					+ "after |\n");
			out.append("|---|---|---|---|---|\n");
			int index = 1;
			for (StaticLag each : all) {
				out.append(String.format(Locale.ROOT, "| %d | %s%s | %s | %s | %s |%n", index++,
						seconds(each.rotated(), result.appStarted()),
						each.complete() ? "" : " (the queries stopped before the application was due to read it)",
						millis(each.read() - each.rotated()),
						millis(each.switched() - each.rotated()), millis(each.lag())));
			}
			slowest(out, result.queries(), result.appStarted(), result.gc());
			failures(out, result.queries(), result.appStarted());
			out.append('\n');
		}

		private static void failures(StringBuilder out, RecordedQueries.Result queries, double appStarted) {
			if (queries.failures().isEmpty()) {
				return;
			}
			out.append("\nFirst failed queries (s since the application started):\n\n");
			for (RecordedQueries.Failure failure : queries.failures()) {
				out.append("- ")
					.append(seconds(failure.at(), appStarted))
					.append(" s, ")
					.append(failure.thread())
					.append(": `")
					.append(failure.message().replace('`', '\''))
					.append("`\n");
			}
		}

		/**
		 * The application's revocation if one was requested since the new user appeared and before the old one
		 * was seen gone, else the lease's expiry (the heartbeat's housekeeping).
		 */
		private static String droppedBy(Replacement replacement, List<Double> revocations) {
			if (Double.isNaN(replacement.oldGone())) {
				return "-";
			}
			boolean revoked = revocations.stream()
				.anyMatch((at) -> at >= replacement.created() && at <= replacement.oldGone());
			return revoked ? "revocation" : "expiry";
		}

		private static void slowest(StringBuilder out, RecordedQueries.Result queries, double appStarted,
				GcPauses.Summary gc) {
			out.append("\nSlowest queries after the warm-up (start in s since the application started: latency): ");
			out.append(String.join(", ", queries.slowest(appStarted + WARMUP_MILLIS, 5)
				.stream()
				.map((query) -> String.format(Locale.ROOT, "%s: %.1f ms",
						seconds(RecordedQueries.Result.startMillis(query), appStarted),
						RecordedQueries.Result.latencyNanos(query) / 1_000_000.0))
				.toList()));
			out.append("; garbage collection while the queries ran: ").append(gc).append(".\n");
		}

		private static String millis(double millis) {
			return Double.isNaN(millis) ? "never" : String.format(Locale.ROOT, "%.0f ms", millis);
		}

		private static String seconds(double millis, double origin) {
			return Double.isNaN(millis) ? "never" : String.format(Locale.ROOT, "%.2f", (millis - origin) / 1000);
		}

		private static String verdict(boolean met, String target) {
			return target + ": " + (met ? "met" : "NOT met");
		}

	}

}
