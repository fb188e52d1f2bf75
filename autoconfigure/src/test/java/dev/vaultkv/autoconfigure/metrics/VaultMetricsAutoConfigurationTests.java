package dev.vaultkv.autoconfigure.metrics;

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.metrics.VaultRetryMetrics;
import dev.vaultkv.metrics.VaultSecretMetrics;
import dev.vaultkv.operations.SecretChangedEvent;
import dev.vaultkv.metrics.VaultSessionMetrics;
import dev.vaultkv.metrics.VaultTokenMetrics;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

class VaultMetricsAutoConfigurationTests {

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
				VaultMetricsAutoConfiguration.class));

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
		server.putSecret("secret/myapp/api", Map.of("key", "k3y"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@AfterEach
	void clearFaults() {
		server.faults().clear();
	}

	private ApplicationContextRunner connected() {
		return this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(),
				"vault.token=" + server.getRootToken(), "vault.retry.initial-interval=1ms");
	}

	@Test
	void secretReadsAreCountedByOutcomeAndMountWithoutPath() {
		connected().run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			SecretStore store = context.getBean(SecretStore.class);
			SecretLocation db = new SecretLocation("secret", "myapp/db", 0);
			store.read(db);
			store.read(db);
			store.read(db);
			store.read(new SecretLocation("secret", "myapp/absent", 0));
			assertThat(count(registry, VaultSecretMetrics.READS, "outcome", "miss")).isEqualTo(2);
			assertThat(count(registry, VaultSecretMetrics.READS, "outcome", "hit")).isEqualTo(2);
			assertThat(count(registry, VaultSecretMetrics.READS, "outcome", "stale")).isZero();
			assertThat(count(registry, VaultSecretMetrics.LOADS, "outcome", "success")).isEqualTo(2);
			assertThat(registry.find(VaultSecretMetrics.READS).tag("outcome", "hit").counter().getId().getTag("mount"))
				.isEqualTo("secret");
			assertThat(registry.find(VaultSecretMetrics.READS).tagKeys("path").meters()).isEmpty();
			assertThat(registry.get(VaultSecretMetrics.STALE).gauge().value()).isZero();
			assertThat(registry.get("cache.gets")
				.tag("cache", VaultSecretMetrics.CACHE_NAME)
				.tag("result", "hit")
				.functionCounter()
				.count()).isEqualTo(2);
			assertThat(registry.get("cache.size").tag("cache", VaultSecretMetrics.CACHE_NAME).gauge().value())
				.isEqualTo(2);
			assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags().toString())
				.doesNotContain("s3cr3t").doesNotContain(server.getRootToken()));
		});
	}

	@Test
	void secretChangesAreCountedByMount() {
		connected().run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.publishEvent(new SecretChangedEvent(this, "secret", "myapp/db", Set.of("password"), 1, 2));
			context.publishEvent(new SecretChangedEvent(this, "secret", "myapp/db", Set.of("password"), 2, 3));
			assertThat(registry.get(VaultSecretMetrics.CHANGES).tag("mount", "secret").counter().count())
				.isEqualTo(2);
			assertThat(registry.find(VaultSecretMetrics.CHANGES).tagKeys("path").meters()).isEmpty();
		});
	}

	@Test
	void failedReadsAreCountedAsErrors() {
		connected().withPropertyValues("vault.retry.enabled=false").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			server.faults().failMatching("secret/data/myapp/api", 1, 403, "permission denied");
			try {
				context.getBean(SecretStore.class).read(new SecretLocation("secret", "myapp/api", 0));
			}
			catch (RuntimeException ex) {
				// expected
			}
			assertThat(count(registry, VaultSecretMetrics.READS, "outcome", "error")).isEqualTo(1);
			assertThat(count(registry, VaultSecretMetrics.LOADS, "outcome", "failure")).isEqualTo(1);
		});
	}

	@Test
	void pathTagsWhenAskedForAndBounded() {
		connected().withPropertyValues("vault.metrics.path-tags=true", "vault.metrics.max-path-tags=1")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				SecretStore store = context.getBean(SecretStore.class);
				store.read(new SecretLocation("secret", "myapp/db", 0));
				store.read(new SecretLocation("secret", "myapp/api", 0));
				assertThat(registry.get(VaultSecretMetrics.READS).tag("path", "myapp/db").tag("outcome", "miss")
					.counter().count()).isEqualTo(1);
				assertThat(registry.get(VaultSecretMetrics.READS).tag("path", VaultSecretMetrics.OTHER_PATH)
					.tag("outcome", "miss").counter().count()).isEqualTo(1);
				assertThat(registry.find(VaultSecretMetrics.READS).tag("path", "myapp/api").meters()).isEmpty();
			});
	}

	@Test
	void loginsAndTokenTtlAreReported() {
		connected().run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(VaultSessionMetrics.LOGINS).tag("outcome", "success").counter().count())
				.isEqualTo(1);
			assertThat(registry.get(VaultSessionMetrics.RENEWALS).tag("outcome", "failure").counter().count())
				.isZero();
			assertThat(registry.get(VaultTokenMetrics.TTL).gauge().value()).isNaN();
		});
	}

	@Test
	void retriesAreCountedWithTheirOutcome() {
		connected().run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			server.faults().failMatching("secret/data/myapp/api", 1, 500, "internal error");
			context.getBean(SecretStore.class).read(new SecretLocation("secret", "myapp/api", 0));
			assertThat(registry.get(VaultRetryMetrics.RETRIES).counter().count()).isEqualTo(1);
			assertThat(count(registry, VaultRetryMetrics.RETRIED_REQUESTS, "outcome", "success")).isEqualTo(1);
			server.faults().failMatching("secret/data/myapp/other", 1, 403, "permission denied");
			try {
				context.getBean(SecretStore.class).read(new SecretLocation("secret", "myapp/other", 0));
			}
			catch (RuntimeException ex) {
				// expected: not retried
			}
			assertThat(registry.get(VaultRetryMetrics.RETRIES).counter().count()).isEqualTo(1);
			assertThat(count(registry, VaultRetryMetrics.RETRIED_REQUESTS, "outcome", "exhausted")).isZero();
		});
	}

	@Test
	void noMetersWithoutMeterRegistryBean() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class,
					VaultSecretAutoConfiguration.class, VaultMetricsAutoConfiguration.class))
			.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(VaultSecretMetrics.class)
				.doesNotHaveBean(VaultSessionMetrics.class));
	}

	@Test
	void noMetersWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class,
					VaultSecretAutoConfiguration.class, VaultMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken())
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(VaultSecretMetrics.class)
				.doesNotHaveBean(VaultTokenMetrics.class));
	}

	@Test
	void switchedOff() {
		connected().withPropertyValues("vault.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(VaultSecretMetrics.class)
				.doesNotHaveBean(VaultSessionMetrics.class)
				.doesNotHaveBean(VaultTokenMetrics.class)
				.doesNotHaveBean(VaultRetryMetrics.class));
	}

	@Test
	void noMetersWhenVaultIsDisabled() {
		this.contextRunner.withPropertyValues("vault.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(VaultSecretMetrics.class));
	}

	@Test
	void backsOffFromUserDefinedMeters() {
		VaultSessionMetrics custom = new VaultSessionMetrics(new SimpleMeterRegistry());
		connected().withBean("customSessionMetrics", VaultSessionMetrics.class, () -> custom)
			.run((context) -> assertThat(context).getBean(VaultSessionMetrics.class).isSameAs(custom));
	}

	@Test
	void invalidMaxPathTagsFails() {
		connected().withPropertyValues("vault.metrics.max-path-tags=0")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("vault.metrics.max-path-tags"));
	}

	private static double count(MeterRegistry registry, String name, String tag, String value) {
		return Search.in(registry).name(name).tag(tag, value).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
