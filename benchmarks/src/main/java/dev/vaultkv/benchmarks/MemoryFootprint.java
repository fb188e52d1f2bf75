package dev.vaultkv.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.openjdk.jol.info.GraphLayout;
import tools.jackson.databind.json.JsonMapper;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionMetadata;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretCacheSettings;
import dev.vaultkv.secret.SecretLocation;

/**
 * Retained heap per cached secret in {@link CachingSecretStore}: the store's whole object graph is
 * measured with JOL ({@link GraphLayout}) empty and with {@code n} secrets, and the difference divided
 * by {@code n}. Each secret is parsed from a realistic KV v2 {@code data} object (four fields with
 * distinct values) and carries version metadata, as a read through {@code KvTemplate} would. The store
 * is built with a direct executor and the system ticker so that the walk does not wander into thread
 * pools; neither holds per-entry state. For 1,000 secrets and more, the growth of the used heap after
 * {@link System#gc()} is measured too as a cross-check.
 *
 * @since 0.1.0
 */
public final class MemoryFootprint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private MemoryFootprint() {
	}

	/**
	 * Measure and print.
	 * @param args counts of secrets, {@code 1 1000 100000} when none
	 */
	public static void main(String[] args) {
		int[] counts = (args.length > 0) ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
				: new int[] { 1, 1_000, 100_000 };
		for (int count : counts) {
			System.out.println(measure(count));
		}
	}

	/**
	 * Measure one count.
	 * @param count the number of secrets
	 * @return the result
	 */
	public static Footprint measure(int count) {
		// JOL cannot find field offsets of lambdas (hidden classes) the ordinary way; Caffeine holds some.
		if (System.getProperty("jol.magicFieldOffset") == null) {
			System.setProperty("jol.magicFieldOffset", "true");
		}
		SecretCacheSettings settings = new SecretCacheSettings(Duration.ofMinutes(5), Duration.ofMinutes(1),
				Math.max(count, 10_000), Duration.ofHours(1));
		// The loader builds each secret as a read would, so that the store is the only holder.
		CachingSecretStore store = new CachingSecretStore((location) -> secret(index(location)), settings,
				Ticker.systemTicker(), Runnable::run);
		long emptyGraph = GraphLayout.parseInstance(store).totalSize();
		long heapBefore = usedHeapAfterGc();
		for (int i = 0; i < count; i++) {
			store.read(location(i));
		}
		@Nullable Double heapPerSecret = null;
		if (count >= 1_000) {
			heapPerSecret = (double) (usedHeapAfterGc() - heapBefore) / count;
		}
		long fullGraph = GraphLayout.parseInstance(store).totalSize();
		double valueBytes = GraphLayout.parseInstance(secret(0)).totalSize();
		if (store.read(location(0)) == null) {
			throw new IllegalStateException("Store lost a secret");
		}
		return new Footprint(count, (double) (fullGraph - emptyGraph) / count, valueBytes, heapPerSecret);
	}

	private static SecretLocation location(int i) {
		return new SecretLocation("secret", "apps/service-" + i + "/config", 0);
	}

	private static int index(SecretLocation location) {
		String path = location.path();
		return Integer.parseInt(path.substring("apps/service-".length(), path.length() - "/config".length()));
	}

	private static VersionedSecret secret(int i) {
		String json = String.format(Locale.ROOT,
				"{\"username\":\"svc-%06d\",\"password\":\"pw-%016x\",\"url\":\"jdbc:postgresql://db-%d.internal:5432/app\","
						+ "\"api-key\":\"ak_live_%024x\"}",
				i, i * 0x9E3779B97F4A7C15L, i % 97, (long) i * 31);
		SecretData data = SecretData.of(JSON.readTree(json));
		VersionMetadata metadata = new VersionMetadata(1, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), null,
				false, Map.of());
		return new VersionedSecret(data, metadata);
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Retained heap per cached secret.
	 *
	 * @param count the number of cached secrets
	 * @param bytesPerSecret JOL graph growth of the store per secret (cache entry, key and value)
	 * @param valueBytes JOL size of one secret value alone (data, metadata)
	 * @param heapBytesPerSecret used-heap growth after GC per secret, or {@code null} when not measured
	 */
	public record Footprint(int count, double bytesPerSecret, double valueBytes,
			@Nullable Double heapBytesPerSecret) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d secrets: %.0f bytes per cached secret (value alone %.0f)%s", this.count,
					this.bytesPerSecret, this.valueBytes, (this.heapBytesPerSecret != null)
							? String.format(Locale.ROOT, ", used heap after GC %.0f bytes per secret",
									this.heapBytesPerSecret)
							: "");
		}

	}

}
