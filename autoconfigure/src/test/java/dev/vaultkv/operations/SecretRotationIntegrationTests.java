package dev.vaultkv.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.FaultRule;
import dev.vaultkv.secret.Secret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.secret.SecretValue;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
@EmbeddedVault(resetBetweenTests = true)
class SecretRotationIntegrationTests {

	private final EmbeddedVaultServer server;

	private ConfigurableApplicationContext context;

	private SecretRotationWatcher watcher;

	private Events events;

	private TestClock clock;

	SecretRotationIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@BeforeEach
	void startApplication() {
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "s3cr3t"));
		this.server.putSecret("secret/app/api", Map.of("value", "key-1"));
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=10m",
					"vault.tenants.namespace=tenants/{tenant}")
			.run();
		this.watcher = this.context.getBean(SecretRotationWatcher.class);
		this.events = this.context.getBean(Events.class);
		this.clock = this.context.getBean(TestClock.class);
		this.server.requestLog().clear();
	}

	@AfterEach
	void closeApplication() {
		this.context.close();
	}

	@Test
	void changeIsDetectedRefreshedAndPublishedOnce(CapturedOutput output) {
		Consumer consumer = this.context.getBean(Consumer.class);
		assertThat(consumer.password.get()).isEqualTo("s3cr3t");
		this.watcher.pollNow();
		assertThat(this.events.received).isEmpty();
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "r0tated"));
		this.watcher.pollNow();
		this.watcher.pollNow();
		assertThat(this.events.received).singleElement().satisfies((event) -> {
			assertThat(event.getMount()).isEqualTo("secret");
			assertThat(event.getPath()).isEqualTo("app/db");
			assertThat(event.getChangedKeys()).containsExactly("password");
			assertThat(event.getOldVersion()).isEqualTo(1);
			assertThat(event.getNewVersion()).isEqualTo(2);
			assertThat(event.toString()).doesNotContain("r0tated").doesNotContain("s3cr3t");
		});
		assertThat(consumer.password.get()).isEqualTo("r0tated");
		assertThat(consumer.fixedPassword).isEqualTo("s3cr3t");
		assertThat(this.context.getBean(VaultKvOperations.class).readString("app/db", "password"))
			.isEqualTo("r0tated");
		assertThat(output).doesNotContain("r0tated").doesNotContain("s3cr3t");
	}

	@Test
	void changesInATenantsNamespaceArePublishedWithTheNamespace() {
		VaultClient client = this.context.getBean(VaultClient.class);
		TenantIsolationIntegrationTests.createTenantNamespace(client, "t");
		VaultKvOperations tenant = this.context.getBean(VaultKvOperations.class).forTenant("t");
		tenant.write("db", Map.of("password", "one"));
		assertThat(tenant.readString("db", "password")).isEqualTo("one");
		this.watcher.pollNow();
		assertThat(this.events.received).isEmpty();
		client.execute(VaultRequest.post("secret/data/tenants/t/db")
			.namespace("tenants/t")
			.body(Map.of("data", Map.of("password", "two")))
			.build());
		this.watcher.pollNow();
		this.watcher.pollNow();
		assertThat(this.events.received).singleElement().satisfies((event) -> {
			assertThat(event.getNamespace()).isEqualTo("tenants/t");
			assertThat(event.getMount()).isEqualTo("secret");
			assertThat(event.getPath()).isEqualTo("tenants/t/db");
			assertThat(event.getChangedKeys()).containsExactly("password");
			assertThat(event.getOldVersion()).isEqualTo(1);
			assertThat(event.getNewVersion()).isEqualTo(2);
		});
		assertThat(tenant.readString("db", "password")).isEqualTo("two");
	}

	@Test
	void failedReReadKeepsServingTheCachedValueAndPublishesTheChangeOnceItIsRead() {
		Consumer consumer = this.context.getBean(Consumer.class);
		assertThat(consumer.password.get()).isEqualTo("s3cr3t");
		this.watcher.pollNow();
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "r0tated"));
		FaultRule outage = this.server.faults().failMatching("secret/data/.*", 503);
		this.watcher.pollNow();
		assertThat(outage.hits()).isPositive();
		assertThat(consumer.password.get()).isEqualTo("s3cr3t");
		assertThat(this.context.getBean(SecretStore.class).getStaleLocations())
			.containsExactly(new SecretLocation("secret", "app/db", 0));
		assertThat(this.events.received).isEmpty();
		outage.remove();
		this.watcher.pollNow();
		this.watcher.pollNow();
		assertThat(this.events.received).singleElement().satisfies((event) -> {
			assertThat(event.getChangedKeys()).containsExactly("password");
			assertThat(event.getOldVersion()).isEqualTo(1);
			assertThat(event.getNewVersion()).isEqualTo(2);
		});
		assertThat(consumer.password.get()).isEqualTo("r0tated");
		assertThat(this.context.getBean(SecretStore.class).getStaleLocations()).isEmpty();
	}

	@Test
	void pollsOneMetadataRequestPerPathInUseWhateverTheReaders() {
		Consumer consumer = this.context.getBean(Consumer.class);
		VaultKvOperations operations = this.context.getBean(VaultKvOperations.class);
		for (int i = 0; i < 5; i++) {
			consumer.password.get();
			consumer.username.get();
			operations.read("app/db");
		}
		this.watcher.pollNow();
		assertThat(this.server.requestLog().count("GET", "secret/metadata/app/db")).isEqualTo(1);
		assertThat(this.server.requestLog().count("GET", "secret/metadata/app/api")).isZero();
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isZero();
		operations.read("app/api");
		this.watcher.pollNow();
		assertThat(this.server.requestLog().count("GET", "secret/metadata/app/db")).isEqualTo(2);
		assertThat(this.server.requestLog().count("GET", "secret/metadata/app/api")).isEqualTo(1);
	}

	@Test
	void pollsEachPathOncePerIntervalOnTheClock() {
		this.context.getBean(Consumer.class).password.get();
		this.watcher.tick();
		assertThat(this.watcher.getWatchedLocations()).hasSize(1);
		int polls = 0;
		for (int minute = 1; minute <= 30; minute++) {
			this.clock.advance(Duration.ofMinutes(1));
			this.watcher.tick();
		}
		polls = this.server.requestLog().count("GET", "secret/metadata/app/db");
		assertThat(polls).isEqualTo(3);
		this.server.putSecret("secret/app/db", Map.of("username", "app2", "password", "s3cr3t"));
		for (int minute = 1; minute <= 10; minute++) {
			this.clock.advance(Duration.ofMinutes(1));
			this.watcher.tick();
		}
		assertThat(this.events.received).singleElement()
			.satisfies((event) -> assertThat(event.getChangedKeys()).containsExactly("username"));
	}

	@Test
	void ownWritesArePublishedOnceToo() {
		VaultKvOperations operations = this.context.getBean(VaultKvOperations.class);
		operations.read("app/api");
		this.watcher.pollNow();
		operations.write("app/api", Map.of("value", "key-2", "extra", "x"));
		assertThat(operations.readString("app/api", "value")).isEqualTo("key-2");
		this.watcher.pollNow();
		this.watcher.pollNow();
		assertThat(this.events.received).singleElement().satisfies((event) -> {
			assertThat(event.getChangedKeys()).containsExactlyInAnyOrder("value", "extra");
			assertThat(event.getNewVersion()).isEqualTo(2);
		});
	}

	@Test
	void aWriteNobodyReadsAgainIsPublishedByTheNextPoll() {
		VaultKvOperations operations = this.context.getBean(VaultKvOperations.class);
		operations.read("app/api");
		this.watcher.pollNow();
		operations.write("app/api", Map.of("value", "key-2"));
		this.watcher.pollNow();
		this.watcher.pollNow();
		assertThat(this.events.received).singleElement().satisfies((event) -> {
			assertThat(event.getChangedKeys()).containsExactly("value");
			assertThat(event.getNewVersion()).isEqualTo(2);
		});
	}

	@Test
	void aPollWhileAWriteHasTheSecretOutOfTheCacheDoesNotLoseTheChange() {
		VaultKvOperations operations = this.context.getBean(VaultKvOperations.class);
		operations.read("app/api");
		this.watcher.pollNow();
		operations.write("app/api", Map.of("value", "key-2"));
		// the write dropped the cached entry; a scheduled poll may come before the next read
		this.watcher.pollNow();
		assertThat(operations.readString("app/api", "value")).isEqualTo("key-2");
		this.watcher.pollNow();
		assertThat(this.events.received).singleElement()
			.satisfies((event) -> assertThat(event.getChangedKeys()).containsExactly("value"));
	}

	@Test
	void deletionIsAChange() {
		VaultKvOperations operations = this.context.getBean(VaultKvOperations.class);
		operations.read("app/api");
		this.watcher.pollNow();
		this.server.requestLog().clear();
		this.context.getBean(dev.vaultkv.kv.KvOperations.class).delete("app/api");
		this.watcher.pollNow();
		this.watcher.pollNow();
		assertThat(this.events.received).singleElement().satisfies((event) -> {
			assertThat(event.getChangedKeys()).containsExactly("value");
			assertThat(event.getNewVersion()).isZero();
		});
		assertThat(operations.read("app/api")).isNull();
	}

	@Test
	void spreadsFirstPollsOverTheInterval() {
		List<Long> delays = new CopyOnWriteArrayList<>();
		SecretRotationWatcher jittered = new SecretRotationWatcher(
				this.context.getBean(dev.vaultkv.secret.SecretStore.class),
				this.context.getBean(VaultKvOperations.class), (event) -> {
				}, this.clock, Duration.ofMinutes(10), null, (bound) -> {
					long delay = bound / 2;
					delays.add(bound);
					return delay;
				});
		this.context.getBean(Consumer.class).password.get();
		jittered.tick();
		assertThat(delays).containsExactly(Duration.ofMinutes(10).toMillis());
		this.clock.advance(Duration.ofMinutes(4));
		jittered.tick();
		assertThat(this.server.requestLog().count("GET", "secret/metadata/app/db")).isZero();
		this.clock.advance(Duration.ofMinutes(1));
		jittered.tick();
		assertThat(this.server.requestLog().count("GET", "secret/metadata/app/db")).isEqualTo(1);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

		@Bean
		TestClock testClock() {
			return new TestClock();
		}

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		Consumer consumer() {
			return new Consumer();
		}

	}

	static class Events {

		final List<SecretChangedEvent> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(SecretChangedEvent event) {
			this.received.add(event);
		}

	}

	static class Consumer {

		@Secret("app/db:password")
		SecretValue<String> password;

		@Secret("app/db:username")
		SecretValue<String> username;

		@Secret("app/db:password")
		String fixedPassword;

	}

}
