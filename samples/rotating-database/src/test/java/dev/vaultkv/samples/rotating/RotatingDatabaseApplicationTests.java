package dev.vaultkv.samples.rotating;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.operations.VaultKvOperations;
import dev.vaultkv.samples.rotating.PasswordRotator.Order;
import dev.vaultkv.samples.rotating.PasswordRotator.Rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs a short version of the sample as {@code spring-boot:run} does (embedded Vault, H2 TCP server with
 * an enforced password) and checks that no query failed and that H2 took every new password and refuses
 * the old ones.
 */
class RotatingDatabaseApplicationTests {

	@Test
	void queriesKeepSucceedingWhileThePasswordRotates() throws SQLException {
		try (ConfigurableApplicationContext context = RotatingDatabaseApplication.application()
			.run("--sample.rotations=3", "--sample.workers=2", "--sample.warmup-queries=500",
					"--sample.steady-queries=2000", "--sample.settle-timeout=10s", "--spring.main.banner-mode=off")) {
			RotationDemo demo = context.getBean(RotationDemo.class);
			RotationReport report = demo.getReport();
			assertThat(report).isNotNull();
			assertThat(report.failure()).isNull();
			assertThat(report.passwordsEnforced()).isTrue();
			assertThat(report.rotations()).extracting(Rotation::order)
				.containsExactly(Order.DATABASE_FIRST, Order.VAULT_FIRST, Order.DATABASE_FIRST);
			assertThat(report.queries().queries()).isGreaterThan(2000);
			assertThat(report.queries().failures()).isZero();
			assertThat(demo.getExitCode()).isZero();

			VaultKvOperations vault = context.getBean(VaultKvOperations.class);
			VersionedSecret current = vault.read("myapp/db", 0);
			assertThat(current).isNotNull();
			assertThat(current.version()).isEqualTo(4);
			String url = context.getEnvironment().getRequiredProperty("spring.datasource.url");
			assertThat(url).startsWith("jdbc:h2:tcp://127.0.0.1:");
			for (long version = 1; version < current.version(); version++) {
				String old = password(vault.read("myapp/db", version));
				assertThat(old).isNotEqualTo(password(current));
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(url, old))
					.satisfies((ex) -> assertThat(ex.getSQLState()).startsWith("28"));
			}
			try (Connection connection = DriverManager.getConnection(url, "app", password(current))) {
				assertThat(connection.isValid(1)).isTrue();
			}
		}
	}

	private static void connect(String url, String password) throws SQLException {
		DriverManager.getConnection(url, "app", password).close();
	}

	private static String password(VersionedSecret secret) {
		assertThat(secret).isNotNull();
		String password = secret.data().getString("password");
		assertThat(password).isNotEmpty();
		return password;
	}

}
