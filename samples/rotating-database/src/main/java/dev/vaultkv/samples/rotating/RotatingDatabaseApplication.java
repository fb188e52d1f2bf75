package dev.vaultkv.samples.rotating;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Serves queries through a HikariCP pool whose user name and password come from Vault
 * ({@code ${vault:myapp/db:...}} placeholders) while {@link RotationDemo} rotates the password, then
 * prints a summary and exits, with exit code 1 if a query failed.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class RotatingDatabaseApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(application().run(args)));
	}

	/**
	 * Return the application, with the {@link DemoDatabaseInitializer} that sets up the database before the
	 * pool exists.
	 * @return the application
	 */
	static SpringApplication application() {
		SpringApplication application = new SpringApplication(RotatingDatabaseApplication.class);
		application.addInitializers(new DemoDatabaseInitializer());
		return application;
	}

}
