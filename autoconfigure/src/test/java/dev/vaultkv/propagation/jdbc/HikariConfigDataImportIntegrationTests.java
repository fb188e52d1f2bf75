package dev.vaultkv.propagation.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.propagation.jdbc.HikariSecretRotationIntegrationTests.BootPoolApplication;
import dev.vaultkv.testsupport.PasswordDatabase;
import dev.vaultkv.testsupport.PasswordDatabases;

import static dev.vaultkv.propagation.jdbc.HikariSecretRotationIntegrationTests.query;
import static dev.vaultkv.propagation.jdbc.HikariSecretRotationIntegrationTests.runTogether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pool Spring Boot builds from {@code spring.datasource.*} properties that refer to a
 * {@code spring.config.import=vault:...} import follows the imported secret.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = { "H2", "PostgreSQL", "MariaDB" })
@EmbeddedVault(resetBetweenTests = true)
class HikariConfigDataImportIntegrationTests {

	@Parameter
	String databaseName;

	private final EmbeddedVaultServer server;

	private PasswordDatabase database;

	private ConfigurableApplicationContext context;

	private HikariDataSource pool;

	HikariConfigDataImportIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@BeforeEach
	void startApplication() throws Exception {
		this.database = PasswordDatabases.open(this.databaseName);
		putSecret(this.database.initialPassword());
		this.context = new SpringApplicationBuilder(BootPoolApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=1h",
					"spring.config.import=vault:app/db?prefix=db.", "spring.datasource.url=" + this.database.jdbcUrl(),
					"spring.datasource.username=${db.username}", "spring.datasource.password=${db.password}",
					"spring.datasource.hikari.maximum-pool-size=4")
			.run();
		this.pool = this.context.getBean(HikariDataSource.class);
		assertThat(query(this.pool, "SELECT 1")).isEqualTo("1");
		// a connection still being opened with the first password would escape a test's eviction
		await().atMost(Duration.ofSeconds(30)).until(() -> this.pool.getHikariPoolMXBean().getIdleConnections() == 4);
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void followsAChangeOfTheImportedSecret() throws Exception {
		String next = PasswordDatabases.randomPassword();
		this.database.changePassword(next);
		putSecret(next);
		this.context.getBean(SecretRotationWatcher.class).pollNow();
		await().atMost(Duration.ofSeconds(30)).until(() -> next.equals(this.pool.getPassword()));
		this.pool.getHikariPoolMXBean().softEvictConnections();
		assertThat(query(this.pool, this.database.currentUserQuery())).isEqualToIgnoringCase(this.database.username());
	}

	@Test
	void readsTheImportedSecretAgainWhenTheDatabaseRejectsTheCredentials() throws Exception {
		String next = PasswordDatabases.randomPassword();
		this.database.changePassword(next);
		putSecret(next);
		this.server.requestLog().clear();
		this.pool.getHikariPoolMXBean().softEvictConnections();
		List<Throwable> failures = runTogether(8, () -> query(this.pool, "SELECT 1"));
		assertThat(failures).isEmpty();
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(1);
		assertThat(this.pool.getPassword()).isEqualTo(next);
	}

	private void putSecret(String password) {
		this.server.putSecret("secret/app/db", Map.of("username", this.database.username(), "password", password));
	}

}
