package dev.vaultkv.samples.approle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC application that logs in to Vault with AppRole and gets a token that lives 20 seconds (60 at
 * most), so that vaultkv's session manager renews it, and logs in again, while you watch. Without a Vault
 * of your own, {@link DemoVaultEnvironmentPostProcessor} starts the embedded dev server and sets it up.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class ApproleRenewalApplication {

	/**
	 * Run the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(ApproleRenewalApplication.class, args);
	}

}
