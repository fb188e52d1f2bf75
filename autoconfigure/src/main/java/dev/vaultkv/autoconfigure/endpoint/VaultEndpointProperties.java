package dev.vaultkv.autoconfigure.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code vault} actuator endpoint.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("vault.endpoint")
public class VaultEndpointProperties {

	/**
	 * Whether the endpoint offers a write operation that reads cached secrets from Vault again.
	 */
	private boolean refreshEnabled;

	/**
	 * Return whether the refresh operation is offered.
	 * @return whether refresh is enabled
	 */
	public boolean isRefreshEnabled() {
		return this.refreshEnabled;
	}

	/**
	 * Set whether the refresh operation is offered.
	 * @param refreshEnabled whether refresh is enabled
	 */
	public void setRefreshEnabled(boolean refreshEnabled) {
		this.refreshEnabled = refreshEnabled;
	}

}
