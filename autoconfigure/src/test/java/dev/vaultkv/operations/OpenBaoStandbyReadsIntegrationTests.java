package dev.vaultkv.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.embedded.cluster.ClusterNode;
import dev.vaultkv.embedded.cluster.EmbeddedVaultCluster;
import dev.vaultkv.kv.VersionConflictException;
import dev.vaultkv.kv.VersionedSecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The operations bean and the scoped maps against an OpenBao-flavoured embedded cluster whose standbys
 * serve reads from a copy one replication lag behind the active node, on the cluster clock: with no
 * {@code X-Vault-Index}, read-your-writes cannot help, so a read through a standby may be stale. A
 * read-modify-write with check-and-set pays for a stale read with a conflict and a retry; a plain write
 * built on a stale read loses the update it did not see.
 */
class OpenBaoStandbyReadsIntegrationTests {

	private static final Duration LAG = Duration.ofSeconds(1);

	private static final int WRITERS_PER_STANDBY = 3;

	private EmbeddedVaultCluster cluster;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeEach
	void startCluster() {
		ControllableClock clock = new ControllableClock();
		clock.freezeAt(Instant.parse("2026-01-01T00:00:00Z"));
		this.cluster = EmbeddedVaultCluster.builder()
			.flavour(Flavour.OPENBAO)
			.nodes(3)
			.replicationLag(LAG)
			.clock(clock)
			.secret("secret/app/settings", Map.of("mode", "blue"))
			.start();
		this.cluster.clock().advance(LAG);
	}

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.cluster.close();
	}

	private ConfigurableApplicationContext startApplication(ClusterNode node, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("vault.uri=" + node.address(), "vault.token=" + this.cluster.getRootToken(),
					"spring.main.banner-mode=off", "spring.application.name=shop", "vault.scopes.instance-id=i-1")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private int casConflicts(String path) {
		return this.cluster.node(0)
			.requestLog()
			.count((entry) -> entry.method().equals("POST") && entry.path().equals(path) && entry.status() == 400);
	}

	@Test
	void concurrentScopedMapUpdatesThroughStandbysLoseNoUpdate() throws Exception {
		List<ScopedSecretMap> maps = new ArrayList<>();
		for (ClusterNode standby : List.of(this.cluster.node(1), this.cluster.node(2))) {
			maps.add(startApplication(standby, "vault.scopes.max-attempts=100").getBean(VaultScopes.class)
				.application());
		}
		ExecutorService writers = Executors.newFixedThreadPool(maps.size() * WRITERS_PER_STANDBY);
		try {
			List<Future<?>> updates = new ArrayList<>();
			for (int i = 0; i < maps.size() * WRITERS_PER_STANDBY; i++) {
				ScopedSecretMap map = maps.get(i % maps.size());
				String key = "k" + i;
				updates.add(writers.submit(() -> map.put(key, "v")));
			}
			// the standbys catch up only as the cluster clock moves: move it until every update is in
			Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
				this.cluster.clock().advance(LAG);
				return updates.stream().allMatch(Future::isDone);
			});
			for (Future<?> update : updates) {
				update.get();
			}
		}
		finally {
			writers.shutdownNow();
		}
		this.cluster.clock().advance(LAG);
		ScopedSecretMap map = maps.get(0);
		assertThat(map.asMap()).hasSize(maps.size() * WRITERS_PER_STANDBY);
		// the stale reads were paid for with refused check-and-set writes, not with lost keys
		assertThat(casConflicts("secret/data/" + map.getPath())).isPositive();
	}

	@Test
	void plainWriteAfterAStaleReadLosesTheUpdateItDidNotSee() {
		VaultKvOperations operations = startApplication(this.cluster.node(1)).getBean(VaultKvOperations.class);
		// another replica's update, applied by the active node and not yet on this standby
		this.cluster.putSecret("secret/app/settings", Map.of("mode", "blue", "size", "large"));
		VersionedSecret stale = operations.read("app/settings");
		assertThat(stale.version()).isEqualTo(1);
		Map<String, Object> changed = new LinkedHashMap<>(stale.data().asMap());
		changed.put("color", "red");
		operations.write("app/settings", changed);
		this.cluster.clock().advance(LAG);
		assertThat(operations.read("app/settings").data().asMap()).containsOnlyKeys("mode", "color");
	}

	@Test
	void checkAndSetWriteAfterAStaleReadIsRefused() {
		VaultKvOperations operations = startApplication(this.cluster.node(1)).getBean(VaultKvOperations.class);
		this.cluster.putSecret("secret/app/settings", Map.of("mode", "blue", "size", "large"));
		VersionedSecret stale = operations.read("app/settings");
		Map<String, Object> changed = new LinkedHashMap<>(stale.data().asMap());
		changed.put("color", "red");
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> operations.write("app/settings", changed, stale.version()));
		this.cluster.clock().advance(LAG);
		assertThat(operations.read("app/settings").data().asMap()).containsOnlyKeys("mode", "size");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

	}

}
