package dev.vaultkv.propagation.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultDataSourcePropagationAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.FaultRule;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.propagation.SecretConsumerStatus;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.testsupport.PasswordDatabase;
import dev.vaultkv.testsupport.PasswordDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A pool that Spring Boot builds from {@code spring.datasource.*} placeholders follows its secret on a real
 * database that enforces the password, while threads run queries through it.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = { "H2", "PostgreSQL", "MariaDB" })
@ExtendWith(OutputCaptureExtension.class)
@EmbeddedVault(resetBetweenTests = true)
class HikariSecretRotationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final SecretLocation LOCATION = new SecretLocation("secret", "app/db", 0);

	@Parameter
	String databaseName;

	private final EmbeddedVaultServer server;

	private PasswordDatabase database;

	private ConfigurableApplicationContext context;

	private HikariDataSource pool;

	HikariSecretRotationIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@BeforeEach
	void startApplication() throws SQLException {
		this.database = PasswordDatabases.open(this.databaseName);
		putSecret(this.database.initialPassword());
		this.context = new SpringApplicationBuilder(BootPoolApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.rotation.enabled=true", "vault.rotation.interval=1h",
					"vault.rotation.retry-interval=200ms", "vault.retry.initial-interval=1ms",
					"spring.datasource.url=" + this.database.jdbcUrl(),
					"spring.datasource.username=${vault:app/db:username}",
					"spring.datasource.password=${vault:app/db:password}",
					"spring.datasource.hikari.maximum-pool-size=10")
			.run();
		this.pool = this.context.getBean(HikariDataSource.class);
		assertThat(query(this.pool, "SELECT 1")).isEqualTo("1");
		await().atMost(TIMEOUT).until(() -> this.pool.getHikariPoolMXBean().getTotalConnections() == 10);
		this.server.requestLog().clear();
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
	void followsAChangeWrittenToVaultBeforeTheDatabaseTakesIt(CapturedOutput output) throws Exception {
		String initial = this.database.initialPassword();
		String next = PasswordDatabases.randomPassword();
		try (QueryLoad load = QueryLoad.start(this.pool, 8)) {
			awaitQueries(load);
			putSecret(next);
			watcher().pollNow();
			await().atMost(TIMEOUT).until(() -> status().failing());
			assertThat(status().lastFailure()).isEqualTo(IllegalStateException.class.getName());
			assertThat(this.pool.getPassword()).isEqualTo(initial);
			awaitQueries(load);
			this.database.changePassword(next);
			Set<String> before = this.database.sessionIds();
			await().atMost(TIMEOUT).until(() -> next.equals(this.pool.getPassword()));
			awaitOnlySessionsOpenedAfter(before);
			awaitQueries(load);
			load.close();
			assertThat(load.failures()).isEmpty();
		}
		assertThat(status().failing()).isFalse();
		assertRefused(initial);
		assertThat(query(this.pool, this.database.currentUserQuery())).isEqualToIgnoringCase(this.database.username());
		assertThat(output).doesNotContain(initial).doesNotContain(next);
	}

	@Test
	void followsAChangeMadeInTheDatabaseBeforeVault(CapturedOutput output) throws Exception {
		String initial = this.database.initialPassword();
		String next = PasswordDatabases.randomPassword();
		try (QueryLoad load = QueryLoad.start(this.pool, 8)) {
			awaitQueries(load);
			this.database.changePassword(next);
			Set<String> before = this.database.sessionIds();
			awaitQueries(load);
			putSecret(next);
			watcher().pollNow();
			await().atMost(TIMEOUT).until(() -> next.equals(this.pool.getPassword()));
			awaitOnlySessionsOpenedAfter(before);
			awaitQueries(load);
			load.close();
			assertThat(load.failures()).isEmpty();
		}
		assertThat(status().applications()).isEqualTo(1);
		assertThat(status().appliedVersions()).containsEntry(LOCATION, 2L);
		assertRefused(initial);
		assertThat(output).doesNotContain(initial).doesNotContain(next);
	}

	@Test
	void readsTheSecretOnceWhenTheDatabaseRejectsNewConnections(CapturedOutput output) throws Exception {
		String next = PasswordDatabases.randomPassword();
		this.database.changePassword(next);
		putSecret(next);
		Set<String> before = this.database.sessionIds();
		this.server.requestLog().clear();
		this.pool.getHikariPoolMXBean().softEvictConnections();
		List<Throwable> failures = runTogether(20, () -> query(this.pool, this.database.sessionIdQuery()));
		assertThat(failures).isEmpty();
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(1);
		assertThat(this.pool.getPassword()).isEqualTo(next);
		awaitOnlySessionsOpenedAfter(before);
		assertThat(output).doesNotContain(next).doesNotContain(this.database.initialPassword());
	}

	@Test
	void manyConnectionsRejectedTogetherShareOneRead() throws Exception {
		String initial = this.database.initialPassword();
		String next = PasswordDatabases.randomPassword();
		this.database.changePassword(next);
		putSecret(next);
		this.server.requestLog().clear();
		DataSource connections = this.pool.getDataSource();
		assertThat(connections).isInstanceOf(CredentialsRefreshingDataSource.class);
		List<Throwable> failures = runTogether(50, () -> {
			try (Connection connection = connections.getConnection(this.database.username(), initial)) {
				return connection.isValid(5);
			}
		});
		assertThat(failures).isEmpty();
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(1);
		assertThat(this.pool.getPassword()).isEqualTo(next);
	}

	@Test
	void keepsItsCredentialsWhenTheSecretLosesThePassword(CapturedOutput output) throws Exception {
		String initial = this.database.initialPassword();
		try (QueryLoad load = QueryLoad.start(this.pool, 8)) {
			this.server.putSecret("secret/app/db", Map.of("username", this.database.username()));
			watcher().pollNow();
			await().atMost(TIMEOUT).until(() -> status().failing());
			this.pool.getHikariPoolMXBean().softEvictConnections();
			awaitQueries(load);
			load.close();
			assertThat(load.failures()).isEmpty();
		}
		assertThat(this.pool.getPassword()).isEqualTo(initial);
		assertThat(status().failures()).isPositive();
		assertThat(status().appliedVersions()).containsEntry(LOCATION, 1L);
		assertThat(output).doesNotContain(initial);
	}

	@Test
	void keepsItsCredentialsWhenThePasswordHasTheWrongShape(CapturedOutput output) throws Exception {
		String initial = this.database.initialPassword();
		try (QueryLoad load = QueryLoad.start(this.pool, 8)) {
			this.server.putSecret("secret/app/db",
					Map.of("username", this.database.username(), "password", Map.of("value", initial)));
			watcher().pollNow();
			await().atMost(TIMEOUT).until(() -> status().failing());
			this.server.putSecret("secret/app/db", Map.of("username", this.database.username(), "password", ""));
			watcher().pollNow();
			await().atMost(TIMEOUT).until(() -> status().failures() >= 2);
			this.pool.getHikariPoolMXBean().softEvictConnections();
			awaitQueries(load);
			load.close();
			assertThat(load.failures()).isEmpty();
		}
		assertThat(this.pool.getPassword()).isEqualTo(initial);
		assertThat(status().failing()).isTrue();
		assertThat(output).doesNotContain(initial);
	}

	@Test
	void keepsItsCredentialsWhileVaultFailsAndFollowsOnceItAnswers(CapturedOutput output) throws Exception {
		String initial = this.database.initialPassword();
		String next = PasswordDatabases.randomPassword();
		try (QueryLoad load = QueryLoad.start(this.pool, 8)) {
			this.database.changePassword(next);
			putSecret(next);
			FaultRule outage = this.server.faults().failMatching("secret/data/.*", 503);
			watcher().pollNow();
			assertThat(outage.hits()).isPositive();
			assertThat(this.context.getBean(SecretStore.class).getStaleLocations()).containsExactly(LOCATION);
			awaitQueries(load);
			assertThat(this.pool.getPassword()).isEqualTo(initial);
			assertThat(status().applications()).isZero();
			outage.remove();
			watcher().pollNow();
			await().atMost(TIMEOUT).until(() -> next.equals(this.pool.getPassword()));
			awaitQueries(load);
			load.close();
			assertThat(load.failures()).isEmpty();
		}
		assertThat(status().failing()).isFalse();
		assertThat(output).doesNotContain(initial).doesNotContain(next);
	}

	@Test
	void aRejectionWhileVaultFailsIsTheCallersAndTheNextAttemptSucceeds(CapturedOutput output) throws Exception {
		String initial = this.database.initialPassword();
		String next = PasswordDatabases.randomPassword();
		this.database.changePassword(next);
		putSecret(next);
		DataSource connections = this.pool.getDataSource();
		FaultRule outage = this.server.faults().failMatching("secret/data/.*", 503);
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connections.getConnection(this.database.username(), initial).close())
			.satisfies((ex) -> assertThat(RejectedCredentials.isRejection(ex)).isTrue());
		assertThat(outage.hits()).isPositive();
		assertThat(this.pool.getPassword()).isEqualTo(initial);
		outage.remove();
		try (Connection connection = connections.getConnection(this.database.username(), initial)) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThat(this.pool.getPassword()).isEqualTo(next);
		assertThat(output).doesNotContain(initial).doesNotContain(next);
	}

	private void putSecret(String password) {
		this.server.putSecret("secret/app/db", Map.of("username", this.database.username(), "password", password));
	}

	private SecretRotationWatcher watcher() {
		return this.context.getBean(SecretRotationWatcher.class);
	}

	private SecretConsumerStatus status() {
		return this.context.getBean(SecretPropagator.class)
			.getConsumers()
			.stream()
			.filter((status) -> status.name().equals("HikariCP pool 'dataSource'"))
			.findFirst()
			.orElseThrow();
	}

	private void assertRefused(String password) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.database.connect(password).close())
			.satisfies((ex) -> assertThat(RejectedCredentials.isRejection(ex)).isTrue());
	}

	/**
	 * The sessions open before a password change used the old password: once they are all retired, and
	 * the pool still answers, its connections were opened with the new one.
	 */
	private void awaitOnlySessionsOpenedAfter(Set<String> before) throws SQLException {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Set<String> open = new HashSet<>(this.database.sessionIds());
			open.retainAll(before);
			assertThat(open).isEmpty();
		});
		assertThat(before).doesNotContain(query(this.pool, this.database.sessionIdQuery()));
		assertThat(this.pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
	}

	private static void awaitQueries(QueryLoad load) {
		long start = load.succeeded();
		await().atMost(TIMEOUT).until(() -> load.succeeded() >= start + 100);
	}

	static String query(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	static List<Throwable> runTogether(int threads, ThrowingCallable action) throws Exception {
		CyclicBarrier barrier = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<CompletableFuture<Throwable>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(CompletableFuture.supplyAsync(() -> {
					try {
						barrier.await();
						action.call();
						return null;
					}
					catch (Throwable ex) {
						return ex;
					}
				}, executor));
			}
			List<Throwable> failures = new ArrayList<>();
			for (CompletableFuture<Throwable> result : results) {
				Throwable failure = result.get();
				if (failure != null) {
					failures.add(failure);
				}
			}
			return failures;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	interface ThrowingCallable {

		Object call() throws Exception;

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class, VaultPropagationAutoConfiguration.class,
			VaultDataSourcePropagationAutoConfiguration.class, DataSourceAutoConfiguration.class })
	static class BootPoolApplication {

	}

}
