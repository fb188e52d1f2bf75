package dev.vaultkv.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultClientFactory;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.client.PreconditionFailedException;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.cluster.ClusterNode;
import dev.vaultkv.embedded.cluster.EmbeddedVaultCluster;
import dev.vaultkv.operations.SecretRotationIntegrationTests.Events;
import dev.vaultkv.secret.Secret;
import dev.vaultkv.secret.SecretValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The operations bean, the scoped maps and rotation detection with {@code vault.consistency.read-your-writes}
 * off and on, the application talking to a performance standby of the embedded cluster whose copy lags 5
 * seconds behind the active node on the cluster clock (which only the tests move).
 */
class ReadYourWritesIntegrationTests {

	private static final Duration LAG = Duration.ofSeconds(5);

	private EmbeddedVaultCluster cluster;

	private ClusterNode active;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void startCluster() {
		ControllableClock clock = new ControllableClock();
		clock.freezeAt(Instant.parse("2026-01-01T00:00:00Z"));
		this.cluster = EmbeddedVaultCluster.builder()
			.nodes(3)
			.performanceStandbys(2)
			.replicationLag(LAG)
			.clock(clock)
			.secret("secret/app/db", Map.of("password", "v1"))
			.start();
		this.active = this.cluster.node(0);
		this.cluster.clock().advance(LAG);
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.cluster.close();
	}

	private void startApplication(boolean readYourWrites, String... properties) {
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.cluster.node(1).address(), "vault.token=" + this.cluster.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=10m",
					"spring.application.name=shop", "vault.scopes.instance-id=i-1",
					"vault.consistency.read-your-writes=" + readYourWrites)
			.properties(properties)
			.run();
	}

	private VaultKvOperations operations() {
		return this.context.getBean(VaultKvOperations.class);
	}

	private int casConflicts(String path) {
		return this.active.requestLog()
			.count((entry) -> entry.method().equals("POST") && entry.path().equals(path) && entry.status() == 400);
	}

	@Test
	void offTheOperationsBeanReadsWhatItWroteOnlyAfterTheLag() {
		startApplication(false);
		assertThat(operations().readString("app/db", "password")).isEqualTo("v1");
		operations().write("app/db", Map.of("password", "v2"));
		assertThat(operations().readString("app/db", "password")).isEqualTo("v1");
		assertThat(this.context.getBean(VaultClientFactory.class).getReplicationStates().isEmpty()).isTrue();
	}

	@Test
	void onTheOperationsBeanReadsWhatItWrote() {
		startApplication(true);
		assertThat(operations().readString("app/db", "password")).isEqualTo("v1");
		operations().write("app/db", Map.of("password", "v2"));
		assertThat(operations().readString("app/db", "password")).isEqualTo("v2");
		assertThat(operations().readMetadata("app/db").currentVersion()).isEqualTo(2);
		assertThat(this.context.getBean(VaultClientFactory.class).getReplicationStates().getStates()).singleElement()
			.satisfies((state) -> assertThat(state.localIndex()).isEqualTo(this.cluster.index()));
	}

	@Test
	void withFailAStandbyThatDoesNotCatchUpFailsTheReadRatherThanAnswerStale() {
		startApplication(true, "vault.consistency.inconsistent=fail");
		operations().write("app/db", Map.of("password", "v2"));
		// the cluster clock does not move: the standby answers 412 until the client's back-off gives up
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> operations().readString("app/db", "password"))
			.satisfies((ex) -> assertThat(causes(ex)).hasAtLeastOneElementOfType(PreconditionFailedException.class));
		assertThat(this.cluster.node(1).requestLog().count((entry) -> entry.status() == 412)).isEqualTo(6);
		assertThat(this.active.requestLog().count("GET", "secret/data/app/db")).isZero();
		this.cluster.clock().advance(LAG);
		assertThat(operations().readString("app/db", "password")).isEqualTo("v2");
	}

	@Test
	void offAScopedMapLosesItsSecondUpdateToCheckAndSetConflicts() {
		startApplication(false);
		ScopedSecretMap map = this.context.getBean(VaultScopes.class).application();
		map.put("a", "1");
		assertThatExceptionOfType(ConcurrentScopeUpdateException.class).isThrownBy(() -> map.put("b", "2"));
		// every attempt built on the copy that does not have the first put yet, and was refused
		assertThat(casConflicts("secret/data/" + map.getPath())).isGreaterThanOrEqualTo(4);
		this.cluster.clock().advance(LAG);
		assertThat(map.asMap()).containsOnlyKeys("a");
	}

	@Test
	void onAScopedMapUpdatesInARowWithoutAConflict() {
		startApplication(true);
		ScopedSecretMap map = this.context.getBean(VaultScopes.class).application();
		for (int i = 0; i < 10; i++) {
			map.put("k" + i, Integer.toString(i));
			assertThat(map.get("k" + i)).isEqualTo(Integer.toString(i));
		}
		assertThat(map.keySet()).hasSize(10);
		assertThat(casConflicts("secret/data/" + map.getPath())).isZero();
		this.cluster.clock().advance(LAG);
		assertThat(map.asMap()).hasSize(10);
	}

	@Test
	void offRotationDetectionMissesItsOwnWriteUntilTheLagHasPassed() {
		startApplication(false);
		Consumer consumer = this.context.getBean(Consumer.class);
		SecretRotationWatcher watcher = this.context.getBean(SecretRotationWatcher.class);
		watcher.pollNow();
		operations().write("app/db", Map.of("password", "v2"));
		watcher.pollNow();
		assertThat(this.context.getBean(Events.class).received).isEmpty();
		assertThat(consumer.password.get()).isEqualTo("v1");
	}

	@Test
	void onRotationDetectionPublishesItsOwnWriteAtTheNextPoll() {
		startApplication(true);
		Consumer consumer = this.context.getBean(Consumer.class);
		SecretRotationWatcher watcher = this.context.getBean(SecretRotationWatcher.class);
		watcher.pollNow();
		operations().write("app/db", Map.of("password", "v2"));
		watcher.pollNow();
		assertThat(this.context.getBean(Events.class).received).singleElement().satisfies((event) -> {
			assertThat(event.getOldVersion()).isEqualTo(1);
			assertThat(event.getNewVersion()).isEqualTo(2);
		});
		assertThat(consumer.password.get()).isEqualTo("v2");
	}

	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable current = ex; current != null && !causes.contains(current); current = current.getCause()) {
			causes.add(current);
		}
		return causes;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		Consumer consumer() {
			return new Consumer();
		}

	}

	static class Consumer {

		@Secret("app/db:password")
		SecretValue<String> password;

	}

}
