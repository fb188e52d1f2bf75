package dev.vaultkv.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.auth.UserpassAuthentication;
import dev.vaultkv.auth.UserpassAuthenticationOptions;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.RequestLog;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretCacheSettings;
import dev.vaultkv.secret.SecretLoader;
import dev.vaultkv.secret.SecretLocation;

/**
 * Thundering herds against the embedded server: many threads released at once on a cold cache key
 * (how many reads reach Vault?) and on a token that was just revoked (how many logins?), with the
 * latency each thread saw. A plain program rather than JMH: what matters is counting requests.
 *
 * @since 0.1.0
 */
public final class HerdLoad {

	private static final String USERNAME = "bench";

	private static final String PASSWORD = "bench-pa55word";

	private HerdLoad() {
	}

	/**
	 * Run both herds and print the results.
	 * @param args {@code [threads [rounds]]}
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		for (HerdResult result : run(threads, rounds)) {
			System.out.println(result);
		}
	}

	/**
	 * Run both herds.
	 * @param threads threads per herd
	 * @param rounds herds of each kind
	 * @return the results, cold key first
	 * @throws Exception on failure
	 */
	public static List<HerdResult> run(int threads, int rounds) throws Exception {
		try (EmbeddedVaultServer server = BenchmarkSecrets.startServer()) {
			VaultClient root = DefaultVaultClient.builder(server.getAddress())
				.tokenProvider(TokenProvider.of(VaultToken.of(BenchmarkSecrets.ROOT_TOKEN)))
				.build();
			root.execute(VaultRequest.post("sys/policies/acl/bench")
				.body(Map.of("policy", "path \"secret/data/*\" { capabilities = [\"read\"] }"))
				.build());
			root.execute(VaultRequest.post("sys/auth/userpass").body(Map.of("type", "userpass")).build());
			root.execute(VaultRequest.post("auth/userpass/users/" + USERNAME)
				.body(Map.of("password", PASSWORD, "token_policies", List.of("bench")))
				.build());
			VaultClient loginClient = DefaultVaultClient.builder(server.getAddress()).build();
			UserpassAuthentication authentication = new UserpassAuthentication(
					UserpassAuthenticationOptions.builder().username(USERNAME).password(PASSWORD).build());
			try (DefaultSessionManager session = DefaultSessionManager.builder(authentication, loginClient).build()) {
				VaultClient client = DefaultVaultClient.builder(server.getAddress()).tokenProvider(session).build();
				KvOperations kv = new KvTemplate(client, BenchmarkSecrets.MOUNT, KvVersion.V2);
				kv.read(BenchmarkSecrets.PATH);
				List<HerdResult> results = new ArrayList<>();
				results.add(coldKey(server, kv, threads, rounds));
				results.add(revokedToken(server, kv, threads, rounds));
				return results;
			}
		}
	}

	private static HerdResult coldKey(EmbeddedVaultServer server, KvOperations kv, int threads, int rounds)
			throws Exception {
		CachingSecretStore store = new CachingSecretStore(SecretLoader.of((mount) -> kv),
				SecretCacheSettings.defaults());
		int[] requests = new int[rounds];
		List<Long> latencies = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			String path = "herd/cold-" + round;
			server.putSecret(BenchmarkSecrets.MOUNT + "/" + path, BenchmarkSecrets.data());
			SecretLocation location = new SecretLocation(BenchmarkSecrets.MOUNT, path, 0);
			latencies.addAll(herd(threads, () -> store.read(location)));
			requests[round] = settledCount(server.requestLog(), "GET", BenchmarkSecrets.MOUNT + "/data/" + path);
		}
		return new HerdResult("cold cache key, reads reaching Vault", threads, rounds, requests, latencies);
	}

	private static HerdResult revokedToken(EmbeddedVaultServer server, KvOperations kv, int threads, int rounds)
			throws Exception {
		String loginPath = "auth/userpass/login/" + USERNAME;
		int[] requests = new int[rounds];
		List<Long> latencies = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			server.revokeAllTokens();
			int before = settledCount(server.requestLog(), "POST", loginPath);
			latencies.addAll(herd(threads, () -> kv.read(BenchmarkSecrets.PATH)));
			requests[round] = settledCount(server.requestLog(), "POST", loginPath) - before;
		}
		return new HerdResult("revoked token, logins", threads, rounds, requests, latencies);
	}

	private static List<Long> herd(int threads, Supplier<Object> read) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Long>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					long start = System.nanoTime();
					if (read.get() == null) {
						throw new IllegalStateException("Secret not found");
					}
					return System.nanoTime() - start;
				}));
			}
			ready.await();
			go.countDown();
			List<Long> latencies = new ArrayList<>();
			for (Future<Long> future : futures) {
				latencies.add(future.get(60, TimeUnit.SECONDS));
			}
			return latencies;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * The server logs a request as it answers it, so the last entries may land just after the client
	 * returned; count until the number holds still for 100 ms.
	 */
	private static int settledCount(RequestLog log, String method, String path) throws InterruptedException {
		int count = log.count(method, path);
		while (true) {
			Thread.sleep(100);
			int again = log.count(method, path);
			if (again == count) {
				return count;
			}
			count = again;
		}
	}

	/**
	 * The result of one kind of herd.
	 *
	 * @param name what was counted
	 * @param threads threads per herd
	 * @param rounds number of herds
	 * @param requests the counted requests per herd
	 * @param latenciesNanos every thread's latency
	 */
	public record HerdResult(String name, int threads, int rounds, int[] requests, List<Long> latenciesNanos) {

		/**
		 * Return the largest count of any herd.
		 * @return the largest count
		 */
		public int maxRequests() {
			return Arrays.stream(this.requests).max().orElse(0);
		}

		/**
		 * Return the mean count per herd.
		 * @return the mean
		 */
		public double meanRequests() {
			return Arrays.stream(this.requests).average().orElse(0);
		}

		/**
		 * Return a latency percentile in milliseconds.
		 * @param percentile between 0 and 100
		 * @return the latency
		 */
		public double percentileMillis(double percentile) {
			long[] sorted = this.latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
			int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT,
					"%s: %d threads x %d herds, requests per herd max %d mean %.2f, latency p50 %.2f ms p99 %.2f ms max %.2f ms",
					this.name, this.threads, this.rounds, maxRequests(), meanRequests(), percentileMillis(50),
					percentileMillis(99), percentileMillis(100));
		}

	}

}
