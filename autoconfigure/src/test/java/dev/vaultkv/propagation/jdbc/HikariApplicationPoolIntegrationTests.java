package dev.vaultkv.propagation.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultDataSourcePropagationAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.propagation.SecretConsumerStatus;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.testsupport.PasswordDatabase;
import dev.vaultkv.testsupport.PasswordDatabases;

import static dev.vaultkv.propagation.jdbc.HikariSecretRotationIntegrationTests.query;
import static dev.vaultkv.propagation.jdbc.HikariSecretRotationIntegrationTests.runTogether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pools that the application builds itself, from {@code @Value} placeholders or
 * {@code @ConfigurationProperties}, follow the secret their password is found in.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = { "H2", "PostgreSQL", "MariaDB" })
@ExtendWith(OutputCaptureExtension.class)
@EmbeddedVault(resetBetweenTests = true)
class HikariApplicationPoolIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Parameter
	String databaseName;

	private final EmbeddedVaultServer server;

	private PasswordDatabase database;

	private ConfigurableApplicationContext context;

	HikariApplicationPoolIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@BeforeEach
	void startDatabase() {
		this.database = PasswordDatabases.open(this.databaseName);
		this.server.putSecret("secret/app/db",
				Map.of("username", this.database.username(), "password", this.database.initialPassword()));
		this.server.putSecret("secret/app/other", Map.of("token", "not-a-password"));
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.database.close();
	}

	@Test
	void aPoolStartedFromValuePlaceholdersFollowsItsSecret(CapturedOutput output) throws Exception {
		HikariDataSource pool = start(StartedPoolApplication.class);
		assertThat(pool.isRunning()).isTrue();
		assertThat(pool.getDataSource()).isNull();
		String next = rotateDatabaseThenVault();
		await().atMost(TIMEOUT).until(() -> next.equals(pool.getPassword()));
		assertThat(pool.getUsername()).isEqualTo(this.database.username());
		pool.getHikariPoolMXBean().softEvictConnections();
		assertThat(query(pool, "SELECT 1")).isEqualTo("1");
		assertThat(status().appliedVersions()).containsValue(2L);
		assertThat(output).doesNotContain(next).doesNotContain(this.database.initialPassword());
	}

	@Test
	void aPoolBuiltFromValuePlaceholdersFollowsItsSecretAndReadsItAgainWhenRejected() throws Exception {
		HikariDataSource pool = start(LazyPoolApplication.class);
		assertThat(pool.getDataSource()).isInstanceOf(CredentialsRefreshingDataSource.class);
		String next = rotateDatabaseThenVault();
		await().atMost(TIMEOUT).until(() -> next.equals(pool.getPassword()));
		// a connection still being opened with the previous password would escape the eviction below
		await().atMost(TIMEOUT).until(() -> pool.getHikariPoolMXBean().getIdleConnections() == 4);
		String after = PasswordDatabases.randomPassword();
		this.database.changePassword(after);
		this.server.putSecret("secret/app/db", Map.of("username", this.database.username(), "password", after));
		this.server.requestLog().clear();
		pool.getHikariPoolMXBean().softEvictConnections();
		List<Throwable> failures = runTogether(20, () -> query(pool, "SELECT 1"));
		assertThat(failures).isEmpty();
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(1);
		assertThat(pool.getPassword()).isEqualTo(after);
	}

	@Test
	void aPoolBoundFromConfigurationPropertiesFollowsItsSecretWithoutBeingRebound(CapturedOutput output)
			throws Exception {
		HikariDataSource pool = start(BoundPoolApplication.class);
		assertThat(this.context.getBean(SecretPropagator.class).getConsumers()).extracting(SecretConsumerStatus::name)
			.containsExactly("HikariCP pool 'appDataSource'");
		String next = rotateDatabaseThenVault();
		await().atMost(TIMEOUT).until(() -> next.equals(pool.getPassword()));
		await().atMost(TIMEOUT).until(() -> status().applications() == 1);
		assertThat(pool.isClosed()).isFalse();
		pool.getHikariPoolMXBean().softEvictConnections();
		assertThat(query(pool, "SELECT 1")).isEqualTo("1");
		assertThat(output).doesNotContain("Could not apply");
	}

	private HikariDataSource start(Class<?> application) throws Exception {
		this.context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=1h",
					"vault.rotation.retry-interval=200ms", "app.db.jdbc-url=" + this.database.jdbcUrl(),
					"app.db.username=${vault:app/db:username}", "app.db.password=${vault:app/db:password}",
					"app.other=${vault:app/other:token}")
			.run();
		HikariDataSource pool = this.context.getBean(HikariDataSource.class);
		assertThat(query(pool, "SELECT 1")).isEqualTo("1");
		return pool;
	}

	private String rotateDatabaseThenVault() throws Exception {
		String next = PasswordDatabases.randomPassword();
		this.database.changePassword(next);
		this.server.putSecret("secret/app/db", Map.of("username", this.database.username(), "password", next));
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		return next;
	}

	private SecretConsumerStatus status() {
		return this.context.getBean(SecretPropagator.class)
			.getConsumers()
			.stream()
			.filter((status) -> status.name().equals("HikariCP pool 'appDataSource'"))
			.findFirst()
			.orElseThrow();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class, VaultPropagationAutoConfiguration.class,
			VaultDataSourcePropagationAutoConfiguration.class })
	static class StartedPoolApplication {

		@Bean
		HikariDataSource appDataSource(@Value("${app.db.jdbc-url}") String url,
				@Value("${vault:app/db:username}") String username, @Value("${vault:app/db:password}") String password,
				@Value("${app.other}") String other) {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(url);
			config.setUsername(username);
			config.setPassword(password);
			config.setMaximumPoolSize(4);
			return new HikariDataSource(config);
		}

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class, VaultPropagationAutoConfiguration.class,
			VaultDataSourcePropagationAutoConfiguration.class })
	static class LazyPoolApplication {

		@Bean
		DataSource appDataSource(@Value("${app.db.jdbc-url}") String url,
				@Value("${vault:app/db:username}") String username, @Value("${vault:app/db:password}") String password) {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl(url);
			pool.setUsername(username);
			pool.setPassword(password);
			pool.setMaximumPoolSize(4);
			return pool;
		}

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class, VaultPropagationAutoConfiguration.class,
			VaultDataSourcePropagationAutoConfiguration.class })
	static class BoundPoolApplication {

		@Bean
		@ConfigurationProperties("app.db")
		HikariDataSource appDataSource() {
			return new HikariDataSource();
		}

	}

}
