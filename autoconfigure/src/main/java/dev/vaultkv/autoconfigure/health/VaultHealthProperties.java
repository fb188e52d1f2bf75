package dev.vaultkv.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Vault health indicator.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("vault.health")
public class VaultHealthProperties {

	/**
	 * How long an answer of sys/health is reused by later health probes.
	 */
	private Duration cacheTtl = Duration.ofSeconds(10);

	/**
	 * How long a health probe waits for sys/health before reporting Vault down.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * How close to its expiry a token that can be neither renewed nor replaced by a login makes Vault
	 * down.
	 */
	private Duration tokenExpiryThreshold = Duration.ofMinutes(1);

	/**
	 * Return how long an answer of sys/health is reused.
	 * @return the time to live
	 */
	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	/**
	 * Set how long an answer of sys/health is reused.
	 * @param cacheTtl the time to live
	 */
	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	/**
	 * Return how long a health probe waits for sys/health.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Set how long a health probe waits for sys/health.
	 * @param timeout the timeout
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Return the token expiry threshold.
	 * @return the threshold
	 */
	public Duration getTokenExpiryThreshold() {
		return this.tokenExpiryThreshold;
	}

	/**
	 * Set the token expiry threshold.
	 * @param tokenExpiryThreshold the threshold
	 */
	public void setTokenExpiryThreshold(Duration tokenExpiryThreshold) {
		this.tokenExpiryThreshold = tokenExpiryThreshold;
	}

}
