package dev.vaultkv.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.RequestLogEntry;
import dev.vaultkv.secret.Secret;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Issue 8's figure (e), startup: a Spring Boot application that needs 200 secret keys over 20 paths
 * ({@code secret/bench/p00} to {@code p19}, keys {@code k0} to {@code k9}), 180 through
 * {@code ${vault:bench/pNN:kM}} placeholders and 20 through {@code @Secret} fields, started again and again
 * against the embedded server; the requests of each start are read from the server's request log. The peer,
 * Spring Cloud Vault on Boot 4.0 ({@code benchmarks/startup-peer}), runs in its own JVM against the same
 * server and paths.
 * <p>
 * Usage: {@code StartupBenchmark [--warmup n] [--starts n] [--peer benchmarks/startup-peer] [--append file]}.
 * The time of a start is the wall time of {@code SpringApplication.run} (environment preparation, where
 * Spring Cloud Vault's {@code spring.config.import} reads, plus the context refresh, where vaultkv's
 * placeholders and {@code @Secret} fields read), taken in the same way on both sides.
 *
 * @since 0.1.0
 */
public final class StartupBenchmark {

	static final int PATHS = 20;

	static final int KEYS = 10;

	private StartupBenchmark() {
	}

	/**
	 * Run the benchmark and print (and optionally append) a Markdown section.
	 * @param args see the class documentation
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		int warmup = 5;
		int starts = 15;
		Path peer = null;
		Path append = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--warmup" -> warmup = Integer.parseInt(args[++i]);
				case "--starts" -> starts = Integer.parseInt(args[++i]);
				case "--peer" -> peer = Path.of(args[++i]);
				case "--append" -> append = Path.of(args[++i]);
				default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
						+ "'; expected [--warmup n] [--starts n] [--peer dir] [--append file]");
			}
		}
		String started = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Map<String, Object> seeded = new TreeMap<>();
		EmbeddedVaultServer.Builder builder = EmbeddedVaultServer.builder().port(0);
		for (int p = 0; p < PATHS; p++) {
			Map<String, Object> data = new LinkedHashMap<>();
			for (int k = 0; k < KEYS; k++) {
				data.put("k" + k, expected(p, k));
			}
			builder.secret("secret/bench/" + path(p), data);
			seeded.put(path(p), data);
		}
		try (EmbeddedVaultServer server = builder.start()) {
			Side vaultkv = runVaultkv(server, warmup, starts);
			Side springCloudVault = (peer != null) ? runPeer(server, peer, warmup, starts) : null;
			double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			String section = report(started, warmup, starts, loadBefore, loadAfter, vaultkv, springCloudVault, peer);
			System.out.println(section);
			if (append != null) {
				Files.writeString(append, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
		}
	}

	private static Side runVaultkv(EmbeddedVaultServer server, int warmup, int starts) {
		List<Long> times = new ArrayList<>();
		Map<String, Integer> requests = null;
		for (int i = 0; i < warmup + starts; i++) {
			server.requestLog().clear();
			long begin = System.nanoTime();
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StartupApp.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(vaultkvProperties(server))
				.run()) {
				long elapsed = System.nanoTime() - begin;
				int resolved = context.getBean(Secrets.class).resolved();
				if (resolved != PATHS * KEYS) {
					throw new IllegalStateException("vaultkv resolved " + resolved + " of " + PATHS * KEYS + " secrets");
				}
				Map<String, Integer> these = group(server.requestLog().entries());
				if (requests != null && !requests.equals(these)) {
					throw new IllegalStateException("vaultkv made different requests on start " + i + ": " + these
							+ " instead of " + requests);
				}
				requests = these;
				if (i >= warmup) {
					times.add(elapsed);
				}
			}
		}
		return new Side(times, (requests != null) ? requests : Map.of(), 1);
	}

	private static Map<String, Object> vaultkvProperties(EmbeddedVaultServer server) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("vault.uri", server.getAddress().toString());
		properties.put("vault.token", server.getRootToken());
		for (int p = 0; p < PATHS; p++) {
			// Key k9 of each path comes through an @Secret field of StartupApp.Secrets instead.
			for (int k = 0; k < KEYS - 1; k++) {
				properties.put(String.format(Locale.ROOT, "app.s%02dk%d", p, k),
						"${vault:bench/" + path(p) + ":k" + k + "}");
			}
		}
		return properties;
	}

	private static Side runPeer(EmbeddedVaultServer server, Path peer, int warmup, int starts)
			throws IOException, InterruptedException {
		Path classpath = peer.resolve("target/classpath.txt");
		if (!Files.isRegularFile(classpath)) {
			throw new IllegalStateException("The peer is not built: run ./mvnw -B -f " + peer.resolve("pom.xml")
					+ " package first");
		}
		String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String cp = peer.resolve("target/classes").toAbsolutePath() + java.io.File.pathSeparator
				+ Files.readString(classpath).trim();
		// One start alone for the request count, then the timed starts.
		server.requestLog().clear();
		runPeerProcess(javaCommand, cp, server, 0, 1);
		Map<String, Integer> requests = group(server.requestLog().entries());
		List<Long> times = runPeerProcess(javaCommand, cp, server, warmup, starts);
		return new Side(times, requests, 1);
	}

	private static List<Long> runPeerProcess(String javaCommand, String classpath, EmbeddedVaultServer server,
			int warmup, int starts) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(javaCommand, "-cp", classpath, "dev.vaultkv.benchmarks.peer.StartupPeer",
				server.getAddress().toString(), server.getRootToken(), Integer.toString(warmup),
				Integer.toString(starts))
			.redirectErrorStream(true)
			.start();
		List<Long> times = new ArrayList<>();
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.add(line);
				if (line.startsWith("START ")) {
					String[] parts = line.split(" ");
					int index = Integer.parseInt(parts[1]);
					if (Integer.parseInt(parts[3]) != PATHS * KEYS) {
						throw new IllegalStateException("The peer resolved only " + parts[3] + " secrets: " + line);
					}
					if (index >= warmup) {
						times.add(Long.parseLong(parts[2]));
					}
				}
			}
		}
		int exit = process.waitFor();
		if (exit != 0 || times.size() != starts) {
			throw new IllegalStateException("The peer failed (exit " + exit + "):\n" + String.join("\n", output));
		}
		return times;
	}

	static Map<String, Integer> group(List<RequestLogEntry> entries) {
		Map<String, Integer> groups = new TreeMap<>();
		for (RequestLogEntry entry : entries) {
			groups.merge(kind(entry), 1, Integer::sum);
		}
		return groups;
	}

	static String kind(RequestLogEntry entry) {
		String path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
		if (path.startsWith("v1/")) {
			path = path.substring(3);
		}
		String kind;
		if (path.startsWith("secret/data/")) {
			kind = "secret read `secret/data/bench/pNN`";
		}
		else if (path.startsWith("sys/internal/ui/mounts")) {
			kind = "`sys/internal/ui/mounts" + (path.equals("sys/internal/ui/mounts") ? "`" : "/<path>`");
		}
		else {
			kind = "`" + path + "`";
		}
		return entry.method() + " " + kind + ((entry.status() >= 400) ? " (" + entry.status() + ")" : "");
	}

	private static String report(String started, int warmup, int starts, double loadBefore, double loadAfter,
			Side vaultkv, @Nullable Side peer, @Nullable Path peerDirectory) {
		StringBuilder out = new StringBuilder();
		out.append("\n## e. Startup (").append(started).append(")\n\n");
		out.append("A Boot application needing 200 secret keys over 20 paths (`secret/bench/p00`..`p19`, keys `k0`..`k9`): ")
			.append("vaultkv through 180 `${vault:bench/pNN:kM}` placeholders and 20 `@Secret` fields; Spring Cloud Vault ")
			.append("(`spring-cloud-starter-vault-config` of `spring-cloud-dependencies` 2025.1.4 on Boot 4.0.7, its own JVM) ")
			.append("through `spring.config.import=vault://secret/bench/pNN?prefix=pNN.` for the same 20 paths, token ")
			.append("authentication, then `${pNN.kM}` placeholders. Both against the same embedded server; a fresh ")
			.append("`SpringApplicationBuilder` per start (web type none, banner off); time = wall time of `run()` ")
			.append("(environment preparation + context refresh), median of ")
			.append(starts)
			.append(" starts after ")
			.append(warmup)
			.append(" warm-up starts in the same JVM. Targets: exactly 20 secret reads; time no slower than the peer's.\n\n");
		out.append("- Command: `java -cp \"benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)\" ")
			.append("dev.vaultkv.benchmarks.StartupBenchmark --warmup ")
			.append(warmup)
			.append(" --starts ")
			.append(starts)
			.append((peerDirectory != null) ? " --peer " + peerDirectory : "")
			.append(" --append benchmarks/RESULTS.md` (the peer built with `./mvnw -B -f benchmarks/startup-peer/pom.xml package`)\n");
		out.append("- JVM: ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append("; machine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" processors, load average ")
			.append(String.format(Locale.ROOT, "%.1f at start, %.1f at end", loadBefore, loadAfter))
			.append((loadBefore > Runtime.getRuntime().availableProcessors())
					? " (loaded by other builds: absolute times are inflated)" : "")
			.append("\n\n");
		double vaultkvMedian = median(vaultkv.times());
		if (peer != null) {
			double peerMedian = median(peer.times());
			double ratio = vaultkvMedian / peerMedian;
			out.append("| ratio vaultkv / Spring Cloud Vault | vaultkv median | Spring Cloud Vault median | target |\n");
			out.append("|---|---|---|---|\n");
			out.append(String.format(Locale.ROOT, "| %.2fx | %.1f ms (min %.1f, max %.1f) | %.1f ms (min %.1f, max %.1f) | %s |%n",
					ratio, vaultkvMedian, min(vaultkv.times()), max(vaultkv.times()), peerMedian, min(peer.times()),
					max(peer.times()), (ratio <= 1.0) ? "met (<= 1.0x)" : "NOT met"));
		}
		else {
			out.append(String.format(Locale.ROOT, "vaultkv median %.1f ms (min %.1f, max %.1f); the peer was not run.%n",
					vaultkvMedian, min(vaultkv.times()), max(vaultkv.times())));
		}
		out.append("\nRequests per start, from the embedded server's request log:\n\n");
		out.append("| request | vaultkv | Spring Cloud Vault |\n|---|---|---|\n");
		Map<String, Integer> kinds = new TreeMap<>(vaultkv.requests());
		if (peer != null) {
			peer.requests().forEach((kind, count) -> kinds.putIfAbsent(kind, 0));
		}
		for (String kind : kinds.keySet()) {
			out.append("| ")
				.append(kind)
				.append(" | ")
				.append(vaultkv.requests().getOrDefault(kind, 0))
				.append(" | ")
				.append((peer != null) ? Integer.toString(peer.requests().getOrDefault(kind, 0)) : "-")
				.append(" |\n");
		}
		out.append("| **total** | ")
			.append(total(vaultkv.requests()))
			.append(" | ")
			.append((peer != null) ? Integer.toString(total(peer.requests())) : "-")
			.append(" |\n");
		int reads = vaultkv.requests()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().contains("secret read"))
			.mapToInt(Map.Entry::getValue)
			.sum();
		out.append("\nvaultkv secret reads: ")
			.append(reads)
			.append((reads == PATHS) ? " (target of exactly 20 met)" : " (target of exactly 20 NOT met)")
			.append(".\n");
		return out.toString();
	}

	private static int total(Map<String, Integer> requests) {
		return requests.values().stream().mapToInt(Integer::intValue).sum();
	}

	private static double median(List<Long> nanos) {
		double[] millis = nanos.stream().mapToDouble((n) -> n / 1e6).sorted().toArray();
		int middle = millis.length / 2;
		return (millis.length % 2 == 1) ? millis[middle] : (millis[middle - 1] + millis[middle]) / 2;
	}

	private static double min(List<Long> nanos) {
		return nanos.stream().mapToLong(Long::longValue).min().orElse(0) / 1e6;
	}

	private static double max(List<Long> nanos) {
		return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
	}

	static String path(int p) {
		return String.format(Locale.ROOT, "p%02d", p);
	}

	static String expected(int p, int k) {
		return String.format(Locale.ROOT, "v%02dk%d", p, k);
	}

	/**
	 * The requests and times of one side.
	 *
	 * @param times the measured start times in nanoseconds
	 * @param requests the requests of one start, by kind
	 * @param startsPerRequestCount how many starts the request count covers
	 */
	record Side(List<Long> times, Map<String, Integer> requests, int startsPerRequestCount) {

	}

	/**
	 * The application started by the benchmark.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class StartupApp {

		@Bean
		Secrets secrets(Environment environment) {
			return new Secrets(environment);
		}

	}

	/**
	 * The bean holding the 200 secrets: 180 from placeholders, 20 from {@code @Secret} fields.
	 */
	static class Secrets {

		private final Map<String, String> values = new LinkedHashMap<>();

		@Secret("bench/p00:k9")
		private String p00k9;

		@Secret("bench/p01:k9")
		private String p01k9;

		@Secret("bench/p02:k9")
		private String p02k9;

		@Secret("bench/p03:k9")
		private String p03k9;

		@Secret("bench/p04:k9")
		private String p04k9;

		@Secret("bench/p05:k9")
		private String p05k9;

		@Secret("bench/p06:k9")
		private String p06k9;

		@Secret("bench/p07:k9")
		private String p07k9;

		@Secret("bench/p08:k9")
		private String p08k9;

		@Secret("bench/p09:k9")
		private String p09k9;

		@Secret("bench/p10:k9")
		private String p10k9;

		@Secret("bench/p11:k9")
		private String p11k9;

		@Secret("bench/p12:k9")
		private String p12k9;

		@Secret("bench/p13:k9")
		private String p13k9;

		@Secret("bench/p14:k9")
		private String p14k9;

		@Secret("bench/p15:k9")
		private String p15k9;

		@Secret("bench/p16:k9")
		private String p16k9;

		@Secret("bench/p17:k9")
		private String p17k9;

		@Secret("bench/p18:k9")
		private String p18k9;

		@Secret("bench/p19:k9")
		private String p19k9;

		Secrets(Environment environment) {
			for (int p = 0; p < PATHS; p++) {
				for (int k = 0; k < KEYS - 1; k++) {
					String name = String.format(Locale.ROOT, "app.s%02dk%d", p, k);
					this.values.put(name, environment.getRequiredProperty(name));
				}
			}
		}

		int resolved() {
			int resolved = 0;
			for (Map.Entry<String, String> entry : this.values.entrySet()) {
				if (entry.getValue().equals("v" + entry.getKey().substring("app.s".length()))) {
					resolved++;
				}
			}
			String[] fields = { this.p00k9, this.p01k9, this.p02k9, this.p03k9, this.p04k9, this.p05k9, this.p06k9,
					this.p07k9, this.p08k9, this.p09k9, this.p10k9, this.p11k9, this.p12k9, this.p13k9, this.p14k9,
					this.p15k9, this.p16k9, this.p17k9, this.p18k9, this.p19k9 };
			for (int p = 0; p < fields.length; p++) {
				if (expected(p, KEYS - 1).equals(fields[p])) {
					resolved++;
				}
			}
			return resolved;
		}

		@Override
		public String toString() {
			return "Secrets[" + (this.values.size() + PATHS) + " values]";
		}

	}

}
