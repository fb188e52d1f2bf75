package dev.vaultkv.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The cold reads of {@link ColdReadBenchmark}, measured in one JVM with the clients taking turns (a
 * block of reads each, in a rotating order, many rounds), so that changes in the machine's load hit
 * every client alike. Besides wall time per read it records the process CPU time per read (client
 * and server threads together), which a loaded machine inflates far less than wall time, the CPU time
 * of the calling thread alone (which the load hardly touches), and the bytes
 * allocated per read ({@code ThreadMXBean.getThreadAllocatedBytes}) by the threads other than the
 * embedded server's (the client's side) and by the server's.
 *
 * @since 0.1.0
 */
public final class InterleavedColdRead {

	private InterleavedColdRead() {
	}

	/**
	 * Measure and print.
	 * @param args {@code [reads per block [rounds]]}
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		int block = (args.length > 0) ? Integer.parseInt(args[0]) : 500;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		run(block, rounds).forEach((name, result) -> System.out.println(name + ": " + result));
	}

	/**
	 * Measure every client.
	 * @param block reads per client per round
	 * @param rounds rounds
	 * @return the results by benchmark name, baseline first
	 * @throws Exception on failure
	 */
	public static Map<String, Result> run(int block, int rounds) throws Exception {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		ColdReadBenchmark benchmark = new ColdReadBenchmark();
		benchmark.setUp();
		try {
			Map<String, Callable<Object>> clients = new LinkedHashMap<>();
			clients.put("jdkHttpClient", benchmark::jdkHttpClient);
			clients.put("httpComponentsClient", benchmark::httpComponentsClient);
			clients.put("vaultkvKvTemplate", benchmark::vaultkvKvTemplate);
			clients.put("vaultkvKvTemplateThroughRestClient", benchmark::vaultkvKvTemplateThroughRestClient);
			clients.put("vaultkvKvTemplateOnJdkClientHttpRequestFactory",
					benchmark::vaultkvKvTemplateOnJdkClientHttpRequestFactory);
			clients.put("springVaultVersionedKv", benchmark::springVaultVersionedKv);
			List<String> names = new ArrayList<>(clients.keySet());
			for (int warmup = 0; warmup < 6; warmup++) {
				for (String name : names) {
					measure(clients.get(name), block);
				}
			}
			Map<String, List<double[]>> samples = new LinkedHashMap<>();
			names.forEach((name) -> samples.put(name, new ArrayList<>()));
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < names.size(); i++) {
					String name = names.get((round + i) % names.size());
					samples.get(name).add(measure(clients.get(name), block));
				}
			}
			Map<String, Result> results = new LinkedHashMap<>();
			samples.forEach((name, values) -> results.put(name, new Result(block, rounds,
					median(values.stream().mapToDouble((v) -> v[0]).toArray()),
					median(values.stream().mapToDouble((v) -> v[1]).toArray()),
					median(values.stream().mapToDouble((v) -> v[2]).toArray()),
					median(values.stream().mapToDouble((v) -> v[3]).toArray()),
					median(values.stream().mapToDouble((v) -> v[4]).toArray()))));
			return results;
		}
		finally {
			benchmark.tearDown();
		}
	}

	private static double[] measure(Callable<Object> read, int count) throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long[] allocatedStart = allocatedBytes();
		long cpuStart = os.getProcessCpuTime();
		long callerCpuStart = threads.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			if (read.call() == null) {
				throw new IllegalStateException("Nothing read");
			}
		}
		long wall = System.nanoTime() - start;
		long callerCpu = threads.getCurrentThreadCpuTime() - callerCpuStart;
		long cpu = os.getProcessCpuTime() - cpuStart;
		long[] allocatedEnd = allocatedBytes();
		return new double[] { wall / 1_000.0 / count, cpu / 1_000.0 / count,
				(allocatedEnd[0] - allocatedStart[0]) / (double) count,
				(allocatedEnd[1] - allocatedStart[1]) / (double) count, callerCpu / 1_000.0 / count };
	}

	/**
	 * Bytes allocated so far by the live threads: those of the embedded server (its HTTP dispatcher and
	 * handler threads) and all others (the client's side: the caller and any threads of the client).
	 * @return {@code {client side, server}}
	 */
	private static long[] allocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long[] ids = threads.getAllThreadIds();
		ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
		long[] allocated = threads.getThreadAllocatedBytes(ids);
		long client = 0;
		long server = 0;
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] == null || allocated[i] < 0) {
				continue;
			}
			String name = infos[i].getThreadName();
			if (name.startsWith("vaultkv-embedded-") || name.startsWith("HTTP-Dispatcher")) {
				server += allocated[i];
			}
			else {
				client += allocated[i];
			}
		}
		return new long[] { client, server };
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * Median over rounds of the per-read wall and CPU time of one client.
	 *
	 * @param block reads per round
	 * @param rounds rounds
	 * @param wallMicros median wall time per read, in microseconds
	 * @param cpuMicros median process CPU time per read, in microseconds
	 * @param clientBytes median bytes allocated per read by threads other than the embedded server's
	 * @param serverBytes median bytes allocated per read by the embedded server's threads
	 * @param callerCpuMicros median CPU time per read of the calling thread alone, in microseconds (all of
	 * the client's work for clients that send and receive on the calling thread, less for the JDK client)
	 */
	public record Result(int block, int rounds, double wallMicros, double cpuMicros, double clientBytes,
			double serverBytes, double callerCpuMicros) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"wall %.1f us/read, process CPU %.1f us/read, calling thread CPU %.1f us/read, "
							+ "client side %.0f B/read, server %.0f B/read",
					this.wallMicros, this.cpuMicros, this.callerCpuMicros, this.clientBytes, this.serverBytes);
		}

	}

}
