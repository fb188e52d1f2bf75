package dev.vaultkv.benchmarks;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.ResolvableType;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.operations.TenantLayout;
import dev.vaultkv.operations.VaultKvOperations;
import dev.vaultkv.operations.VaultKvTemplate;
import dev.vaultkv.secret.CachedSecretValue;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretCacheSettings;
import dev.vaultkv.secret.SecretConverter;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReference;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretValue;

/**
 * A cached secret read as the starter does it ({@link CachingSecretStore} hit with the default settings
 * and ticker, and a {@link SecretValue} live handle's {@code get()}) against a {@link ConcurrentHashMap}
 * lookup of the same key (the baseline). The secret is loaded once in set-up; the loader is never called
 * again during measurement, so no HTTP is involved.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CachedReadBenchmark {

	private final SecretLocation location = new SecretLocation(BenchmarkSecrets.MOUNT, BenchmarkSecrets.PATH, 0);

	private final ConcurrentHashMap<SecretLocation, VersionedSecret> map = new ConcurrentHashMap<>();

	private CachingSecretStore store;

	private SecretValue<String> secretValue;

	private VaultKvOperations operations;

	/**
	 * Fill the store and the map with the same secret.
	 */
	@Setup(Level.Trial)
	public void setUp() {
		VersionedSecret secret = new VersionedSecret(SecretData.of(BenchmarkSecrets.data()), null);
		this.map.put(this.location, secret);
		// Neighbours, so that the map and the cache are not trivially one entry.
		for (int i = 0; i < 100; i++) {
			this.map.put(new SecretLocation(BenchmarkSecrets.MOUNT, "other/" + i, 0), secret);
		}
		this.store = new CachingSecretStore((location) -> secret, SecretCacheSettings.defaults());
		for (int i = 0; i < 100; i++) {
			this.store.read(new SecretLocation(BenchmarkSecrets.MOUNT, "other/" + i, 0));
		}
		this.store.read(this.location);
		SecretResolver resolver = new SecretResolver(this.store, BenchmarkSecrets.MOUNT, "value");
		SecretConverter converter = new SecretConverter(ApplicationConversionService.getSharedInstance(),
				JsonMapper.builder().build());
		this.secretValue = new CachedSecretValue<>(resolver, converter,
				SecretReference.parse(BenchmarkSecrets.PATH + ":password"), ResolvableType.forClass(String.class));
		// Never called: every read below is a hit in the store.
		VaultClient unused = DefaultVaultClient.builder(URI.create("http://127.0.0.1:1")).build();
		this.operations = new VaultKvTemplate(unused, new KvMountResolver(unused), this.store, BenchmarkSecrets.MOUNT,
				JsonMapper.builder().build(), new TenantLayout("tenants/{tenant}/", null));
		if (this.operations.read(BenchmarkSecrets.PATH) != secret) {
			throw new IllegalStateException("The operations bean did not read the cached secret");
		}
		if (!BenchmarkSecrets.data().get("password").equals(this.secretValue.get())) {
			throw new IllegalStateException("The live handle did not read the benchmark secret");
		}
	}

	/**
	 * The baseline: {@link ConcurrentHashMap#get} of the same key.
	 * @return the secret
	 */
	@Benchmark
	public Object concurrentHashMapGet() {
		return this.map.get(this.location);
	}

	/**
	 * A secret store hit.
	 * @return the secret
	 */
	@Benchmark
	public Object secretStoreRead() {
		return this.store.read(this.location);
	}

	/**
	 * The operations bean's read of the path: the path checked, then a store hit.
	 * @return the secret
	 */
	@Benchmark
	public Object operationsRead() {
		return this.operations.read(BenchmarkSecrets.PATH);
	}

	/**
	 * A live handle's {@code get()}: a store hit, the key looked up, the converted value reused.
	 * @return the value
	 */
	@Benchmark
	public Object secretValueGet() {
		return this.secretValue.get();
	}

}
