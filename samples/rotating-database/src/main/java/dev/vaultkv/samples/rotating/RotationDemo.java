package dev.vaultkv.samples.rotating;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import dev.vaultkv.operations.VaultKvOperations;
import dev.vaultkv.samples.rotating.PasswordRotator.Order;
import dev.vaultkv.samples.rotating.PasswordRotator.Rotation;

/**
 * The run: workers query through the pool, first to warm it up and to measure the steady state, then while
 * the password is rotated {@code sample.rotations} times, alternately database first and Vault first;
 * then the summary. The exit code is 1 if a query or a rotation failed.
 */
@Component
class RotationDemo implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(RotationDemo.class);

	private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(2);

	private final DataSource dataSource;

	private final PasswordRotator rotator;

	private final DemoDatabase database;

	private final SampleProperties properties;

	private volatile @Nullable RotationReport report;

	RotationDemo(HikariDataSource dataSource, VaultKvOperations vault, DemoDatabase database,
			SampleProperties properties) {
		this.dataSource = dataSource;
		this.rotator = new PasswordRotator(vault, properties.secretPath(), database, dataSource);
		this.database = database;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		QueryLoad load = new QueryLoad(this.dataSource, this.properties.workers());
		List<Rotation> rotations = new ArrayList<>();
		String failure = null;
		load.start();
		try {
			load.awaitQueries(this.properties.warmupQueries(), PHASE_TIMEOUT);
			load.startRecording();
			load.awaitQueries(this.properties.warmupQueries() + this.properties.steadyQueries(), PHASE_TIMEOUT);
			for (int i = 0; i < this.properties.rotations(); i++) {
				Order order = (i % 2 == 0) ? Order.DATABASE_FIRST : Order.VAULT_FIRST;
				load.rotationStarted();
				try {
					Rotation rotation = this.rotator.rotate(order, this.properties.settleTimeout());
					rotations.add(rotation);
					logger.info("Rotation {}/{} ({}): the pool connected with the new password after {} ms", i + 1,
							this.properties.rotations(), order, String.format(Locale.ROOT, "%.1f", rotation.millis()));
				}
				finally {
					load.rotationEnded();
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			failure = ex.getMessage();
			logger.error("The run stopped: {}", failure);
		}
		QueryLoad.Result result = load.stop(PHASE_TIMEOUT);
		RotationReport report = new RotationReport(this.properties.rotations(), rotations, result, failure,
				this.database.enforcesPasswords());
		this.report = report;
		System.out.println();
		System.out.println(report.summary());
		System.out.println();
	}

	/**
	 * Return the report of the run.
	 * @return the report, {@code null} before the run ended
	 */
	@Nullable RotationReport getReport() {
		return this.report;
	}

	@Override
	public int getExitCode() {
		RotationReport report = this.report;
		return (report != null && report.succeeded()) ? 0 : 1;
	}

}
