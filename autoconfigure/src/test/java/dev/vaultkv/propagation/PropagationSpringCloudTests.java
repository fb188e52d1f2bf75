package dev.vaultkv.propagation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.operations.SecretRotationWatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Spring Cloud Context on the class path (this class runs in a test execution of its own that has
 * it), a changed secret drives its refresh machinery.
 */
@EmbeddedVault(resetBetweenTests = true)
class PropagationSpringCloudTests {

	private final EmbeddedVaultServer server;

	private ConfigurableApplicationContext context;

	PropagationSpringCloudTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void environmentChangeEventCarriesExactlyTheChangedKeysAndRefreshScopeBeansAreRecreated() {
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "one"));
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=10m",
					"app.db.username=${vault:app/db:username}", "app.db.password=${vault:app/db:password}",
					"spring.cloud.refresh.enabled=true")
			.run();
		Events events = this.context.getBean(Events.class);
		DbProperties db = this.context.getBean(DbProperties.class);
		assertThat(this.context.getBean(Client.class).password()).isEqualTo("one");
		assertThat(this.context.getBean(SecretPropagator.class).getConsumers())
			.extracting(SecretConsumerStatus::name)
			.containsExactly("Spring Cloud refresh");
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "two"));
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		await().atMost(Duration.ofSeconds(10)).until(() -> !events.keys.isEmpty());
		assertThat(events.keys).containsExactly(Set.of("app.db.password"));
		assertThat(db.getPassword()).isEqualTo("two");
		assertThat(this.context.getBean(Client.class).password()).isEqualTo("two");
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class, RefreshAutoConfiguration.class,
			ConfigurationPropertiesRebinderAutoConfiguration.class, VaultPropagationAutoConfiguration.class })
	@EnableConfigurationProperties(DbProperties.class)
	static class TestApplication {

		@Bean
		@RefreshScope
		Client client(@Value("${app.db.password}") String password) {
			return new Client(password);
		}

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Client {

		private final String password;

		Client(String password) {
			this.password = password;
		}

		String password() {
			return this.password;
		}

	}

	static class Events {

		final List<Set<String>> keys = new CopyOnWriteArrayList<>();

		@EventListener
		void onChange(EnvironmentChangeEvent event) {
			this.keys.add(event.getKeys());
		}

	}

	@ConfigurationProperties("app.db")
	static class DbProperties {

		private String username;

		private String password;

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
			this.password = password;
		}

	}

}
