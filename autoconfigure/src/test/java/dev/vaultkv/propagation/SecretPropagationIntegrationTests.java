package dev.vaultkv.propagation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.actuate.VaultEndpoint;
import dev.vaultkv.autoconfigure.health.VaultHealthContributorAutoConfiguration;
import dev.vaultkv.autoconfigure.metrics.VaultMetricsAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.FaultRule;
import dev.vaultkv.health.VaultHealthIndicator;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.operations.VaultKvOperations;
import dev.vaultkv.secret.SecretLocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
@EmbeddedVault(resetBetweenTests = true)
class SecretPropagationIntegrationTests {

	private static final SecretLocation DB = new SecretLocation("secret", "app/db", 0);

	private final EmbeddedVaultServer server;

	private ConfigurableApplicationContext context;

	SecretPropagationIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@AfterEach
	void closeApplication() {
		if (this.context != null) {
			this.context.close();
		}
	}

	private void start(String... properties) {
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "one", "port", "5432"));
		this.server.putSecret("secret/app/flags", Map.of("mode", "a", "limits", Map.of("max", 3)));
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=10m",
					"vault.rotation.retry-interval=1h", "app.db.username=${vault:app/db:username}",
					"app.db.password=${vault:app/db:password}",
					"app.db.url=jdbc:postgresql://db:${vault:app/db:port}/app", "app.plain.name=fixed",
					"app.fixed.password=${vault:app/db:password}")
			.properties(properties)
			.run();
	}

	private void rotate(Map<String, Object> data) {
		this.server.putSecret("secret/app/db", data);
		this.context.getBean(SecretRotationWatcher.class).pollNow();
	}

	private SecretConsumerStatus status(String name) {
		return this.context.getBean(SecretPropagator.class)
			.getConsumers()
			.stream()
			.filter((status) -> status.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void placeholdersInTheEnvironmentAnswerTheCurrentSecret() {
		start();
		Environment environment = this.context.getEnvironment();
		assertThat(environment.getProperty("app.db.password")).isEqualTo("one");
		rotate(Map.of("username", "app", "password", "two", "port", "5433"));
		assertThat(environment.getProperty("app.db.password")).isEqualTo("two");
		assertThat(environment.getProperty("app.db.url")).isEqualTo("jdbc:postgresql://db:5433/app");
	}

	@Test
	void configurationPropertiesBoundFromAChangedSecretAreReboundOnceAndOthersAreLeftAlone(CapturedOutput output) {
		start();
		DbProperties db = this.context.getBean(DbProperties.class);
		PlainProperties plain = this.context.getBean(PlainProperties.class);
		FixedProperties fixed = this.context.getBean(FixedProperties.class);
		assertThat(db.getPassword()).isEqualTo("one");
		assertThat(db.bindings).isEqualTo(1);
		rotate(Map.of("username", "app", "password", "two", "port", "5432"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(db.getPassword()).isEqualTo("two"));
		assertThat(db.getUsername()).isEqualTo("app");
		assertThat(db.getUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
		assertThat(db.bindings).isEqualTo(2);
		assertThat(plain.bindings).isEqualTo(1);
		assertThat(fixed.getPassword()).isEqualTo("one");
		assertThat(status("@ConfigurationProperties app.db-" + DbProperties.class.getName()).appliedVersions())
			.containsEntry(DB, 2L);
		assertThat(output).doesNotContain("two").doesNotContain("=one");
	}

	@Test
	void aChangeOfAKeyTheBeanDoesNotUseDoesNotRebindIt() {
		start();
		DbProperties db = this.context.getBean(DbProperties.class);
		rotate(Map.of("username", "app", "password", "one", "port", "5432", "unused", "x"));
		SecretPropagator propagator = this.context.getBean(SecretPropagator.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(propagator.getConsumers())
			.allSatisfy((status) -> assertThat(status.appliedVersions()).containsEntry(DB, 2L)));
		assertThat(db.bindings).isEqualTo(1);
	}

	@Test
	void aValueThatCannotBeBoundLeavesTheBeanAsItWasAndIsReported(CapturedOutput output) {
		start();
		DbProperties db = this.context.getBean(DbProperties.class);
		rotate(Map.of("username", "app", "password", "two", "port", "not-a-port"));
		String name = "@ConfigurationProperties app.db-" + DbProperties.class.getName();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(name).failing()).isTrue());
		assertThat(db.getPassword()).isEqualTo("one");
		assertThat(db.bindings).isEqualTo(1);
		assertThat(status(name).lastFailure()).isEqualTo(IllegalStateException.class.getName());
		assertThat(output).contains("Could not apply the changed secret secret//app/db").doesNotContain("not-a-port");
		rotate(Map.of("username", "app", "password", "three", "port", "5432"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(db.getPassword()).isEqualTo("three"));
		assertThat(status(name).failing()).isFalse();
	}

	@Test
	void consumerBeansGetEachChangeOnceAfterTheCacheHasIt() {
		start();
		RecordingConsumer consumer = this.context.getBean(RecordingConsumer.class);
		Environment environment = this.context.getEnvironment();
		rotate(Map.of("username", "app", "password", "two", "port", "5432"));
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.seen.isEmpty());
		consumer.seenInEnvironment.add(environment.getProperty("app.db.password"));
		assertThat(consumer.seen).singleElement().satisfies((change) -> {
			assertThat(change.location()).isEqualTo(DB);
			assertThat(change.previousVersion()).isEqualTo(1);
			assertThat(change.version()).isEqualTo(2);
			assertThat(change.secret().data().getString("password")).isEqualTo("two");
		});
		assertThat(consumer.passwordsWhenApplied).containsExactly("two");
		assertThat(consumer.threads).noneMatch((thread) -> thread.equals(Thread.currentThread().getName()));
	}

	@Test
	void aFailingConsumerDoesNotStopTheOthersAndIsRetriedOnTheNextChange() {
		start();
		RecordingConsumer consumer = this.context.getBean(RecordingConsumer.class);
		FailingConsumer failing = this.context.getBean(FailingConsumer.class);
		failing.fail.set(true);
		rotate(Map.of("username", "app", "password", "two", "port", "5432"));
		await().atMost(Duration.ofSeconds(10)).until(() -> status("failing").failing() && !consumer.seen.isEmpty());
		assertThat(status("failing").failures()).isEqualTo(1);
		failing.fail.set(false);
		rotate(Map.of("username", "app", "password", "three", "port", "5432"));
		await().atMost(Duration.ofSeconds(10)).until(() -> !status("failing").failing());
		assertThat(status("failing").appliedVersions()).containsEntry(DB, 3L);
		assertThat(status("failing").applications()).isEqualTo(1);
	}

	@Test
	void vaultUnreachableDuringARotationKeepsTheLastGoodValues() {
		start();
		DbProperties db = this.context.getBean(DbProperties.class);
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "two", "port", "5432"));
		FaultRule outage = this.server.faults().failMatching("secret/.*", 503);
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		assertThat(outage.hits()).isPositive();
		assertThat(db.getPassword()).isEqualTo("one");
		assertThat(this.context.getEnvironment().getProperty("app.db.password")).isEqualTo("one");
		outage.remove();
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(db.getPassword()).isEqualTo("two"));
	}

	@Test
	void configDataImportsFollowTheSecret() {
		start("spring.config.import=vault:app/flags?prefix=flags.");
		Environment environment = this.context.getEnvironment();
		FlagsProperties flags = this.context.getBean(FlagsProperties.class);
		assertThat(flags.getMode()).isEqualTo("a");
		assertThat(environment.getProperty("flags.limits.max")).isEqualTo("3");
		this.server.putSecret("secret/app/flags", Map.of("mode", "b", "limits", Map.of("max", 4)));
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		assertThat(environment.getProperty("flags.limits.max")).isEqualTo("4");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(flags.getMode()).isEqualTo("b"));
		assertThat(flags.getLimits()).containsEntry("max", 4);
	}

	@Test
	void failuresAreCountedAndShownByHealthAndTheEndpoint() {
		start();
		FailingConsumer failing = this.context.getBean(FailingConsumer.class);
		failing.fail.set(true);
		rotate(Map.of("username", "app", "password", "two", "port", "5432"));
		await().atMost(Duration.ofSeconds(10)).until(() -> status("failing").failing());
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(registry.get("vault.secret.propagations").tag("consumer", "failing").tag("outcome", "failure")
			.counter()
			.count()).isEqualTo(1);
		assertThat(registry.get("vault.secret.propagations").tag("consumer", "recording").tag("outcome", "success")
			.counter()
			.count()).isEqualTo(1);
		Health health = this.context.getBean(VaultHealthIndicator.class).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("failingSecretConsumers", List.of("failing"));
		VaultEndpoint endpoint = new VaultEndpoint(
				new VaultEndpoint.VaultConnection(this.server.getAddress(), null, null, "token", null), null,
				this.context.getBean(dev.vaultkv.secret.SecretStore.class), null, "secret", java.time.Clock.systemUTC());
		endpoint.setPropagator(this.context.getBean(SecretPropagator.class));
		assertThat(endpoint.vault().consumers()).anySatisfy((consumer) -> {
			assertThat(consumer.name()).isEqualTo("failing");
			assertThat(consumer.failing()).isTrue();
			assertThat(consumer.lastFailure()).isEqualTo(IllegalStateException.class.getName());
			assertThat(consumer.follows()).containsEntry("secret//app/db", 1L);
		}).anySatisfy((consumer) -> {
			assertThat(consumer.name()).isEqualTo("recording");
			assertThat(consumer.follows()).containsEntry("secret//app/db", 2L);
			assertThat(consumer.applications()).isEqualTo(1);
		});
	}

	@Test
	void aWriteThroughTheOperationsBeanReachesConsumersWithoutAReadOrPoll() {
		start();
		DbProperties db = this.context.getBean(DbProperties.class);
		this.server.requestLog().clear();
		this.context.getBean(VaultKvOperations.class)
			.write("app/db", Map.of("username", "app", "password", "written", "port", "5432"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(db.getPassword()).isEqualTo("written"));
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(1);
		assertThat(this.server.requestLog().count("GET", "secret/metadata/app/db")).isZero();
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		assertThat(this.server.requestLog().count("GET", "secret/metadata/app/db")).isEqualTo(1);
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).as("no read of a version cached")
			.isEqualTo(1);
	}

	@Test
	void rebindingCanBeSwitchedOff() {
		start("vault.rotation.configuration-properties.enabled=false");
		assertThat(this.context.getBean(SecretPropagator.class).getConsumers())
			.noneMatch((status) -> status.name().startsWith("@ConfigurationProperties"));
	}

	@Test
	void oneVaultReadPerChangedPathWhateverTheNumberOfConsumers() {
		start();
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "two", "port", "5432"));
		this.server.requestLog().clear();
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		SecretPropagator propagator = this.context.getBean(SecretPropagator.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(propagator.getConsumers())
			.allSatisfy((status) -> assertThat(status.appliedVersions()).containsEntry(DB, 2L)));
		assertThat(propagator.getConsumers()).hasSizeGreaterThanOrEqualTo(3);
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(1);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class, VaultPropagationAutoConfiguration.class,
			VaultMetricsAutoConfiguration.class, VaultHealthContributorAutoConfiguration.class })
	@EnableConfigurationProperties({ DbProperties.class, PlainProperties.class, FixedProperties.class,
			FlagsProperties.class })
	static class TestApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		RecordingConsumer recordingConsumer(Environment environment) {
			return new RecordingConsumer(environment);
		}

		@Bean
		FailingConsumer failingConsumer() {
			return new FailingConsumer();
		}

		@Bean
		String passwordAtStartup(@Value("${vault:app/db:password}") String password) {
			return password;
		}

	}

	static class RecordingConsumer implements SecretConsumer {

		private final Environment environment;

		final List<SecretChange> seen = new CopyOnWriteArrayList<>();

		final List<String> passwordsWhenApplied = new CopyOnWriteArrayList<>();

		final List<String> seenInEnvironment = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		RecordingConsumer(Environment environment) {
			this.environment = environment;
		}

		@Override
		public String getName() {
			return "recording";
		}

		@Override
		public Set<SecretLocation> getFollowedSecrets() {
			return Set.of(DB);
		}

		@Override
		public void apply(SecretChange change) {
			this.passwordsWhenApplied.add(this.environment.getProperty("app.db.password"));
			this.threads.add(Thread.currentThread().getName());
			this.seen.add(change);
		}

	}

	static class FailingConsumer implements SecretConsumer {

		final AtomicBoolean fail = new AtomicBoolean();

		@Override
		public String getName() {
			return "failing";
		}

		@Override
		public Set<SecretLocation> getFollowedSecrets() {
			return Set.of(DB);
		}

		@Override
		public void apply(SecretChange change) {
			if (this.fail.get()) {
				throw new IllegalStateException("refused");
			}
		}

	}

	@ConfigurationProperties("app.db")
	static class DbProperties {

		private String username;

		private String password;

		private String url;

		int bindings;

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.bindings++;
			this.password = password;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			java.net.URI.create(url);
			if (!url.matches(".*:\\d+/.*")) {
				throw new IllegalArgumentException("bad url");
			}
			this.url = url;
		}

	}

	@ConfigurationProperties("app.plain")
	static class PlainProperties {

		private String name;

		int bindings;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.bindings++;
			this.name = name;
		}

	}

	@KeepSecretsFromStartup
	@ConfigurationProperties("app.fixed")
	static class FixedProperties {

		private String password;

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

	}

	@ConfigurationProperties("flags")
	static class FlagsProperties {

		private String mode;

		private Map<String, Integer> limits;

		public String getMode() {
			return this.mode;
		}

		public void setMode(String mode) {
			this.mode = mode;
		}

		public Map<String, Integer> getLimits() {
			return this.limits;
		}

		public void setLimits(Map<String, Integer> limits) {
			this.limits = limits;
		}

	}

}
