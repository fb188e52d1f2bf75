package dev.vaultkv.autoconfigure.connection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the watch on the AppRole secret ID file
 * ({@code vault.app-role.secret-id-file}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("vault.credentials-watch")
public class VaultCredentialsWatchProperties {

	/**
	 * Whether a replaced AppRole secret ID file leads to a new login and a VaultCredentialsChangedEvent.
	 */
	private boolean enabled = true;

	/**
	 * How often the AppRole secret ID file is checked for a change.
	 */
	private Duration interval = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

}
