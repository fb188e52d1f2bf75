package dev.vaultkv.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every vaultkv benchmark once and writes {@code RESULTS.md}: JMH runs (results written as JSON
 * and read back), then the herd and memory programs, then the startup, rotation and database credentials
 * programs in JVMs of their own. Each figure is given as a ratio to a baseline
 * measured in the same run, ratio first.
 * <p>
 * Usage: {@code java -jar benchmarks/target/benchmarks.jar [--quick] [--cold-only] [--output benchmarks/RESULTS.md]}.
 * {@code --quick} shortens every run to check that everything works; its figures mean nothing.
 * {@code --cold-only} runs only the cold read (sections b and b2) and writes just those sections.
 *
 * @since 0.1.0
 */
public final class BenchmarkRunner {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final boolean quick;

	private final boolean coldOnly;

	private final Path output;

	private final Path workDirectory;

	private BenchmarkRunner(boolean quick, boolean coldOnly, Path output) {
		this.quick = quick;
		this.coldOnly = coldOnly;
		this.output = output;
		this.workDirectory = (output.toAbsolutePath().getParent() != null)
				? output.toAbsolutePath().getParent().resolve("target") : Path.of("target");
	}

	/**
	 * Run the benchmarks and write the results.
	 * @param args {@code [--quick] [--output file]}
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		boolean quick = false;
		boolean coldOnly = false;
		Path output = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "RESULTS.md")
				: Path.of("RESULTS.md");
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--cold-only" -> coldOnly = true;
				case "--output" -> output = Path.of(args[++i]);
				default -> throw new IllegalArgumentException(
						"Unknown argument '" + args[i] + "'; expected [--quick] [--cold-only] [--output file]");
			}
		}
		new BenchmarkRunner(quick, coldOnly, output).run(String.join(" ", args));
	}

	private void run(String arguments) throws Exception {
		Files.createDirectories(this.workDirectory);
		String started = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		List<Score> cached = new ArrayList<>();
		if (!this.coldOnly) {
			cached.addAll(jmh(CachedReadBenchmark.class, 1, "cached-1t"));
			cached.addAll(jmh(CachedReadBenchmark.class, 2, "cached-2t"));
		}
		List<Score> cold = jmh(ColdReadBenchmark.class, 1, "cold");
		Map<String, InterleavedColdRead.Result> interleaved = InterleavedColdRead.run(this.quick ? 50 : 500,
				this.quick ? 2 : 10);
		if (this.coldOnly) {
			double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			Files.writeString(this.output,
					new Report(started, arguments, loadBefore, loadAfter, this.quick).writeCold(cold, interleaved));
			System.out.println(Files.readString(this.output));
			System.out.println("Written to " + this.output.toAbsolutePath());
			return;
		}
		List<HerdLoad.HerdResult> herds = HerdLoad.run(100, this.quick ? 3 : 20);
		List<MemoryFootprint.Footprint> memory = new ArrayList<>();
		for (int count : new int[] { 1, 1_000, 100_000 }) {
			memory.add(MemoryFootprint.measure(count));
		}
		double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		String report = new Report(started, arguments, loadBefore, loadAfter, this.quick).write(cached, cold,
				interleaved, herds, memory);
		Files.writeString(this.output, report);
		startup();
		ownJvm("f. Secrets that change", RotationLoad.class);
		ownJvm("g. Database credentials", DatabaseCredentialsLoad.class);
		ownJvm("h. A fleet", FleetLoad.class);
		System.out.println(Files.readString(this.output));
		System.out.println("Written to " + this.output.toAbsolutePath());
	}

	/**
	 * Section e: {@link StartupBenchmark} in a JVM of its own, on the module's class path (shading breaks
	 * Boot's auto-configuration files), building the Spring Cloud Vault peer first when needed; it
	 * appends its section to the output. When it cannot run, the section says why and how to run it.
	 */
	private void startup() throws IOException, InterruptedException {
		Path module = Files.isDirectory(Path.of("benchmarks", "startup-peer")) ? Path.of("benchmarks") : Path.of(".");
		Path peer = module.resolve("startup-peer");
		Path classes = module.resolve("target/classes");
		Path classpath = module.resolve("target/classpath.txt");
		String problem = null;
		if (!Files.isDirectory(classes) || !Files.isRegularFile(classpath)) {
			problem = "the module's class path is missing (run `./mvnw -B -pl benchmarks -am package -DskipTests`)";
		}
		else if (!Files.isRegularFile(peer.resolve("target/classpath.txt"))) {
			Path wrapper = module.toAbsolutePath().getParent().resolve("mvnw");
			int exit = Files.isExecutable(wrapper) ? run(List.of(wrapper.toString(), "-B", "-q", "-f",
					peer.resolve("pom.xml").toString(), "package")) : -1;
			if (exit != 0) {
				problem = "the Spring Cloud Vault peer could not be built (run `./mvnw -B -f "
						+ "benchmarks/startup-peer/pom.xml package`)";
			}
		}
		if (problem == null) {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			List<String> command = new ArrayList<>(List.of(java, "-cp",
					classes.toAbsolutePath() + File.pathSeparator + Files.readString(classpath).trim(),
					StartupBenchmark.class.getName(), "--warmup", this.quick ? "1" : "5", "--starts",
					this.quick ? "3" : "15", "--peer", peer.toString(), "--append", this.output.toString()));
			if (run(command) != 0) {
				problem = "`StartupBenchmark` failed (its output is above)";
			}
		}
		if (problem != null) {
			Files.writeString(this.output, "\nNot measured in this run: " + problem + ".\n",
					StandardOpenOption.APPEND);
		}
	}

	/**
	 * Sections f ({@link RotationLoad}), g ({@link DatabaseCredentialsLoad}) and h ({@link FleetLoad}): a load program in a JVM of
	 * its own on the module's class path, like section e; it appends its section to the output. When it
	 * cannot run, the section says why.
	 */
	private void ownJvm(String section, Class<?> program) throws IOException, InterruptedException {
		Path module = Files.isDirectory(Path.of("benchmarks", "startup-peer")) ? Path.of("benchmarks") : Path.of(".");
		Path classes = module.resolve("target/classes");
		Path classpath = module.resolve("target/classpath.txt");
		String problem = null;
		if (!Files.isDirectory(classes) || !Files.isRegularFile(classpath)) {
			problem = "the module's class path is missing (run `./mvnw -B -pl benchmarks -am package -DskipTests`)";
		}
		else {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			List<String> command = new ArrayList<>(List.of(java, "-cp",
					classes.toAbsolutePath() + File.pathSeparator + Files.readString(classpath).trim(),
					program.getName(), "--append", this.output.toString()));
			if (this.quick) {
				command.add("--quick");
			}
			if (run(command) != 0) {
				problem = "`" + program.getSimpleName() + "` failed (its output is above)";
			}
		}
		if (problem != null) {
			Files.writeString(this.output, "\n## " + section + "\n\nNot measured in this run: " + problem + ".\n",
					StandardOpenOption.APPEND);
		}
	}

	private static int run(List<String> command) throws IOException, InterruptedException {
		return new ProcessBuilder(command).inheritIO().start().waitFor();
	}

	private List<Score> jmh(Class<?> benchmark, int threads, String name) throws RunnerException, IOException {
		Path json = this.workDirectory.resolve("jmh-" + name + ".json");
		ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + "\\.")
			.threads(threads)
			.resultFormat(ResultFormatType.JSON)
			.result(json.toString());
		if (benchmark == ColdReadBenchmark.class) {
			// Bytes allocated per read (gc.alloc.rate.norm), all threads of the fork.
			options.addProfiler(GCProfiler.class);
		}
		if (this.quick) {
			options.forks(1)
				.warmupIterations(1)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(1)
				.measurementTime(TimeValue.seconds(1));
		}
		new Runner(options.build()).run();
		return readScores(json);
	}

	static List<Score> readScores(Path json) throws IOException {
		List<Score> scores = new ArrayList<>();
		for (JsonNode result : JSON.readTree(Files.readString(json))) {
			String benchmark = result.get("benchmark").stringValue();
			JsonNode metric = result.get("primaryMetric");
			JsonNode median = metric.path("scorePercentiles").path("50.0");
			JsonNode allocated = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
			scores.add(new Score(benchmark.substring(benchmark.lastIndexOf('.') + 1), result.get("threads").asInt(),
					metric.get("score").asDouble(), errorOf(metric.get("scoreError")),
					median.isNumber() ? median.asDouble() : Double.NaN,
					metric.get("scoreUnit").stringValue(), result.get("warmupIterations").asInt(),
					result.get("warmupTime").stringValue(), result.get("measurementIterations").asInt(),
					result.get("measurementTime").stringValue(), result.get("forks").asInt(),
					allocated.isNumber() ? allocated.asDouble() : Double.NaN));
		}
		return scores;
	}

	private static double errorOf(@Nullable JsonNode error) {
		// JMH writes "NaN" as a string when there are too few iterations for an error.
		return (error != null && error.isNumber()) ? error.asDouble() : Double.NaN;
	}

	/**
	 * One JMH score read back from the JSON results.
	 *
	 * @param name the benchmark method
	 * @param threads the threads
	 * @param score the average time per operation
	 * @param error the 99.9% confidence half-width
	 * @param median the median, for sampled benchmarks ({@code NaN} otherwise)
	 * @param unit the unit
	 * @param warmupIterations the warm-up iterations
	 * @param warmupTime the warm-up iteration time
	 * @param measurementIterations the measurement iterations
	 * @param measurementTime the measurement iteration time
	 * @param forks the JVMs the benchmark ran in
	 * @param allocatedBytes bytes allocated per operation by the whole JVM (JMH's GC profiler,
	 * {@code gc.alloc.rate.norm}; {@code NaN} when it did not run)
	 */
	record Score(String name, int threads, double score, double error, double median, String unit, int warmupIterations,
			String warmupTime, int measurementIterations, String measurementTime, int forks, double allocatedBytes) {

	}

	/**
	 * Writes RESULTS.md.
	 */
	private record Report(String started, String arguments, double loadBefore, double loadAfter, boolean quick) {

		String writeCold(List<Score> cold, Map<String, InterleavedColdRead.Result> interleaved) {
			StringBuilder out = new StringBuilder();
			header(out);
			cold(out, cold);
			interleaved(out, interleaved);
			return out.toString();
		}

		String write(List<Score> cached, List<Score> cold, Map<String, InterleavedColdRead.Result> interleaved,
				List<HerdLoad.HerdResult> herds, List<MemoryFootprint.Footprint> memory) {
			StringBuilder out = new StringBuilder();
			header(out);
			cached(out, cached);
			cold(out, cold);
			interleaved(out, interleaved);
			herds(out, herds);
			memory(out, memory);
			out.append("## e. Startup against Spring Cloud Vault\n\n");
			out.append("Measured by `StartupBenchmark` in a JVM of its own (see `benchmarks/README.md`), which "
					+ "appends its dated section below; `RotationLoad` appends section f, `DatabaseCredentialsLoad` "
					+ "section g and `FleetLoad` section h after it.\n");
			return out.toString();
		}

		private void header(StringBuilder out) {
			out.append("# vaultkv benchmark results\n\n");
			if (this.quick) {
				out.append("**Quick run (`--quick`): one short iteration each; these figures only show that the "
						+ "benchmarks work.**\n\n");
			}
			out.append("Written by `dev.vaultkv.benchmarks.BenchmarkRunner`; every ratio is to a baseline measured in "
					+ "the same run (time relative to the baseline, lower is better, ratio first).\n\n");
			out.append("- Command: `./mvnw -B -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar")
				.append(this.arguments.isEmpty() ? "" : " " + this.arguments)
				.append("`\n");
			out.append("- Date: ").append(this.started).append('\n');
			out.append("- JVM: ")
				.append(System.getProperty("java.vm.name"))
				.append(' ')
				.append(System.getProperty("java.runtime.version"))
				.append(" (")
				.append(System.getProperty("java.vendor"))
				.append("), JMH 1.37\n");
			out.append("- Machine: ")
				.append(System.getProperty("os.name"))
				.append(' ')
				.append(System.getProperty("os.arch"))
				.append(", ")
				.append(Runtime.getRuntime().availableProcessors())
				.append(" processors, load average ")
				.append(format(this.loadBefore, 1))
				.append(" at start, ")
				.append(format(this.loadAfter, 1))
				.append(" at end\n\n");
			if (Math.max(this.loadBefore, this.loadAfter) > Runtime.getRuntime().availableProcessors()) {
				out.append("**The machine was loaded by other processes (parallel builds) during this run: the load "
						+ "average exceeded the processor count. Absolute times and error bars are inflated and "
						+ "benchmarks that ran at different moments saw different load; read the ratios as "
						+ "indicative only.**\n\n");
			}
		}

		private void cached(StringBuilder out, List<Score> scores) {
			out.append("## a. Cached read\n\n");
			out.append("A cached secret read through the operations bean (`VaultKvOperations.read(path)`) and through "
					+ "a `SecretValue` live handle's `get()` (`CachedSecretValue`, `String` key), and, for reference, "
					+ "a hit in `CachingSecretStore.read(location)` (default settings, coarse ticker, no metrics), "
					+ "against `ConcurrentHashMap.get` of the same `SecretLocation` key. Target: the operations bean "
					+ "and the live handle within 2x.\n\n");
			out.append(iterations(scores));
			out.append("| ratio to `ConcurrentHashMap.get` | read | threads | time per read | target (<= 2.0x) |\n");
			out.append("|---|---|---|---|---|\n");
			for (int threads : new int[] { 1, 2 }) {
				Score baseline = find(scores, "concurrentHashMapGet", threads);
				for (String name : List.of("concurrentHashMapGet", "operationsRead", "secretValueGet",
						"secretStoreRead")) {
					Score score = find(scores, name, threads);
					if (score == null || baseline == null) {
						continue;
					}
					double ratio = score.score() / baseline.score();
					out.append("| ")
						.append(format(ratio, 2))
						.append("x | `")
						.append(name)
						.append("` | ")
						.append(threads)
						.append(" | ")
						.append(time(score))
						.append(" | ")
						.append(name.equals("concurrentHashMapGet") ? "baseline"
								: name.equals("secretStoreRead") ? "reference" : (ratio <= 2.0) ? "met" : "NOT met")
						.append(" |\n");
				}
			}
			out.append('\n');
		}

		private void cold(StringBuilder out, List<Score> scores) {
			out.append("## b. Cold read (one KV v2 read over loopback HTTP)\n\n");
			out.append("Against the embedded server in the same JVM (`-Dsun.net.httpserver.nodelay=true`), a "
					+ "four-field secret. Baselines: a bare pooled Apache HttpComponents 5 classic "
					+ "`CloseableHttpClient` (one `HttpGet` with the same headers, the body stream parsed into a "
					+ "Jackson tree, no framework), the fastest bare Java client here, and a bare JDK `HttpClient` "
					+ "(HTTP/1.1) GET with `BodyHandlers.ofString()` and a Jackson tree parse. Targets: `KvTemplate` "
					+ "within 1.1x of the HttpComponents baseline (issue 17), within 1.2x of the JDK one, and faster "
					+ "than Spring Vault 4.0.4 `VaultTemplate` (versioned KV `get`, its default request factory, "
					+ "which on this class path is Apache HttpComponents 5, as vaultkv's). A `DefaultVaultClient` built "
					+ "without a `RestClient.Builder` or customizer sends its requests straight to its request "
					+ "factory (nothing would intercept or observe them); the row through a `RestClient` is the "
					+ "client given a `RestClient.Builder`, as the starter gives it Spring Boot's (here without "
					+ "interceptors or observation handlers). The row on Spring's "
					+ "`JdkClientHttpRequestFactory` shows what the JDK `HttpClient` under `RestClient` costs. "
					+ "Bytes per read: JMH's GC profiler (`gc.alloc.rate.norm`), which counts every thread of the "
					+ "JVM, so the embedded server's own allocation per request (the same for every client) is in "
					+ "every row.\n\n");
			out.append(iterations(scores).replace("average time", "sample time, `-prof gc`"));
			Score apache = find(scores, "httpComponentsClient", 1);
			Score baseline = find(scores, "jdkHttpClient", 1);
			Score kv = find(scores, "vaultkvKvTemplate", 1);
			Score onJdk = find(scores, "vaultkvKvTemplateOnJdkClientHttpRequestFactory", 1);
			Score throughRestClient = find(scores, "vaultkvKvTemplateThroughRestClient", 1);
			Score spring = find(scores, "springVaultVersionedKv", 1);
			if (apache == null || baseline == null) {
				return;
			}
			out.append("| ratio of medians to bare HttpComponents | to bare JDK client | ratio of means to "
					+ "HttpComponents | client | median | mean | bytes per read (ratio to HttpComponents) | "
					+ "target |\n");
			out.append("|---|---|---|---|---|---|---|---|\n");
			Map<String, Score> rows = new LinkedHashMap<>();
			rows.put("bare HttpComponents 5 classic `CloseableHttpClient` (pooled) + Jackson", apache);
			rows.put("bare JDK `HttpClient` + `ofString()` + Jackson", baseline);
			rows.put("vaultkv `KvTemplate` on `DefaultVaultClient` (default `VaultHttpRequestFactory`)", kv);
			rows.put("vaultkv `KvTemplate` on `DefaultVaultClient` through a `RestClient` (given a "
					+ "`RestClient.Builder`, as by the starter)", throughRestClient);
			rows.put("vaultkv `KvTemplate` on `DefaultVaultClient` over Spring's `JdkClientHttpRequestFactory`", onJdk);
			rows.put("Spring Vault 4.0.4 `VaultTemplate.opsForVersionedKeyValue(..).get(..)`", spring);
			rows.forEach((label, score) -> {
				if (score == null) {
					return;
				}
				double ratio = score.median() / apache.median();
				double jdkRatio = score.median() / baseline.median();
				String target = "";
				if (score == apache) {
					target = "baseline";
				}
				else if (score == baseline) {
					target = "baseline (earlier target)";
				}
				else if (score == kv) {
					target = ((ratio <= 1.1) ? "met" : "NOT met") + " (<= 1.1x HttpComponents); "
							+ ((jdkRatio <= 1.2) ? "met" : "NOT met") + " (<= 1.2x JDK)";
					if (spring != null) {
						target += (kv.median() < spring.median()) ? "; faster than Spring Vault: met"
								: "; faster than Spring Vault: NOT met";
					}
				}
				else if (score == throughRestClient && kv != null) {
					target = "the direct path's median is " + format(kv.median() / score.median(), 2)
							+ "x this one's";
				}
				else if (score == onJdk && kv != null) {
					target = "the default factory's median is " + format(kv.median() / score.median(), 2)
							+ "x this one's";
				}
				else if (score == spring && kv != null) {
					target = "vaultkv's median is " + format(kv.median() / score.median(), 2) + "x this one's";
				}
				out.append("| ")
					.append(format(ratio, 2))
					.append("x | ")
					.append(format(jdkRatio, 2))
					.append("x | ")
					.append(format(score.score() / apache.score(), 2))
					.append("x | ")
					.append(label)
					.append(" | ")
					.append(format(score.median(), 1))
					.append(' ')
					.append(score.unit())
					.append(" | ")
					.append(time(score))
					.append(" | ")
					.append(Double.isNaN(score.allocatedBytes()) ? "not measured"
							: String.format(Locale.ROOT, "%,.0f B (%sx)", score.allocatedBytes(),
									format(score.allocatedBytes() / apache.allocatedBytes(), 2)))
					.append(" | ")
					.append(target)
					.append(" |\n");
			});
			out.append('\n');
		}

		private void interleaved(StringBuilder out, Map<String, InterleavedColdRead.Result> results) {
			InterleavedColdRead.Result baseline = results.get("httpComponentsClient");
			InterleavedColdRead.Result jdk = results.get("jdkHttpClient");
			if (baseline == null || jdk == null) {
				return;
			}
			InterleavedColdRead.Result first = baseline;
			out.append("### b2. Cold read, clients taking turns (`InterleavedColdRead`)\n\n");
			out.append("The same six clients in one JVM, taking turns: " + first.rounds() + " rounds of "
					+ first.block() + " reads each in a rotating order after 6 warm-up rounds; medians over rounds. "
					+ "Load changes hit every client alike here. Process CPU time counts client and embedded "
					+ "server threads together, so the server's share (the same for every client) dilutes the "
					+ "ratios towards 1. Bytes per read from `ThreadMXBean.getThreadAllocatedBytes`: the client's "
					+ "side is every thread but the embedded server's (the caller and, for the JDK client, its "
					+ "selector and executor threads); the server's threads are counted apart. Calling-thread CPU: "
					+ "`ThreadMXBean.getCurrentThreadCpuTime` of the thread making the reads, all of a client's work "
					+ "when it sends and receives on that thread (HttpComponents, vaultkv's default, Spring Vault "
					+ "here), only part of it for the JDK client; it hardly depends on the machine's load.\n\n");
			out.append("| ratio of wall time to bare HttpComponents | to bare JDK client | ratio of process CPU time "
					+ "to HttpComponents | client | wall per read | CPU per read | client-side bytes per read "
					+ "(ratio to HttpComponents) | server bytes per read | calling-thread CPU per read (ratio to "
					+ "HttpComponents) |\n");
			out.append("|---|---|---|---|---|---|---|---|---|\n");
			results.forEach((name, result) -> out.append("| ")
				.append(format(result.wallMicros() / baseline.wallMicros(), 2))
				.append("x | ")
				.append(format(result.wallMicros() / jdk.wallMicros(), 2))
				.append("x | ")
				.append(format(result.cpuMicros() / baseline.cpuMicros(), 2))
				.append("x | `")
				.append(name)
				.append("` | ")
				.append(format(result.wallMicros(), 1))
				.append(" us | ")
				.append(format(result.cpuMicros(), 1))
				.append(" us | ")
				.append(String.format(Locale.ROOT, "%,.0f B (%sx)", result.clientBytes(),
						format(result.clientBytes() / baseline.clientBytes(), 2)))
				.append(" | ")
				.append(String.format(Locale.ROOT, "%,.0f B", result.serverBytes()))
				.append(" | ")
				.append(format(result.callerCpuMicros(), 1))
				.append(" us (")
				.append(format(result.callerCpuMicros() / baseline.callerCpuMicros(), 2))
				.append("x) |\n"));
			out.append('\n');
		}

		private void herds(StringBuilder out, List<HerdLoad.HerdResult> herds) {
			out.append("## c. Herds\n\n");
			out.append("`HerdLoad`: 100 threads released together by a latch against the embedded server, repeated; "
					+ "requests counted in the server's request log. Cold key: `CachingSecretStore` over `KvTemplate` "
					+ "on a key never read before (target: 1 read). Revoked token: `revokeAllTokens()` on the server, "
					+ "then uncached `KvTemplate` reads through a `DefaultSessionManager` with userpass login "
					+ "(target: 1 login). Latency is per thread, from the latch to the answer.\n\n");
			out.append("| requests per herd (max / mean) | herd | target | threads x herds | p50 | p99 | max |\n");
			out.append("|---|---|---|---|---|---|---|\n");
			for (HerdLoad.HerdResult herd : herds) {
				out.append("| ")
					.append(herd.maxRequests())
					.append(" / ")
					.append(format(herd.meanRequests(), 2))
					.append(" | ")
					.append(herd.name())
					.append(" | ")
					.append((herd.maxRequests() == 1 && herd.meanRequests() == 1.0) ? "met (1)" : "NOT met (1)")
					.append(" | ")
					.append(herd.threads())
					.append(" x ")
					.append(herd.rounds())
					.append(" | ")
					.append(format(herd.percentileMillis(50), 2))
					.append(" ms | ")
					.append(format(herd.percentileMillis(99), 2))
					.append(" ms | ")
					.append(format(herd.percentileMillis(100), 2))
					.append(" ms |\n");
			}
			out.append('\n');
		}

		private void memory(StringBuilder out, List<MemoryFootprint.Footprint> memory) {
			out.append("## d. Memory per cached secret\n\n");
			out.append("`MemoryFootprint`: JOL `GraphLayout` of the whole `CachingSecretStore` with n secrets minus "
					+ "the empty store, divided by n (cache node, `SecretLocation` key, entry, `VersionedSecret` with "
					+ "four-field data parsed from JSON and version metadata; `maximumSize` = max(n, 10,000)). "
					+ "Cross-check for n >= 1,000: growth of the used heap after `System.gc()` from the empty to the "
					+ "filled store, divided by n.\n\n");
			out.append("| secrets | bytes per cached secret (JOL) | of which the value alone (JOL) | used heap growth "
					+ "after GC per secret |\n");
			out.append("|---|---|---|---|\n");
			for (MemoryFootprint.Footprint footprint : memory) {
				out.append("| ")
					.append(String.format(Locale.ROOT, "%,d", footprint.count()))
					.append(" | ")
					.append(format(footprint.bytesPerSecret(), 0))
					.append(" | ")
					.append(format(footprint.valueBytes(), 0))
					.append(" | ")
					.append((footprint.heapBytesPerSecret() != null) ? format(footprint.heapBytesPerSecret(), 0)
							: "not measured (too small for heap deltas)")
					.append(" |\n");
			}
			out.append('\n');
		}

		private static String iterations(List<Score> scores) {
			if (scores.isEmpty()) {
				return "";
			}
			Score first = scores.get(0);
			return "JMH average time, warm-up " + first.warmupIterations() + " x " + first.warmupTime()
					+ ", measurement " + first.measurementIterations() + " x " + first.measurementTime() + ", "
					+ ((first.forks() == 1) ? "one fork" : first.forks() + " forks (scores over all of them)") + ".\n\n";
		}

		private static @Nullable Score find(List<Score> scores, String name, int threads) {
			return scores.stream()
				.filter((score) -> score.name().equals(name) && score.threads() == threads)
				.findFirst()
				.orElse(null);
		}

		private static String time(Score score) {
			return format(score.score(), 3) + (Double.isNaN(score.error()) ? "" : " ± " + format(score.error(), 3))
					+ " " + score.unit();
		}

		private static String format(double value, int decimals) {
			return String.format(Locale.ROOT, "%." + decimals + "f", value);
		}

	}

}
