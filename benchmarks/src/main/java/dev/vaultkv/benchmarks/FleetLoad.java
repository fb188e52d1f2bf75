package dev.vaultkv.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.auth.RenewalScheduler;
import dev.vaultkv.autoconfigure.VaultClientFactory;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.RequestLog;
import dev.vaultkv.embedded.RequestLogEntry;
import dev.vaultkv.embedded.cluster.ClusterNode;
import dev.vaultkv.embedded.cluster.EmbeddedVaultCluster;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.operations.ConcurrentScopeUpdateException;
import dev.vaultkv.operations.ScopedSecretMap;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.operations.TenantLayout;
import dev.vaultkv.operations.VaultKvTemplate;
import dev.vaultkv.operations.VaultScopes;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretLocation;

/**
 * Section h: a fleet of replicas, each a full vaultkv client stack (its own transport, login and
 * application clients, session manager, secret cache, operations bean, scoped maps and rotation watcher,
 * built by {@link VaultClientFactory} as the auto-configuration builds them, without an application
 * context), against the embedded cluster (3 nodes, 2 performance standbys) in the same JVM. Replica
 * {@code i} talks to node {@code i % 3}, as a load balancer spreading connections would send it.
 * <ol>
 * <li>Startup storm: every replica starts within one second (log in, read every path once, as
 * placeholders do).</li>
 * <li>Steady state, on the cluster's clock: rotation polling and token renewal for simulated minutes,
 * the session managers' and watchers' time being the cluster clock, advanced a second at a time.</li>
 * <li>Consistency: read-modify-write cycles of scoped maps through the performance standbys, with
 * {@code vault.consistency.read-your-writes} off and on.</li>
 * <li>Failover, in real time: a step-down, then a node stopped and started again, under reads.</li>
 * </ol>
 * Usage: {@code FleetLoad [--quick] [--replicas n] [--append file]}.
 */
public final class FleetLoad {

	private static final String USERNAME = "fleet";

	private static final String PASSWORD = "fleet-pa55word";

	private static final String LOGIN = "auth/userpass/login/" + USERNAME;

	private static final Duration LAG = Duration.ofMillis(200);

	private static final Duration ROTATION_INTERVAL = Duration.ofMinutes(1);

	private static final Duration TOKEN_TTL = Duration.ofMinutes(2);

	private static final Duration TOKEN_MAX_TTL = Duration.ofMinutes(10);

	private static final int TICKERS = 4;

	private final EmbeddedVaultCluster cluster;

	private final ControllableClock clock;

	private final FleetScheduler scheduler;

	private final Settings settings;

	private @Nullable ScheduledExecutorService ticker;

	private FleetLoad(EmbeddedVaultCluster cluster, Settings settings) {
		this.cluster = cluster;
		this.clock = cluster.clock();
		this.scheduler = new FleetScheduler(this.clock);
		this.settings = settings;
	}

	/**
	 * Run every part, print the section and optionally append it.
	 * @param args {@code [--quick] [--replicas n] [--append file]}
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		boolean quick = false;
		Integer replicas = null;
		Path append = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--replicas" -> replicas = Integer.parseInt(args[++i]);
				case "--append" -> append = Path.of(args[++i]);
				default -> throw new IllegalArgumentException(
						"Unknown argument '" + args[i] + "'; expected [--quick] [--replicas n] [--append file]");
			}
		}
		Settings settings = quick ? new Settings(60, 5, 4, 10, 10) : new Settings(200, 10, 10, 20, 50);
		if (replicas != null) {
			settings = new Settings(replicas, settings.paths(), settings.steadyMinutes(),
					settings.consistencyReplicas(), settings.consistencyRounds());
		}
		String started = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		long begin = System.nanoTime();
		Results results;
		EmbeddedVaultCluster.Builder builder = EmbeddedVaultCluster.builder()
			.nodes(3)
			.performanceStandbys(2)
			.replicationLag(LAG)
			.threads(16);
		for (int p = 0; p < settings.paths(); p++) {
			builder.secret("secret/" + path(p), Map.of("username", "user-" + p, "password", "pw-" + p, "url",
					"jdbc:h2:mem:p" + p, "pool", "4", "region", "eu"));
		}
		try (EmbeddedVaultCluster cluster = builder.start()) {
			results = new FleetLoad(cluster, settings).run();
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

	private static String path(int p) {
		return String.format(Locale.ROOT, "fleet/p%02d", p);
	}

	private Results run() throws Exception {
		setUpLogin();
		Thread daemon = new Thread(this::runRenewals, "fleet-renewals");
		daemon.setDaemon(true);
		daemon.start();
		List<Replica> fleet = new ArrayList<>();
		try {
			// a storm of a quarter of the fleet, not reported, so that neither measured storm pays for the JIT
			List<Replica> warmUp = new ArrayList<>();
			try {
				storm(warmUp, true, Math.max(1, this.settings.replicas() / 4));
			}
			finally {
				stopTicker();
				warmUp.forEach(Replica::close);
			}
			List<Replica> withoutReadYourWrites = new ArrayList<>();
			Storm stormOff;
			try {
				stormOff = storm(withoutReadYourWrites, false, this.settings.replicas());
			}
			finally {
				stopTicker();
				withoutReadYourWrites.forEach(Replica::close);
			}
			// the tokens of the first storm's replicas reach the standbys before the second storm
			Thread.sleep(LAG.toMillis() * 2);
			Storm storm = storm(fleet, true, this.settings.replicas());
			Steady steady = steady(fleet);
			Failover failover = failover(fleet);
			Consistency off = consistency(false);
			Consistency on = consistency(true);
			return new Results(stormOff, storm, steady, off, on, failover);
		}
		finally {
			daemon.interrupt();
			fleet.forEach(Replica::close);
		}
	}

	private void setUpLogin() {
		VaultClient root = DefaultVaultClient.builder(this.cluster.active().address())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.cluster.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/fleet")
			.body(Map.of("policy", "path \"secret/*\" { capabilities = [\"create\", \"read\", \"update\", \"patch\", "
					+ "\"delete\", \"list\"] }\npath \"sys/internal/ui/mounts/*\" { capabilities = [\"read\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/userpass").body(Map.of("type", "userpass")).build());
		root.execute(VaultRequest.post("auth/userpass/users/" + USERNAME)
			.body(Map.of("password", PASSWORD, "token_policies", List.of("fleet"), "token_ttl",
					TOKEN_TTL.toSeconds(), "token_max_ttl", TOKEN_MAX_TTL.toSeconds()))
			.build());
	}

	private void runRenewals() {
		while (!Thread.currentThread().isInterrupted()) {
			this.scheduler.runDue();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	// ---- 1. startup storm

	private Storm storm(List<Replica> fleet, boolean readYourWrites, int replicas) throws Exception {
		clearLogs();
		Instant begin = this.clock.instant();
		long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
		long[] startNanos = new long[replicas];
		AtomicInteger failed = new AtomicInteger();
		List<Replica> started = Collections.synchronizedList(new ArrayList<>());
		// the watchers of started replicas tick every second in real time, as their schedulers would,
		// until the steady state takes over on the cluster clock
		this.ticker = Executors.newScheduledThreadPool(TICKERS);
		for (int t = 0; t < TICKERS; t++) {
			int slice = t;
			this.ticker.scheduleWithFixedDelay(() -> {
				List<Replica> all = List.copyOf(started);
				for (int i = slice; i < all.size(); i += TICKERS) {
					all.get(i).watcher.tick();
				}
			}, 1, 1, TimeUnit.SECONDS);
		}
		ExecutorService executor = Executors.newFixedThreadPool(replicas);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < replicas; i++) {
				int index = i;
				long at = origin + ThreadLocalRandom.current().nextLong(TimeUnit.SECONDS.toNanos(1));
				futures.add(executor.submit(() -> {
					waitUntil(at);
					long start = System.nanoTime();
					try {
						Replica replica = new Replica(index, node(index), readYourWrites);
						replica.start(this.settings.paths());
						started.add(replica);
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
						System.err.println("Replica " + index + " failed to start: " + ex);
					}
					startNanos[index] = System.nanoTime() - start;
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
		Duration wall = Duration.ofNanos(System.nanoTime() - origin);
		fleet.addAll(started);
		fleet.sort((a, b) -> Integer.compare(a.index, b.index));
		RequestLog log = this.cluster.requestLog();
		int logins = log.count("POST", LOGIN);
		int reads = log.count((entry) -> entry.method().equals("GET") && entry.path().startsWith("secret/data/fleet/"));
		int total = log.count((entry) -> !entry.time().isBefore(begin));
		List<Long> times = new ArrayList<>();
		for (long nanos : startNanos) {
			times.add(nanos);
		}
		Collections.sort(times);
		return new Storm(readYourWrites, replicas, logins, reads, total, failed.get(), percentile(times, 50), percentile(times, 99),
				wall, busiestNodeSecond(begin, (entry) -> true));
	}

	private static void waitUntil(long nanoTime) {
		long wait;
		while ((wait = nanoTime - System.nanoTime()) > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	// ---- 2. steady state on the cluster clock

	private void stopTicker() throws InterruptedException {
		ScheduledExecutorService ticker = this.ticker;
		if (ticker != null) {
			ticker.shutdown();
			ticker.awaitTermination(1, TimeUnit.MINUTES);
			this.ticker = null;
		}
	}

	private Steady steady(List<Replica> fleet) throws Exception {
		stopTicker();
		this.clock.freeze();
		// polls that fell due while the real-time ticks lagged behind on a loaded machine are not the
		// steady state's: one tick of every watcher takes them before measuring
		for (Replica replica : fleet) {
			replica.watcher.tick();
		}
		clearLogs();
		Instant begin = this.clock.instant();
		int seconds = this.settings.steadyMinutes() * 60;
		ExecutorService executor = Executors.newFixedThreadPool(8);
		long realStart = System.nanoTime();
		try {
			for (int s = 0; s < seconds; s++) {
				this.clock.advance(Duration.ofSeconds(1));
				this.scheduler.runDue();
				List<Callable<Object>> ticks = new ArrayList<>();
				for (Replica replica : fleet) {
					ticks.add(() -> {
						replica.watcher.tick();
						return null;
					});
				}
				for (Future<Object> tick : executor.invokeAll(ticks)) {
					tick.get();
				}
			}
			// the last second's renewals
			this.scheduler.runDue();
		}
		finally {
			executor.shutdownNow();
		}
		Duration real = Duration.ofNanos(System.nanoTime() - realStart);
		List<RequestLogEntry> entries = this.cluster.requestLog().entries((entry) -> !entry.time().isBefore(begin));
		Map<Long, Integer> perSecond = new HashMap<>();
		Map<String, Integer> perKind = new HashMap<>();
		for (RequestLogEntry entry : entries) {
			perSecond.merge(entry.time().getEpochSecond(), 1, Integer::sum);
			perKind.merge(kind(entry), 1, Integer::sum);
		}
		int busiest = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
		long busiestAt = perSecond.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == busiest)
			.mapToLong(Map.Entry::getKey)
			.min()
			.orElse(begin.getEpochSecond());
		Map<String, Integer> busiestKinds = new HashMap<>();
		for (RequestLogEntry entry : entries) {
			if (entry.time().getEpochSecond() == busiestAt) {
				busiestKinds.merge(kind(entry), 1, Integer::sum);
			}
		}
		double mean = entries.size() / (double) seconds;
		return new Steady(fleet.size(), this.settings.steadyMinutes(), entries.size(), perKind, busiest, mean,
				busiestAt - begin.getEpochSecond(), busiestKinds, busiestNodeSecond(begin, (entry) -> true), real);
	}

	private static String kind(RequestLogEntry entry) {
		if (entry.path().startsWith("secret/metadata/")) {
			return "metadata";
		}
		if (entry.path().equals("auth/token/renew-self")) {
			return "renew-self";
		}
		if (entry.path().equals(LOGIN)) {
			return "login";
		}
		if (entry.path().startsWith("secret/data/")) {
			return "read";
		}
		return "other";
	}

	// ---- 3. consistency through the performance standbys

	private Consistency consistency(boolean readYourWrites) throws Exception {
		this.clock.freeze();
		List<Replica> replicas = new ArrayList<>();
		int count = this.settings.consistencyReplicas();
		try {
			for (int i = 0; i < count; i++) {
				ClusterNode node = this.cluster.node(1 + (i % 2));
				Replica replica = new Replica(10_000 + i + (readYourWrites ? 1000 : 0), node, readYourWrites);
				replica.session.getToken();
				replicas.add(replica);
			}
			// let the logins reach the standbys, so that both runs start alike
			this.clock.advance(LAG.multipliedBy(2));
			clearLogs();
			AtomicLong cycles = new AtomicLong();
			AtomicLong staleReads = new AtomicLong();
			AtomicLong failedUpdates = new AtomicLong();
			ExecutorService executor = Executors.newFixedThreadPool(Math.min(count, 16));
			Map<Replica, ScopedSecretMap> maps = new HashMap<>();
			replicas.forEach((replica) -> maps.put(replica, replica.scopes.instance()));
			try {
				for (int round = 0; round < this.settings.consistencyRounds(); round++) {
					List<Callable<Object>> work = new ArrayList<>();
					for (Replica replica : replicas) {
						ScopedSecretMap map = maps.get(replica);
						work.add(() -> {
							cycles.incrementAndGet();
							long mine;
							try {
								Map<String, @Nullable Object> before = map.update((entries) -> {
									entries.put("n", Long.toString(parse(entries.get("n")) + 1));
									return entries;
								});
								mine = parse(before.get("n")) + 1;
							}
							catch (ConcurrentScopeUpdateException ex) {
								failedUpdates.incrementAndGet();
								return null;
							}
							if (parse(map.get("n")) < mine) {
								staleReads.incrementAndGet();
							}
							return null;
						});
					}
					for (Future<Object> done : executor.invokeAll(work)) {
						done.get();
					}
					this.clock.advance(LAG.dividedBy(4));
				}
			}
			finally {
				executor.shutdownNow();
			}
			this.clock.advance(LAG.multipliedBy(2));
			long applied = 0;
			for (Replica replica : replicas) {
				replica.store.invalidateAll();
				applied += parse(maps.get(replica).get("n"));
			}
			int conflicts = this.cluster.active()
				.requestLog()
				.count((entry) -> entry.method().equals("POST") && entry.path().startsWith("secret/data/scopes/")
						&& entry.status() == 400);
			int forwarded = this.cluster.active()
				.requestLog()
				.count((entry) -> entry.method().equals("GET") && entry.path().startsWith("secret/data/scopes/"));
			int standbyReads = 0;
			for (int n = 1; n <= 2; n++) {
				standbyReads += this.cluster.node(n)
					.requestLog()
					.count((entry) -> entry.method().equals("GET") && entry.path().startsWith("secret/data/scopes/"));
			}
			return new Consistency(readYourWrites, cycles.get(), staleReads.get(), failedUpdates.get(),
					cycles.get() - applied, conflicts, forwarded, standbyReads);
		}
		finally {
			replicas.forEach(Replica::close);
		}
	}

	private static long parse(@Nullable Object value) {
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

	// ---- 4. failover in real time

	private Failover failover(List<Replica> fleet) throws Exception {
		this.clock.resume();
		AtomicLong appReads = new AtomicLong();
		AtomicLong failedAppReads = new AtomicLong();
		AtomicLong vaultReads = new AtomicLong();
		AtomicLong failedVaultReads = new AtomicLong();
		Map<Replica, AtomicLong> lastFailure = new HashMap<>();
		Map<Replica, AtomicLong> lastSuccess = new HashMap<>();
		fleet.forEach((replica) -> {
			lastFailure.put(replica, new AtomicLong());
			lastSuccess.put(replica, new AtomicLong());
		});
		ExecutorService executor = Executors.newFixedThreadPool(16);
		AtomicBoolean running = new AtomicBoolean(true);
		List<Future<?>> loops = new ArrayList<>();
		int perWorker = (fleet.size() + 15) / 16;
		for (int w = 0; w < 16; w++) {
			List<Replica> mine = fleet.subList(Math.min(fleet.size(), w * perWorker),
					Math.min(fleet.size(), (w + 1) * perWorker));
			loops.add(executor.submit(() -> {
				int round = 0;
				while (running.get()) {
					for (Replica replica : mine) {
						SecretLocation location = new SecretLocation("secret", path(round % this.settings.paths()), 0);
						appReads.incrementAndGet();
						try {
							if (replica.ops.read(location.path()) == null) {
								failedAppReads.incrementAndGet();
							}
						}
						catch (RuntimeException ex) {
							failedAppReads.incrementAndGet();
						}
						vaultReads.incrementAndGet();
						try {
							replica.client.execute(VaultRequest.get("secret/metadata/" + location.path()).build());
							lastSuccess.get(replica).set(System.nanoTime());
						}
						catch (RuntimeException ex) {
							failedVaultReads.incrementAndGet();
							lastFailure.get(replica).set(System.nanoTime());
						}
					}
					round++;
					Thread.sleep(100);
				}
				return null;
			}));
		}
		try {
			Thread.sleep(2000);
			long stepDownAt = System.nanoTime();
			ClusterNode former = this.cluster.active();
			this.cluster.stepDown();
			ClusterNode leader = awaitLeader();
			long electedAt = System.nanoTime();
			Duration stepDownRecovery = recovery(fleet, lastFailure, lastSuccess, stepDownAt);
			Thread.sleep(1000);
			ClusterNode stopped = this.cluster.node((leader.id() + 1) % 3);
			long stoppedAt = System.nanoTime();
			stopped.stop();
			Thread.sleep(3000);
			stopped.start();
			long restartedAt = System.nanoTime();
			Duration stopRecovery = recovery(fleet, lastFailure, lastSuccess, restartedAt);
			Thread.sleep(1000);
			running.set(false);
			for (Future<?> loop : loops) {
				loop.get(1, TimeUnit.MINUTES);
			}
			long addressedToStopped = fleet.stream().filter((replica) -> replica.node == stopped).count();
			return new Failover(fleet.size(), former.id(), leader.id(),
					Duration.ofNanos(electedAt - stepDownAt), stepDownRecovery, stopped.id(),
					Duration.ofNanos(restartedAt - stoppedAt), stopRecovery, addressedToStopped, appReads.get(),
					failedAppReads.get(), vaultReads.get(), failedVaultReads.get());
		}
		finally {
			running.set(false);
			executor.shutdownNow();
		}
	}

	private ClusterNode awaitLeader() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			ClusterNode leader = this.cluster.activeOrNull();
			if (leader != null) {
				return leader;
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("No leader elected within 30 s");
	}

	/**
	 * Wait until every replica has read from Vault successfully after {@code since} and after its last
	 * failure, and return how long after {@code since} the last failed read was (zero when none failed).
	 */
	private Duration recovery(List<Replica> fleet, Map<Replica, AtomicLong> lastFailure,
			Map<Replica, AtomicLong> lastSuccess, long since) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			boolean all = true;
			for (Replica replica : fleet) {
				long success = lastSuccess.get(replica).get();
				if (success <= since || lastFailure.get(replica).get() > success) {
					all = false;
					break;
				}
			}
			if (all) {
				long worst = since;
				for (Replica replica : fleet) {
					worst = Math.max(worst, lastFailure.get(replica).get());
				}
				return Duration.ofNanos(worst - since);
			}
			Thread.sleep(20);
		}
		return Duration.ofSeconds(-1);
	}

	// ---- helpers

	private ClusterNode node(int index) {
		return this.cluster.node(index % 3);
	}

	private void clearLogs() {
		this.cluster.requestLog().clear();
		this.cluster.nodes().forEach((node) -> node.requestLog().clear());
	}

	private NodeSecond busiestNodeSecond(Instant begin, Predicate<RequestLogEntry> filter) {
		NodeSecond busiest = new NodeSecond(-1, 0);
		for (ClusterNode node : this.cluster.nodes()) {
			Map<Long, Integer> perSecond = new HashMap<>();
			for (RequestLogEntry entry : node.requestLog().entries((entry) -> !entry.time().isBefore(begin))) {
				if (filter.test(entry)) {
					perSecond.merge(entry.time().getEpochSecond(), 1, Integer::sum);
				}
			}
			int max = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
			if (max > busiest.requests()) {
				busiest = new NodeSecond(node.id(), max);
			}
		}
		return busiest;
	}

	private static double percentile(List<Long> sortedNanos, double percentile) {
		if (sortedNanos.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
		return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size() - 1, index))) / 1_000_000.0;
	}

	/**
	 * One replica: the stack {@link VaultClientFactory} builds from {@code vault.*}, with the session
	 * manager and the rotation watcher on the cluster clock.
	 */
	private final class Replica {

		private final int index;

		private final ClusterNode node;

		private final VaultClientFactory factory;

		private final DefaultSessionManager session;

		private final VaultClient client;

		private final CachingSecretStore store;

		private final VaultKvTemplate ops;

		private final SecretRotationWatcher watcher;

		private final VaultScopes scopes;

		Replica(int index, ClusterNode node, boolean readYourWrites) {
			this.index = index;
			this.node = node;
			VaultProperties properties = new VaultProperties();
			properties.setUri(node.address().toString());
			properties.setAuthentication(VaultProperties.AuthenticationMethod.USERPASS);
			properties.getUserpass().setUsername(USERNAME);
			properties.getUserpass().setPassword(PASSWORD);
			properties.getConnection().setMaxConnections(4);
			properties.getConsistency().setReadYourWrites(readYourWrites);
			URI address = node.address();
			this.factory = new VaultClientFactory(properties, () -> address, (name) -> {
				throw new IllegalStateException("No SSL bundle " + name);
			});
			VaultClient loginClient = this.factory.createLoginClient(this.factory.getRequestFactory(), null);
			// as VaultClientFactory.createSessionManager, with the cluster clock and the fleet's scheduler
			this.session = DefaultSessionManager.builder(this.factory.createAuthentication(), loginClient)
				.expiryThreshold(properties.getSession().getExpiryThreshold())
				.clock(FleetLoad.this.clock)
				.scheduler(FleetLoad.this.scheduler)
				.build();
			this.client = this.factory.createClient(this.factory.getRequestFactory(), this.session, null);
			KvMountResolver resolver = this.factory.createMountResolver(this.client);
			this.store = this.factory.createSecretStore(this.client, resolver, null);
			this.ops = new VaultKvTemplate(this.client, resolver, this.store, "secret", JsonMapper.shared(),
					new TenantLayout(properties.getTenants().getPathPrefix(), null));
			this.watcher = new SecretRotationWatcher(this.store, this.ops, (event) -> {
			}, FleetLoad.this.clock, ROTATION_INTERVAL, null);
			VaultProperties.Scopes scopes = properties.getScopes();
			this.scopes = new VaultScopes(this.ops, "fleet", "r" + index, scopes.getApplicationPath(),
					scopes.getInstancePath(), scopes.getMaxAttempts());
		}

		void start(int paths) {
			this.session.getToken();
			for (int p = 0; p < paths; p++) {
				if (this.store.read(new SecretLocation("secret", path(p), 0)) == null) {
					throw new IllegalStateException("Secret " + path(p) + " not found");
				}
			}
			this.watcher.tick();
		}

		void close() {
			this.store.close();
			this.session.close();
			this.factory.close();
		}

	}

	/**
	 * Runs the session managers' renewals and logins when they are due on the cluster clock.
	 */
	private static final class FleetScheduler implements RenewalScheduler {

		private final Clock clock;

		private final PriorityQueue<Task> queue = new PriorityQueue<>();

		private long sequence;

		FleetScheduler(Clock clock) {
			this.clock = clock;
		}

		@Override
		public synchronized Cancellable schedule(Runnable task, Duration delay) {
			Task scheduled = new Task(this.clock.instant().plus(delay), this.sequence++, task);
			this.queue.add(scheduled);
			return () -> {
				synchronized (this) {
					this.queue.remove(scheduled);
				}
			};
		}

		void runDue() {
			while (true) {
				Task due;
				synchronized (this) {
					Task next = this.queue.peek();
					if (next == null || next.at().isAfter(this.clock.instant())) {
						return;
					}
					due = this.queue.poll();
				}
				try {
					due.task().run();
				}
				catch (RuntimeException ex) {
					System.err.println("Scheduled session task failed: " + ex);
				}
			}
		}

		private record Task(Instant at, long sequence, Runnable task) implements Comparable<Task> {

			@Override
			public int compareTo(Task other) {
				int byTime = this.at.compareTo(other.at);
				return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
			}

		}

	}

	record Settings(int replicas, int paths, int steadyMinutes, int consistencyReplicas, int consistencyRounds) {
	}

	record NodeSecond(int node, int requests) {
	}

	record Storm(boolean readYourWrites, int replicas, int logins, int secretReads, int requests, int failedStarts, double p50Millis,
			double p99Millis, Duration wall, NodeSecond busiest) {
	}

	record Steady(int replicas, int minutes, int requests, Map<String, Integer> perKind, int busiestSecond,
			double meanSecond, long busiestAt, Map<String, Integer> busiestKinds, NodeSecond busiestNode,
			Duration real) {
	}

	record Consistency(boolean readYourWrites, long cycles, long staleReads, long failedUpdates, long lostUpdates,
			int casConflicts, int readsOnActive, int readsOnStandbys) {
	}

	record Failover(int replicas, int formerLeader, int newLeader, Duration election, Duration stepDownRecovery,
			int stoppedNode, Duration stoppedFor, Duration stopRecovery, long addressedToStopped, long appReads,
			long failedAppReads, long vaultReads, long failedVaultReads) {
	}

	record Results(Storm stormOff, Storm storm, Steady steady, Consistency off, Consistency on, Failover failover) {
	}

	/**
	 * Writes section h.
	 */
	private record Report(String started, boolean quick, double loadBefore, double loadAfter, Duration took,
			Settings settings) {

		String write(Results results) {
			StringBuilder out = new StringBuilder();
			out.append("\n## h. A fleet (").append(this.started).append(")\n\n");
			if (this.quick) {
				out.append("**Quick run (`--quick`): these figures only show that the program works.**\n\n");
			}
			out.append("`FleetLoad`: ")
				.append(this.settings.replicas())
				.append(" replicas, each a full vaultkv client stack built by `VaultClientFactory` from `vault.*` ")
				.append("(own HTTP pool, login and application clients with retry, userpass session manager, secret ")
				.append("cache, operations bean, scoped maps, rotation watcher; no application context), against the ")
				.append("embedded cluster in the same JVM: 3 nodes, 2 performance standbys replicating with a ")
				.append(LAG.toMillis())
				.append(" ms lag. Replica i talks to node i mod 3, as a load balancer spreading connections would send it. ")
				.append(this.settings.paths())
				.append(" secret paths of 5 keys each; tokens with a TTL of ")
				.append(TOKEN_TTL.toMinutes())
				.append(" min and a max TTL of ")
				.append(TOKEN_MAX_TTL.toMinutes())
				.append(" min; `vault.rotation.interval=")
				.append(ROTATION_INTERVAL.toMinutes())
				.append("m`. Read-your-writes on (the default) but in the consistency part's \"off\" run. Took ")
				.append(this.took.toSeconds())
				.append(" s; load average ")
				.append(fmt(this.loadBefore, 2))
				.append(" before, ")
				.append(fmt(this.loadAfter, 2))
				.append(" after, on ")
				.append(Runtime.getRuntime().availableProcessors())
				.append(" cores.\n\n");
			storm(out, results.storm(), results.stormOff());
			steady(out, results.steady());
			consistency(out, results.off(), results.on());
			failover(out, results.failover());
			out.append("Run: `./mvnw -B -pl benchmarks -am package -DskipTests && java -cp \"benchmarks/target/classes:")
				.append("$(cat benchmarks/target/classpath.txt)\" dev.vaultkv.benchmarks.FleetLoad --append benchmarks/RESULTS.md`")
				.append(this.quick ? " --quick" : "")
				.append("\n");
			return out.toString();
		}

		private void storm(StringBuilder out, Storm storm, Storm off) {
			out.append("### Startup storm\n\nEvery replica starts at a random point of the same second: logs in, ")
				.append("reads each path once (as placeholders do) and takes up rotation polling. First with ")
				.append("read-your-writes off (a fleet of its own, closed afterwards), then on (the fleet the next parts use).\n\n");
			out.append("| | read-your-writes on | off | expected |\n|---|---|---|---|\n");
			row(out, "logins", storm.logins(), off.logins(), Integer.toString(storm.replicas()));
			row(out, "secret reads", storm.secretReads(), off.secretReads(),
					(storm.replicas() * this.settings.paths()) + " (" + storm.replicas() + " x " + this.settings.paths() + ")");
			row(out, "all requests", storm.requests(), off.requests(),
					"logins, reads, one KV version detection per replica, and the rotation polls that fell due");
			row(out, "failed starts", storm.failedStarts(), off.failedStarts(), "0");
			out.append("| start time p50 / p99 | ")
				.append(fmt(storm.p50Millis(), 0))
				.append(" ms / ")
				.append(fmt(storm.p99Millis(), 0))
				.append(" ms | ")
				.append(fmt(off.p50Millis(), 0))
				.append(" ms / ")
				.append(fmt(off.p99Millis(), 0))
				.append(" ms | |\n");
			out.append("| storm over after | ")
				.append(storm.wall().toMillis())
				.append(" ms | ")
				.append(off.wall().toMillis())
				.append(" ms | |\n");
			out.append("| busiest node, requests in its busiest second | node ")
				.append(storm.busiest().node())
				.append(": ")
				.append(storm.busiest().requests())
				.append(" | node ")
				.append(off.busiest().node())
				.append(": ")
				.append(off.busiest().requests())
				.append(" | |\n\n");
		}

		private static void row(StringBuilder out, String name, int on, int off, String expected) {
			out.append("| ").append(name).append(" | ").append(on).append(" | ").append(off).append(" | ")
				.append(expected).append(" |\n");
		}

		private void steady(StringBuilder out, Steady steady) {
			double perReplicaMinute = steady.requests() / (double) steady.replicas() / steady.minutes();
			double renewalsPerMinute = 60.0 / (Math.min(TOKEN_TTL.toSeconds() * 2.0 / 3, TOKEN_TTL.toSeconds() - 30)
					* 0.95);
			double formula = this.settings.paths() / (double) ROTATION_INTERVAL.toMinutes() + renewalsPerMinute
					+ 1.0 / TOKEN_MAX_TTL.toMinutes();
			out.append("### Steady state\n\n")
				.append(steady.minutes())
				.append(" minutes on the cluster clock (frozen, advanced one second at a time; the session managers and ")
				.append("rotation watchers take their time from it, so these are simulated minutes, run in ")
				.append(steady.real().toSeconds())
				.append(" s). Nothing re-reads a secret here, so the cache adds no refresh reads ")
				.append("(`P_hot = 0` in the README's formula).\n\n");
			out.append("| | measured | README formula |\n|---|---|---|\n");
			out.append("| Vault requests per replica per minute | ")
				.append(fmt(perReplicaMinute, 2))
				.append(" | ")
				.append(fmt(formula, 2))
				.append(" = ")
				.append(this.settings.paths())
				.append(" paths / 1 min + 60 s / (min(2/3 x TTL, TTL - 30 s) x 0.95 mean jitter) renewals + 1 / max TTL logins |\n");
			out.append("| of which `metadata` polls / renewals / logins / other | ")
				.append(steady.perKind().getOrDefault("metadata", 0))
				.append(" / ")
				.append(steady.perKind().getOrDefault("renew-self", 0))
				.append(" / ")
				.append(steady.perKind().getOrDefault("login", 0))
				.append(" / ")
				.append(steady.perKind().getOrDefault("other", 0) + steady.perKind().getOrDefault("read", 0))
				.append(" | |\n");
			out.append("| busiest second / mean second (cluster) | ")
				.append(fmt(steady.busiestSecond() / steady.meanSecond(), 2))
				.append(" (")
				.append(steady.busiestSecond())
				.append(" / ")
				.append(fmt(steady.meanSecond(), 1))
				.append("; second ")
				.append(steady.busiestAt())
				.append(": ")
				.append(new TreeMap<>(steady.busiestKinds()))
				.append(") | <= 2 |\n");
			out.append("| busiest node, requests in its busiest second | node ")
				.append(steady.busiestNode().node())
				.append(": ")
				.append(steady.busiestNode().requests())
				.append(" | |\n\n");
		}

		private void consistency(StringBuilder out, Consistency off, Consistency on) {
			out.append("### Consistency\n\n")
				.append(this.settings.consistencyReplicas())
				.append(" replicas on the two performance standbys each run ")
				.append(this.settings.consistencyRounds())
				.append(" read-modify-write cycles on their own instance map (`ScopedSecretMap.update`, check-and-set, ")
				.append("an increment), each followed by a read of the value; the cluster clock moves a quarter of the ")
				.append("lag after every round. A stale read returns less than the replica's own last increment; a lost ")
				.append("update is an increment missing from the final values (a failed `update`, or one written over).\n\n");
			out.append("| read-your-writes | cycles | stale reads / 1000 | lost updates / 1000 | failed updates | ")
				.append("CAS conflicts | map reads on the active node / on the standbys |\n|---|---|---|---|---|---|---|\n");
			for (Consistency run : List.of(off, on)) {
				out.append("| ")
					.append(run.readYourWrites() ? "on" : "off")
					.append(" | ")
					.append(run.cycles())
					.append(" | ")
					.append(fmt(1000.0 * run.staleReads() / run.cycles(), 1))
					.append(" | ")
					.append(fmt(1000.0 * run.lostUpdates() / run.cycles(), 1))
					.append(" | ")
					.append(run.failedUpdates())
					.append(" | ")
					.append(run.casConflicts())
					.append(" | ")
					.append(run.readsOnActive())
					.append(" / ")
					.append(run.readsOnStandbys())
					.append(" |\n");
			}
			out.append("\nTarget with read-your-writes on: 0 stale reads and 0 lost updates. With it on, a standby that ")
				.append("has not caught up forwards the read to the active node (`forward-active-node`).\n\n");
		}

		private void failover(StringBuilder out, Failover failover) {
			out.append("### Failover\n\nIn real time: every replica reads a secret through the operations bean ")
				.append("(cached) and a `metadata` path from Vault (through its retrying client) every 100 ms; the ")
				.append("active node steps down, then a standby is stopped and started again.\n\n");
			out.append("| | |\n|---|---|\n");
			out.append("| step-down: node ")
				.append(failover.formerLeader())
				.append(" -> node ")
				.append(failover.newLeader())
				.append(", election took | ")
				.append(failover.election().toMillis())
				.append(" ms |\n");
			out.append("| last failed Vault read after the step-down (every replica then read through the new leader) | ")
				.append(failover.stepDownRecovery().toMillis())
				.append(" ms |\n");
			out.append("| node ")
				.append(failover.stoppedNode())
				.append(" stopped for ")
				.append(failover.stoppedFor().toMillis())
				.append(" ms; replicas addressed to it | ")
				.append(failover.addressedToStopped())
				.append(" |\n");
			out.append("| last failed Vault read after its restart (every replica then read again) | ")
				.append(failover.stopRecovery().toMillis())
				.append(" ms |\n");
			out.append("| application reads (cached) / failed | ")
				.append(failover.appReads())
				.append(" / ")
				.append(failover.failedAppReads())
				.append(" (target 0) |\n");
			out.append("| Vault reads / failed after retries | ")
				.append(failover.vaultReads())
				.append(" / ")
				.append(failover.failedVaultReads())
				.append(" |\n\n");
			out.append("vaultkv takes one address: the replicas addressed to the stopped node could not reach Vault ")
				.append("until it was back (they kept serving their cached secrets); behind a load balancer they ")
				.append("would have been sent to another node.\n\n");
		}

		private static String fmt(double value, int decimals) {
			return String.format(Locale.ROOT, "%." + decimals + "f", value);
		}

	}

}
