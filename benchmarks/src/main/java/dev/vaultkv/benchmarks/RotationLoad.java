package dev.vaultkv.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.operations.VaultKvOperations;
import dev.vaultkv.propagation.SecretChange;
import dev.vaultkv.propagation.SecretConsumer;
import dev.vaultkv.propagation.SecretConsumerProvider;
import dev.vaultkv.secret.SecretLocation;

/**
 * Figure (f), secrets that change: a Spring Boot application whose HikariCP pool takes its user name and
 * password from Vault ({@code ${vault:myapp/db:...}} placeholders) against the embedded server and an H2
 * TCP server that enforces the password (and the local PostgreSQL when it answers on 127.0.0.1:5432).
 * <ul>
 * <li>Zero failed queries: worker threads query through the pool while the password is rotated,
 * alternately database first and Vault first (through the operations bean); failed queries, and the p99
 * query latency during rotations against the steady state before them.</li>
 * <li>Lag: from a change in Vault (made behind the application's back, after the database's) to the pool's
 * first connection with the new password, by rotation polling, and by the re-read after the database
 * rejected the old password (no polling).</li>
 * <li>Cost: reads of the changed secret per rotation, with 1 and 5 consumers following it.</li>
 * </ul>
 * Usage: {@code RotationLoad [--quick] [--append file]}; it runs on the module's class path (Boot's
 * auto-configuration files do not survive shading), bounded in time, on loopback only.
 *
 * @since 0.1.0
 */
public final class RotationLoad {

	static final String PATH = "myapp/db";

	static final String DATA_PATH = "secret/data/" + PATH;

	private static final String USERNAME = "vaultkv_bench";

	private static final int POOL_SIZE = 4;

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);

	private final SecureRandom random = new SecureRandom();

	private final EmbeddedVaultServer server;

	private String password;

	private RotationLoad(EmbeddedVaultServer server, String password) {
		this.server = server;
		this.password = password;
	}

	/**
	 * Measure, print and optionally append a Markdown section.
	 * @param args {@code [--quick] [--append file]}
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		// before H2 loads: serve on loopback only, and answer a wrong password at once (H2 waits 250 ms
		// and more by default, against brute force), so that the lag measures vaultkv
		System.setProperty("h2.bindAddress", "127.0.0.1");
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
		Settings settings = quick ? new Settings(8, 4, 5_000, 20_000, 3, 2, 5, 20)
				: new Settings(8, 20, 50_000, 200_000, 20, 10, 100, 100);
		String started = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		long begin = System.nanoTime();
		String first = newPassword(new SecureRandom());
		Results results;
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder()
			.port(0)
			.secret("secret/" + PATH, Map.of("username", USERNAME, "password", first))
			.start()) {
			RotationLoad load = new RotationLoad(server, first);
			results = load.run(settings);
		}
		double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		String section = new Report(started, quick, loadBefore, loadAfter,
				Duration.ofNanos(System.nanoTime() - begin), settings).write(results);
		System.out.println(section);
		if (append != null) {
			Files.writeString(append, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
	}

	private Results run(Settings settings) throws Exception {
		List<ZeroFailures> zeroFailures = new ArrayList<>();
		List<Lag> lags = new ArrayList<>();
		Baseline baseline;
		try (RotationDatabase h2 = RotationDatabase.h2(USERNAME, this.password)) {
			baseline = baseline(h2, settings.connects());
			zeroFailures.add(zeroFailures(h2, settings));
			lags.add(pollingLag(h2, settings.lagRounds(), 1));
			lags.add(pollingLag(h2, settings.fiveConsumerRounds(), 5));
			lags.add(rejectionLag(h2, settings.rejectionRounds()));
		}
		String postgresPassword = newPassword(this.random);
		RotationDatabase postgres = RotationDatabase.localPostgres(USERNAME, postgresPassword);
		if (postgres != null) {
			String h2Password = this.password;
			try (postgres) {
				this.password = postgresPassword;
				this.server.putSecret("secret/" + PATH, Map.of("username", USERNAME, "password", postgresPassword));
				zeroFailures.add(zeroFailures(postgres, settings));
			}
			finally {
				this.password = h2Password;
			}
		}
		return new Results(baseline, zeroFailures, lags);
	}

	/**
	 * Opening a connection with the right password, the pool's own cost of a new connection, and the
	 * loop-back Vault read, for scale.
	 */
	private Baseline baseline(RotationDatabase database, int connects) throws SQLException {
		long[] times = new long[connects];
		for (int i = 0; i < connects; i++) {
			times[i] = database.timeConnect(this.password);
		}
		Arrays.sort(times);
		return new Baseline(connects, percentile(times, 50), percentile(times, 99));
	}

	private ZeroFailures zeroFailures(RotationDatabase database, Settings settings) throws Exception {
		try (ConfigurableApplicationContext context = start(database, Map.of("vault.rotation.enabled", "true",
				"vault.rotation.interval", POLL_INTERVAL.toString()))) {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			VaultKvOperations vault = context.getBean(VaultKvOperations.class);
			QueryWorkers workers = new QueryWorkers(dataSource, settings.threads());
			workers.start();
			workers.awaitMoreQueries(settings.warmupQueries(), PHASE_TIMEOUT);
			workers.startRecording();
			workers.awaitMoreQueries(settings.steadyQueries(), PHASE_TIMEOUT);
			HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
			List<String> old = new ArrayList<>();
			long[] settle = new long[settings.rotations()];
			int readsAtStart = reads();
			for (int i = 0; i < settings.rotations(); i++) {
				awaitPoolFull(pool);
				boolean databaseFirst = i % 2 == 0;
				String next = newPassword(this.random);
				workers.windowOpened(QueryWorkers.Window.ROTATION);
				long start = System.nanoTime();
				Instant changed;
				if (databaseFirst) {
					changed = database.changePassword(next);
					write(vault, next);
				}
				else {
					write(vault, next);
					changed = database.changePassword(next);
				}
				old.add(this.password);
				this.password = next;
				awaitPoolConnection(dataSource, next, database, changed, SETTLE_TIMEOUT);
				settle[i] = System.nanoTime() - start;
				workers.windowClosed();
				// some steady queries between rotations
				workers.awaitMoreQueries(settings.steadyQueries() / settings.rotations() / 4, PHASE_TIMEOUT);
			}
			// for comparison: the pool's connections retired as a rotation retires them, the password unchanged
			for (int i = 0; i < settings.rotations(); i++) {
				awaitPoolFull(pool);
				workers.windowOpened(QueryWorkers.Window.EVICTION);
				Instant evicted = Instant.now();
				pool.softEvictConnections();
				awaitConnection(database, evicted, SETTLE_TIMEOUT);
				workers.windowClosed();
				workers.awaitMoreQueries(settings.steadyQueries() / settings.rotations() / 4, PHASE_TIMEOUT);
			}
			QueryWorkers.Result result = workers.stop(PHASE_TIMEOUT);
			int readsDuring = reads() - readsAtStart;
			boolean oldRefused = old.stream().allMatch(database::refuses);
			Arrays.sort(settle);
			return new ZeroFailures(database.name(), settings.threads(), settings.rotations(), result,
					percentile(settle, 50), percentile(settle, 100), readsDuring, oldRefused,
					database.refuses(this.password + "-wrong"));
		}
	}

	/**
	 * Write through the operations bean, which drops the cached secret, and read it back, which caches the
	 * new one and hands it to the consumers.
	 */
	private static void write(VaultKvOperations vault, String password) {
		vault.patch(PATH, Map.of("password", password));
		vault.read(PATH);
	}

	/**
	 * Rotation by polling: the database first, then Vault behind the application's back at a random point
	 * of the poll interval, with no traffic (the pool needs no new connection until it learns of the
	 * change, so the rejection path stays out of it).
	 */
	private Lag pollingLag(RotationDatabase database, int rounds, int consumers) throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("vault.rotation.enabled", "true");
		properties.put("vault.rotation.interval", POLL_INTERVAL.toString());
		properties.put("bench.counting-consumers", consumers - 1);
		try (ConfigurableApplicationContext context = start(database, properties)) {
			CountingConsumers counting = context.getBean(CountingConsumers.class);
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			HikariPoolMXBean pool = startPool(dataSource);
			long[] lags = new long[rounds];
			int[] reads = new int[rounds];
			for (int i = 0; i < rounds; i++) {
				awaitPoolFull(pool);
				LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(POLL_INTERVAL.toNanos()));
				String next = newPassword(this.random);
				database.changePassword(next);
				int readsBefore = reads();
				Instant changed = Instant.now();
				this.server.putSecret("secret/" + PATH, Map.of("username", USERNAME, "password", next));
				this.password = next;
				Instant first = awaitPoolConnection(dataSource, next, database, changed,
						POLL_INTERVAL.multipliedBy(3).plus(SETTLE_TIMEOUT));
				lags[i] = Duration.between(changed, first).toNanos();
				counting.awaitApplications(i + 1, SETTLE_TIMEOUT);
				reads[i] = reads() - readsBefore;
			}
			return new Lag("polling every " + POLL_INTERVAL.toSeconds() + " s", consumers, lags, reads, null);
		}
	}

	/**
	 * Rotation found by rejection: polling off, the database first, then Vault behind the application's
	 * back, then the pool's connections evicted so that it opens new ones with the old password.
	 */
	private Lag rejectionLag(RotationDatabase database, int rounds) throws Exception {
		try (ConfigurableApplicationContext context = start(database, Map.of("vault.rotation.enabled", "false"))) {
			HikariPoolMXBean pool = startPool(context.getBean(HikariDataSource.class));
			long[] lags = new long[rounds];
			long[] evictions = new long[rounds];
			int[] reads = new int[rounds];
			for (int i = 0; i < rounds; i++) {
				// the baseline: the same eviction with the password unchanged
				awaitPoolFull(pool);
				Instant evicted = Instant.now();
				pool.softEvictConnections();
				evictions[i] = Duration.between(evicted, awaitConnection(database, evicted, SETTLE_TIMEOUT)).toNanos();
				awaitPoolFull(pool);
				String next = newPassword(this.random);
				database.changePassword(next);
				int readsBefore = reads();
				Instant changed = Instant.now();
				this.server.putSecret("secret/" + PATH, Map.of("username", USERNAME, "password", next));
				this.password = next;
				pool.softEvictConnections();
				lags[i] = Duration.between(changed, awaitConnection(database, changed, SETTLE_TIMEOUT)).toNanos();
				awaitPoolFull(pool);
				reads[i] = reads() - readsBefore;
			}
			return new Lag("rejected password, re-read (no polling)", 1, lags, reads, evictions);
		}
	}

	private ConfigurableApplicationContext start(RotationDatabase database, Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("vault.uri", this.server.getAddress().toString());
		properties.put("vault.token", this.server.getRootToken());
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.username", "${vault:" + PATH + ":username}");
		properties.put("spring.datasource.password", "${vault:" + PATH + ":password}");
		properties.put("spring.datasource.hikari.maximum-pool-size", POOL_SIZE);
		properties.put("spring.datasource.hikari.pool-name", "rotation-load");
		if (database.schema() != null) {
			properties.put("spring.datasource.hikari.schema", database.schema());
		}
		properties.putAll(extra);
		return new SpringApplicationBuilder(RotationApp.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
	}

	private static HikariPoolMXBean startPool(HikariDataSource dataSource) throws SQLException {
		dataSource.getConnection().close();
		return dataSource.getHikariPoolMXBean();
	}

	private static void awaitPoolFull(HikariPoolMXBean pool) {
		await("the pool to hold " + POOL_SIZE + " connections", SETTLE_TIMEOUT,
				() -> pool.getTotalConnections() == POOL_SIZE);
	}

	/**
	 * Wait for the first session since an instant, as soon as one shows: for the rejection path, where the
	 * pool's retried connection is the first (and may be retired soon after, when the pool takes the
	 * credentials it was opened with).
	 */
	private static Instant awaitConnection(RotationDatabase database, Instant since, Duration timeout) {
		Instant[] first = new Instant[1];
		await("a connection with the new password", timeout, () -> {
			first[0] = database.firstConnectionSince(since);
			return first[0] != null;
		});
		return first[0];
	}

	/**
	 * Wait until the pool holds the new password and the first session since an instant: vaultkv tries a
	 * password on a connection of its own before the pool takes it, so sessions are only the pool's once it
	 * has.
	 */
	private static Instant awaitPoolConnection(HikariDataSource pool, String password, RotationDatabase database,
			Instant since, Duration timeout) {
		Instant[] first = new Instant[1];
		await("the pool to connect with the new password", timeout, () -> {
			if (!password.equals(pool.getCredentials().getPassword())) {
				return false;
			}
			first[0] = database.firstConnectionSince(since);
			return first[0] != null;
		});
		return first[0];
	}

	/**
	 * Wait, checking every millisecond, until a condition holds.
	 */
	private static void await(String what, Duration timeout, Condition condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (!condition.holds()) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what);
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed waiting for " + what, ex);
		}
	}

	private int reads() {
		return this.server.requestLog().count("GET", DATA_PATH);
	}

	private static String newPassword(SecureRandom random) {
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static double percentile(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds() throws SQLException;

	}

	/**
	 * The application: auto-configuration (DataSource, vaultkv with its Hikari integration) and, with
	 * {@code bench.counting-consumers}, consumers that only count the changes of the secret they follow.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RotationApp {

		@Bean
		CountingConsumers benchCountingConsumers(Environment environment) {
			return new CountingConsumers(environment.getProperty("bench.counting-consumers", Integer.class, 0));
		}

	}

	/**
	 * Consumers that follow {@code secret/myapp/db} and count the changes they get.
	 */
	static final class CountingConsumers implements SecretConsumerProvider {

		private final List<SecretConsumer> consumers;

		private long applications;

		CountingConsumers(int count) {
			SecretLocation location = new SecretLocation("secret", PATH, 0);
			this.consumers = IntStream.range(0, count).<SecretConsumer>mapToObj((i) -> new SecretConsumer() {

				@Override
				public String getName() {
					return "counting consumer " + i;
				}

				@Override
				public Set<SecretLocation> getFollowedSecrets() {
					return Set.of(location);
				}

				@Override
				public void apply(SecretChange change) {
					applied();
				}

			}).toList();
		}

		@Override
		public List<SecretConsumer> getConsumers() {
			return this.consumers;
		}

		private synchronized void applied() {
			this.applications++;
			notifyAll();
		}

		/**
		 * Wait until each consumer had this many changes.
		 */
		synchronized void awaitApplications(long perConsumer, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			long expected = perConsumer * this.consumers.size();
			while (this.applications < expected) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException(
							"The counting consumers had " + this.applications + " of " + expected + " changes");
				}
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
		}

	}

	/**
	 * How much to run.
	 *
	 * @param threads query threads
	 * @param rotations rotations under load
	 * @param warmupQueries queries before recording
	 * @param steadyQueries steady-state queries recorded before the rotations
	 * @param lagRounds rounds of the polling lag with one consumer
	 * @param fiveConsumerRounds rounds of the polling lag with five consumers
	 * @param rejectionRounds rounds of the rejection lag
	 * @param connects connections opened for the baseline
	 */
	record Settings(int threads, int rotations, long warmupQueries, long steadyQueries, int lagRounds,
			int fiveConsumerRounds, int rejectionRounds, int connects) {

	}

	/**
	 * A plain connection opening, in milliseconds.
	 */
	record Baseline(int connects, double p50, double p99) {

	}

	/**
	 * The zero-failed-queries run on one database.
	 */
	record ZeroFailures(String database, int threads, int rotations, QueryWorkers.Result queries, double settleP50,
			double settleMax, int readsDuringRotations, boolean oldPasswordsRefused, boolean enforcesPasswords) {

		double steadyP99() {
			return QueryWorkers.Result.percentileMillis(this.queries.steadyNanos(), 99);
		}

		double rotatingP99() {
			return QueryWorkers.Result.percentileMillis(this.queries.rotatingNanos(), 99);
		}

		double evictingP99() {
			return QueryWorkers.Result.percentileMillis(this.queries.evictingNanos(), 99);
		}

		double slowestMedian(QueryWorkers.Window kind) {
			return QueryWorkers.Result.percentileMillis(this.queries.slowestPerWindow(kind), 50);
		}

	}

	/**
	 * One lag measurement: per round, the lag in nanoseconds, the reads of the secret and, for the rejection
	 * path, the time from a plain eviction to the first new connection.
	 */
	record Lag(String path, int consumers, long[] lagNanos, int[] reads, long @Nullable [] evictionNanos) {

		double percentileMillis(double percentile) {
			return percentileMillis(this.lagNanos, percentile);
		}

		double evictionPercentileMillis(double percentile) {
			return (this.evictionNanos != null) ? percentileMillis(this.evictionNanos, percentile) : Double.NaN;
		}

		private static double percentileMillis(long[] values, double percentile) {
			long[] sorted = values.clone();
			Arrays.sort(sorted);
			return RotationLoad.percentile(sorted, percentile);
		}

		int maxReads() {
			return Arrays.stream(this.reads).max().orElse(0);
		}

		double meanReads() {
			return Arrays.stream(this.reads).average().orElse(0);
		}

	}

	record Results(Baseline baseline, List<ZeroFailures> zeroFailures, List<Lag> lags) {

	}

	/**
	 * Writes the Markdown section.
	 */
	private record Report(String started, boolean quick, double loadBefore, double loadAfter, Duration took,
			Settings settings) {

		String write(Results results) {
			StringBuilder out = new StringBuilder();
			out.append("\n## f. Secrets that change (").append(this.started).append(")\n\n");
			if (this.quick) {
				out.append("**Quick run (`--quick`): these figures only show that the program works.**\n\n");
			}
			out.append("`RotationLoad`: a Boot application whose HikariCP pool (")
				.append(POOL_SIZE)
				.append(" connections, default `maxLifetime`) takes `spring.datasource.username`/`password` from ")
				.append("`${vault:myapp/db:...}` placeholders, against the embedded server and an in-memory H2 database ")
				.append("behind an H2 TCP server on 127.0.0.1 that enforces the password (`ALTER USER ... SET PASSWORD` ")
				.append("over an admin connection); and the local PostgreSQL when it answers. H2's delay after a wrong ")
				.append("password (250 ms and more by default, against brute force) is set to 0 so that the lag is ")
				.append("vaultkv's. vaultkv tries a new password on a connection of its own before the pool takes it; a ")
				.append("rotation ends when the pool holds the new password and the database shows a session of the ")
				.append("user that started after its password changed (H2 refuses the old one from then on).\n\n");
			out.append("- Command: `java -cp \"benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)\" ")
				.append("dev.vaultkv.benchmarks.RotationLoad")
				.append(this.quick ? " --quick" : "")
				.append(" --append benchmarks/RESULTS.md` (after `./mvnw -B -pl benchmarks -am package -DskipTests`)\n");
			out.append("- JVM: ")
				.append(System.getProperty("java.vm.name"))
				.append(' ')
				.append(System.getProperty("java.runtime.version"))
				.append("; machine: ")
				.append(Runtime.getRuntime().availableProcessors())
				.append(" processors, load average ")
				.append(String.format(Locale.ROOT, "%.1f at start, %.1f at end", this.loadBefore, this.loadAfter))
				.append((Math.max(this.loadBefore, this.loadAfter) > Runtime.getRuntime().availableProcessors())
						? " (loaded by other processes: absolute times are inflated)" : "")
				.append("; the run took ")
				.append(this.took.toSeconds())
				.append(" s\n\n");
			zeroFailures(out, results.zeroFailures());
			lag(out, results.lags(), results.baseline());
			cost(out, results);
			return out.toString();
		}

		private void zeroFailures(StringBuilder out, List<ZeroFailures> runs) {
			out.append("### Zero failed queries\n\n");
			out.append(String.format(Locale.ROOT, "%d threads read a row through the pool (one borrowed connection per "
					+ "query) while the password is rotated %d times, alternately database first and Vault first "
					+ "(written through the operations bean and read back, which hands it to the pool at once); "
					+ "%,d warm-up queries, then %,d steady-state queries (the baseline), then the rotations with a "
					+ "few steady queries between them. A query counts as during a rotation if it started or ended "
					+ "between the first change and the pool's first connection with the new password. For "
					+ "comparison, %d plain evictions follow: the pool's connections soft-evicted (as a rotation "
					+ "retires them) with the password unchanged, until the pool's first new connection. Targets: 0 "
					+ "failed queries, p99 during rotation <= 1.5x steady.%n%n", this.settings.threads(),
					this.settings.rotations(), this.settings.warmupQueries(), this.settings.steadyQueries(),
					this.settings.rotations()));
			out.append("| ratio p99 rotating / steady | database | failed queries | queries (steady / rotating) | "
					+ "p99 steady | p99 during rotation | rotation to new connection (median / max) | old passwords "
					+ "refused | target |\n");
			out.append("|---|---|---|---|---|---|---|---|---|\n");
			for (ZeroFailures run : runs) {
				double ratio = run.rotatingP99() / run.steadyP99();
				out.append(String.format(Locale.ROOT,
						"| %.2fx | %s | %d | %,d (%,d / %,d) | %.2f ms | %.2f ms | %.1f / %.1f ms | %s | %s |%n", ratio,
						run.database(), run.queries().failures(), run.queries().queries(),
						run.queries().steadyNanos().length, run.queries().rotatingNanos().length, run.steadyP99(),
						run.rotatingP99(), run.settleP50(), run.settleMax(),
						run.enforcesPasswords() ? (run.oldPasswordsRefused() ? "yes, all " + run.rotations() : "NO")
								: "not enforced (trust)",
						(run.queries().failures() == 0 ? "0 failed: met" : "0 failed: NOT met") + "; "
								+ (ratio <= 1.5 ? "p99: met" : "p99: NOT met")));
			}
			out.append("\nWhere the slow queries come from: the slowest query of each window, median over the windows, "
					+ "for rotations and for plain evictions (a plain eviction's window is only the wait for the "
					+ "first new connection, so its p99 is not comparable with a rotation's):\n\n");
			out.append("| ratio rotation / plain eviction | database | slowest query per rotation (median) | slowest query "
					+ "per plain eviction (median) | p99 during plain evictions (queries) |\n");
			out.append("|---|---|---|---|---|\n");
			for (ZeroFailures run : runs) {
				double rotation = run.slowestMedian(QueryWorkers.Window.ROTATION);
				double eviction = run.slowestMedian(QueryWorkers.Window.EVICTION);
				out.append(String.format(Locale.ROOT, "| %.2fx | %s | %.2f ms | %.2f ms | %.2f ms (%,d) |%n",
						rotation / eviction, run.database(), rotation, eviction, run.evictingP99(),
						run.queries().evictingNanos().length));
			}
			for (ZeroFailures run : runs) {
				if (!run.queries().firstFailure().isEmpty()) {
					out.append("\nFirst failed query on ")
						.append(run.database())
						.append(": `")
						.append(run.queries().firstFailure().replace('`', '\''))
						.append("`\n");
				}
			}
			out.append('\n');
		}

		private void lag(StringBuilder out, List<Lag> lags, Baseline baseline) {
			out.append("### Lag: change in Vault to the pool's first connection with the new password (H2)\n\n");
			out.append(String.format(Locale.ROOT, "Each round changes the database's password first, then writes the "
					+ "new one into the embedded server directly (behind the application's back, no traffic), and "
					+ "takes the time from that write to the start of the pool's first database session after it. "
					+ "Polling: `vault.rotation.interval=%ds`, the write at a random point of the interval; the "
					+ "baseline is the interval. Rejection: polling off; the pool's connections are soft-evicted right "
					+ "after the write, the pool opens one with the old password, H2 refuses it (SQLState 28000), "
					+ "vaultkv reads the secret again, tries the new password on a connection of its own, hands it "
					+ "to the pool, and the pool's connection is opened again; the baseline, measured in alternate "
					+ "rounds, is the same eviction with the password unchanged (to the pool's first new "
					+ "connection). Opening one connection with the right password takes %.2f ms (p50 of %d), "
					+ "%.2f ms (p99). Target for rejection: p99 < 200 ms.%n%n", POLL_INTERVAL.toSeconds(),
					baseline.p50(), baseline.connects(), baseline.p99()));
			out.append("| ratio p50 / baseline p50 | path | consumers | rounds | p50 | p99 | max | baseline (p50 / p99) "
					+ "| target |\n");
			out.append("|---|---|---|---|---|---|---|---|---|\n");
			for (Lag lag : lags) {
				boolean polling = lag.evictionNanos() == null;
				double interval = POLL_INTERVAL.toNanos() / 1_000_000.0;
				double base = polling ? interval : lag.evictionPercentileMillis(50);
				out.append(String.format(Locale.ROOT, "| %.2fx | %s | %d | %d | %.1f ms | %.1f ms | %.1f ms | %s | %s |%n",
						lag.percentileMillis(50) / base, lag.path(), lag.consumers(), lag.lagNanos().length,
						lag.percentileMillis(50), lag.percentileMillis(99), lag.percentileMillis(100),
						polling ? String.format(Locale.ROOT, "poll interval %.0f ms", interval)
								: String.format(Locale.ROOT, "plain eviction %.1f / %.1f ms",
										lag.evictionPercentileMillis(50), lag.evictionPercentileMillis(99)),
						polling ? "reported (within one interval plus the re-read)"
								: (lag.percentileMillis(99) < 200) ? "met (< 200 ms)" : "NOT met (< 200 ms)"));
			}
			out.append('\n');
		}

		private void cost(StringBuilder out, Results results) {
			out.append("### Cost: Vault reads of the changed secret per rotation\n\n");
			out.append("`GET secret/data/myapp/db` in the embedded server's request log (metadata polls not counted), "
					+ "per rotation. Extra consumers are `SecretConsumer` beans following the same secret next to "
					+ "the pool's. A write through the operations bean drops the cached secret, and the writer reads "
					+ "it back (which caches it and hands it to the consumers): that read is counted, and so is a "
					+ "re-read by the rotation watcher when its next poll finds the version it had not seen (once per "
					+ "poll interval with writes in it). Target: 1 read per changed path, whatever the number of "
					+ "consumers.\n\n");
			out.append("| reads per rotation (max / mean) | how the change arrived | consumers | rotations | target |\n");
			out.append("|---|---|---|---|---|\n");
			for (Lag lag : results.lags()) {
				out.append(String.format(Locale.ROOT, "| %d / %.2f | %s | %d | %d | %s |%n", lag.maxReads(),
						lag.meanReads(), lag.path(), lag.consumers(), lag.reads().length,
						(lag.maxReads() == 1) ? "met (1)" : "NOT met (1)"));
			}
			for (ZeroFailures run : results.zeroFailures()) {
				double perRotation = (double) run.readsDuringRotations() / run.rotations();
				out.append(String.format(Locale.ROOT, "| - / %.2f | write through the operations bean and read back, under load (%s) "
						+ "| 1 | %d | %s |%n", perRotation, run.database(), run.rotations(),
						(perRotation <= 1.0) ? "met (1)" : "NOT met (1)"));
			}
			out.append('\n');
		}

	}

}
