package dev.vaultkv.operations;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.operations.SecretRotationIntegrationTests.Events;
import dev.vaultkv.operations.SecretRotationIntegrationTests.TestApplication;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A secret injected once at startup (a placeholder) is still watched after its cache entry has expired
 * because nothing read it again: its later rotation is published.
 */
@EmbeddedVault(resetBetweenTests = true)
class InjectedSecretRotationIntegrationTests {

	private final EmbeddedVaultServer server;

	InjectedSecretRotationIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@Test
	void aPlaceholderReadOnlyAtStartupIsStillWatchedOnceItsCacheEntryExpired() {
		this.server.putSecret("secret/app/startup", Map.of("value", "first"));
		this.server.putSecret("secret/app/adhoc", Map.of("value", "one"));
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "s3cr3t"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				HolderConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=10m",
					// entries not read again leave the cache within a second of real time
					"vault.cache.ttl=300ms", "vault.cache.refresh-ahead=100ms", "vault.cache.max-staleness=200ms")
			.run()) {
			SecretRotationWatcher watcher = context.getBean(SecretRotationWatcher.class);
			SecretStore store = context.getBean(SecretStore.class);
			TestClock clock = context.getBean(TestClock.class);
			Events events = context.getBean(Events.class);
			assertThat(context.getBean(Holder.class).value).isEqualTo("first");
			// an application read through the API, not injected anywhere
			assertThat(context.getBean(VaultKvOperations.class).readString("app/adhoc", "value")).isEqualTo("one");
			SecretLocation startup = new SecretLocation("secret", "app/startup", 0);
			SecretLocation adhoc = new SecretLocation("secret", "app/adhoc", 0);
			watcher.tick();
			assertThat(watcher.getWatchedLocations()).contains(startup, adhoc);

			await().atMost(Duration.ofSeconds(10))
				.until(() -> !store.getCachedLocations().contains(startup)
						&& !store.getCachedLocations().contains(adhoc));
			// out of the cache for more than an interval
			watcher.tick();
			clock.advance(Duration.ofMinutes(11));
			watcher.tick();
			clock.advance(Duration.ofMinutes(11));
			watcher.tick();
			assertThat(watcher.getWatchedLocations()).contains(startup).doesNotContain(adhoc);

			this.server.putSecret("secret/app/startup", Map.of("value", "second"));
			clock.advance(Duration.ofMinutes(11));
			watcher.tick();
			assertThat(events.received).singleElement().satisfies((event) -> {
				assertThat(event.getPath()).isEqualTo("app/startup");
				assertThat(event.getChangedKeys()).containsExactly("value");
				assertThat(event.getOldVersion()).isEqualTo(1);
				assertThat(event.getNewVersion()).isEqualTo(2);
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class HolderConfiguration {

		@Bean
		Holder holder(@Value("${vault:app/startup}") String value) {
			return new Holder(value);
		}

	}

	record Holder(String value) {

		@Override
		public String toString() {
			return "Holder[value=<hidden>]";
		}

	}

}
