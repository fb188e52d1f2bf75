package dev.vaultkv.samples.rotating;

import java.sql.SQLException;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets up the {@link DemoDatabase} before the application context, so before the pool exists: the user
 * {@code spring.datasource.username} with the password {@code spring.datasource.password}, both read from
 * Vault through their {@code ${vault:...}} placeholders. For H2 ({@code sample.database=h2}) it starts the
 * TCP server and publishes its port as {@code sample.h2.port}; for {@code postgres} it connects to
 * {@code sample.postgres.admin-url}. The database is a bean, closed with the context.
 * <p>
 * Added to the application by {@link RotatingDatabaseApplication#application()}.
 */
public class DemoDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String username = environment.getRequiredProperty("spring.datasource.username");
		String password = environment.getRequiredProperty("spring.datasource.password");
		DemoDatabase database;
		try {
			database = switch (environment.getProperty("sample.database", "h2")) {
				case "h2" -> {
					H2DemoDatabase h2 = H2DemoDatabase.start(environment.getRequiredProperty("sample.h2.database"),
							username, password);
					environment.getPropertySources()
						.addFirst(new MapPropertySource("demoDatabase", Map.of("sample.h2.port", h2.getPort())));
					yield h2;
				}
				case "postgres" -> PostgresDemoDatabase.connect(
						environment.getRequiredProperty("sample.postgres.admin-url"),
						environment.getRequiredProperty("sample.postgres.admin-username"),
						environment.getProperty("sample.postgres.admin-password", ""), username, password);
				default -> throw new IllegalStateException(
						"sample.database must be h2 or postgres, not " + environment.getProperty("sample.database"));
			};
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The demo database cannot be set up: " + ex.getMessage(), ex);
		}
		((GenericApplicationContext) context).registerBean("demoDatabase", DemoDatabase.class, () -> database);
	}

}
