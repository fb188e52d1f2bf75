package dev.vaultkv.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.auth.RenewalScheduler;
import dev.vaultkv.autoconfigure.diagnostics.VaultDatabaseCredentialsFailureAnalyzer;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.FaultRule;
import dev.vaultkv.health.VaultHealthIndicator;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.testsupport.DatabaseEngineTargets;
import dev.vaultkv.testsupport.ServerClockScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A Boot application on database credentials from the embedded server's database engine, against H2, the
 * scram-sha-256 PostgreSQL and MariaDB: queries keep running while dynamic credentials go through several
 * {@code max_ttl} cycles and static ones are rotated, all on the server's clock.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseCredentialsIntegrationTests {

	static final List<String> databases = DatabaseEngineTargets.NAMES;

	private static final Duration STEP = Duration.ofSeconds(10);

	private EmbeddedVaultServer server;

	private ServerClockScheduler scheduler;

	private DatabaseEngineTargets.Target database;

	private ConfigurableApplicationContext context;

	private Queries queries;

	@BeforeEach
	void startServer() {
		this.server = EmbeddedVaultServer.builder().mount("database", "database").start();
		this.server.clock().freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		this.scheduler = new ServerClockScheduler(this.server.clock());
	}

	@AfterEach
	void stop() {
		if (this.queries != null) {
			this.queries.stop();
		}
		if (this.context != null) {
			this.context.close();
		}
		this.server.close();
		if (this.database != null) {
			this.database.close();
		}
	}

	private void configure(String name) {
		this.database = DatabaseEngineTargets.open(name);
		post("database/config/db", this.database.configJson());
	}

	private void post(String path, String json) {
		VaultClient client = DefaultVaultClient.builder(this.server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.server.getRootToken())))
			.build();
		client.execute(VaultRequest.post(path).body(JsonMapper.shared().readTree(json)).build());
	}

	private void startApplication(String... properties) {
		Clock clock = this.server.clock();
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.addBootstrapRegistryInitializer((registry) -> {
				registry.register(RenewalScheduler.class, BootstrapRegistry.InstanceSupplier.of(this.scheduler));
				registry.register(Clock.class, BootstrapRegistry.InstanceSupplier.of(clock));
			})
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "spring.datasource.url=" + this.database.jdbcUrl(),
					"spring.datasource.hikari.maximum-pool-size=4", "vault.database.revoke-delay=20s",
					"vault.rotation.retry-interval=200ms")
			.properties(properties)
			.run();
		this.queries = new Queries(this.context.getBean(DataSource.class), 4);
	}

	private DatabaseCredentialsManager manager() {
		return this.context.getBean(DatabaseCredentialsManagers.class).getManagers().get(0);
	}

	/**
	 * Wait until the pool took the current credentials and holds no session of other users.
	 */
	private void awaitPoolOn(DatabaseCredentials credentials, Set<String> previousUsers) {
		SecretPropagator propagator = this.context.getBean(SecretPropagator.class);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(propagator.getConsumers()).anySatisfy((status) -> {
				assertThat(status.name()).startsWith("HikariCP");
				assertThat(status.appliedVersions()).containsValue(credentials.generation());
			});
			HikariDataSource pool = this.context.getBean(HikariDataSource.class);
			assertThat(pool.getUsername()).isEqualTo(credentials.username());
			for (String user : previousUsers) {
				if (!user.equals(credentials.username())) {
					assertThat(this.database.sessions(user)).as("sessions of %s", user).isZero();
				}
			}
		});
	}

	@ParameterizedTest
	@FieldSource("databases")
	void dynamicCredentialsLiveThroughThreeMaxTtlCyclesWithoutAFailedQuery(String name, CapturedOutput output) {
		configure(name);
		post("database/roles/app", this.database.roleJson("2m", "6m"));
		startApplication("vault.database.role=app");
		DatabaseCredentialsManager manager = manager();
		Set<String> users = new LinkedHashSet<>();
		DatabaseCredentials current = manager.get();
		users.add(current.username());
		this.database.track(current.username());
		assertThat(this.database.userExists(current.username())).isTrue();
		this.queries.awaitSome();
		for (long step = 0; step < Duration.ofMinutes(18).dividedBy(STEP); step++) {
			this.scheduler.advance(STEP);
			DatabaseCredentials next = manager.get();
			if (!next.username().equals(current.username())) {
				this.database.track(next.username());
				assertThat(this.database.userExists(next.username())).isTrue();
				current = next;
				awaitPoolOn(current, users);
				users.add(current.username());
			}
			this.queries.awaitSome();
		}
		assertThat(users).hasSizeGreaterThanOrEqualTo(4);
		assertThat(this.queries.failures()).as("failed queries").isZero();
		assertThat(this.queries.successes()).isPositive();
		for (String user : users) {
			if (!user.equals(current.username())) {
				assertThat(this.database.userExists(user)).as("user %s dropped", user).isFalse();
			}
		}
		assertThat(manager.getStatus().renewals()).isPositive();
		assertThat(this.server.leases()).hasSize(1);
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(registry.get("vault.lease.rotations").tag("name", "default").tag("outcome", "success")
			.functionCounter()
			.count()).isEqualTo(users.size() - 1);
		assertThat(registry.get("vault.lease.ttl").tag("name", "default").gauge().value()).isPositive();
		Map<String, Object> health = this.context.getBean(VaultHealthIndicator.class).health(true).getDetails();
		assertThat(health).extractingByKey("databaseCredentials")
			.asString()
			.contains("role=app")
			.doesNotContain(current.password());
		assertThat(manager.getStatus().leaseId()).endsWith("****");
		this.queries.stop();
		this.context.close();
		this.context = null;
		assertThat(this.server.leases()).as("no lease left after shutdown").isEmpty();
		assertThat(this.database.userExists(current.username())).isFalse();
		assertThat(output).doesNotContain(current.password());
	}

	@ParameterizedTest
	@FieldSource("databases")
	void staticCredentialsFollowRotationsByVaultAndByRotateRole(String name) throws Exception {
		configure(name);
		String user = "static_" + Long.toHexString(System.nanoTime()).substring(6);
		this.database.createUser(user, "initial-Passw0rd");
		this.database.track(user);
		post("database/static-roles/owner", "{\"db_name\":\"db\",\"username\":\"" + user
				+ "\",\"rotation_period\":\"5m\"}");
		startApplication("vault.database.role=owner", "vault.database.kind=static");
		DatabaseCredentialsManager manager = manager();
		DatabaseCredentials current = manager.get();
		assertThat(current.username()).isEqualTo(user);
		this.queries.awaitSome();
		for (int rotation = 1; rotation <= 5; rotation++) {
			this.scheduler.advance(Duration.ofMinutes(5).plusSeconds(3));
			DatabaseCredentials next = manager.get();
			assertThat(next.password()).isNotEqualTo(current.password());
			assertThat(this.database.canLogIn(user, current.password())).isFalse();
			current = next;
			awaitPoolOn(current, Set.of());
			HikariDataSource pool = this.context.getBean(HikariDataSource.class);
			pool.getHikariPoolMXBean().softEvictConnections();
			this.queries.awaitSome();
		}
		post("database/rotate-role/owner", "{}");
		HikariDataSource pool = this.context.getBean(HikariDataSource.class);
		// a connection the pool was opening while the role rotated got in with the old password and stays
		// usable: evict until the pool opens one after the rotation, which is refused and re-reads Vault
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			pool.getHikariPoolMXBean().softEvictConnections();
			try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
				assertThat(statement.execute("SELECT 1")).isTrue();
			}
			assertThat(manager.get().generation()).isEqualTo(7);
		});
		this.queries.awaitSome();
		assertThat(this.queries.failures()).as("failed queries").isZero();
	}

	@Test
	void aRoleThatDoesNotExistFailsStartupNamingTheRole(CapturedOutput output) {
		configure("H2");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> startApplication("vault.database.role=nope"))
			.satisfies((ex) -> {
				DatabaseCredentialsException failure = findCause(ex, DatabaseCredentialsException.class);
				assertThat(failure.getMessage()).contains("database/creds/nope").contains("unknown role: nope");
				FailureAnalysis analysis = new VaultDatabaseCredentialsFailureAnalyzer().analyze(ex);
				assertThat(analysis.getAction()).contains("vault.database.role").contains("'nope'");
			});
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void aCreationStatementThatFailsInTheDatabaseFailsStartupWithoutAPassword(CapturedOutput output) {
		configure("H2");
		post("database/roles/broken", "{\"db_name\":\"db\",\"creation_statements\":[\"CREATE USER \\\"{{name}}\\\" "
				+ "PASSWORD '{{password}}'\",\"GRANT SELECT ON no_such_table TO \\\"{{name}}\\\"\"]}");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> startApplication("vault.database.role=broken"))
			.satisfies((ex) -> {
				DatabaseCredentialsException failure = findCause(ex, DatabaseCredentialsException.class);
				assertThat(failure.getMessage()).contains("database/creds/broken").contains("500");
				FailureAnalysis analysis = new VaultDatabaseCredentialsFailureAnalyzer().analyze(ex);
				assertThat(analysis.getAction()).contains("database/roles/broken");
			});
		assertThat(this.server.leases()).isEmpty();
		assertThat(output).doesNotContainPattern("PASSWORD '[^{*]");
	}

	@Test
	void vaultFailingDuringARotationKeepsTheOldCredentialsWhileTheyAreValid() {
		configure("H2");
		post("database/roles/app", this.database.roleJson("2m", "4m"));
		startApplication("vault.database.role=app");
		DatabaseCredentialsManager manager = manager();
		DatabaseCredentials first = manager.get();
		this.database.track(first.username());
		FaultRule outage = this.server.faults().failMatching("database/creds/.*", 500);
		this.scheduler.advance(Duration.ofSeconds(205));
		assertThat(outage.hits()).isPositive();
		assertThat(manager.get().username()).isEqualTo(first.username());
		assertThat(manager.getStatus().rotationFailures()).isPositive();
		assertThat(this.database.userExists(first.username())).isTrue();
		this.queries.awaitSome();
		outage.remove();
		this.scheduler.advance(Duration.ofSeconds(10));
		DatabaseCredentials second = manager.get();
		assertThat(second.generation()).isEqualTo(2);
		this.database.track(second.username());
		awaitPoolOn(second, Set.of(first.username()));
		this.queries.awaitSome();
		assertThat(this.queries.failures()).as("failed queries").isZero();
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		Throwable candidate = ex;
		while (candidate != null) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			candidate = candidate.getCause();
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + ex);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

	/**
	 * Threads running a query again and again through the pool, counting failures.
	 */
	static final class Queries {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong successes = new AtomicLong();

		private final AtomicLong failures = new AtomicLong();

		private final List<Thread> threads = new ArrayList<>();

		Queries(DataSource dataSource, int threads) {
			for (int i = 0; i < threads; i++) {
				Thread thread = new Thread(() -> {
					while (this.running.get()) {
						try (Connection connection = dataSource.getConnection();
								Statement statement = connection.createStatement();
								ResultSet result = statement.executeQuery("SELECT 1")) {
							result.next();
							this.successes.incrementAndGet();
						}
						catch (Exception ex) {
							if (this.running.get()) {
								this.failures.incrementAndGet();
							}
						}
					}
				}, "query-" + i);
				thread.setDaemon(true);
				thread.start();
				this.threads.add(thread);
			}
		}

		void awaitSome() {
			long target = this.successes.get() + 20;
			await().atMost(Duration.ofSeconds(20)).until(() -> this.successes.get() >= target);
		}

		long successes() {
			return this.successes.get();
		}

		long failures() {
			return this.failures.get();
		}

		void stop() {
			this.running.set(false);
			for (Thread thread : this.threads) {
				try {
					thread.join(5000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
