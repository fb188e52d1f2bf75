package dev.vaultkv.samples.quickstart;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Database credentials, bound from {@code app.database.*}, whose values application.yml takes from Vault
 * with {@code ${vault:quickstart/db:...}} placeholders.
 *
 * @param url the JDBC URL (not a secret)
 * @param username the user name
 * @param password the password
 */
@ConfigurationProperties("app.database")
public record DatabaseSettings(String url, String username, String password) {

	@Override
	public String toString() {
		return "DatabaseSettings[url=" + this.url + ", username=" + this.username + ", password=****]";
	}

}
