package dev.vaultkv.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of vaultkv's metrics.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("vault.metrics")
public class VaultMetricsProperties {

	/**
	 * Whether to record vaultkv's metrics.
	 */
	private boolean enabled = true;

	/**
	 * Whether secret read meters are tagged with the secret path (within its mount); each tagged path is
	 * a time series of its own.
	 */
	private boolean pathTags;

	/**
	 * Maximum number of distinct secret paths tagged; further paths share the tag value "_other".
	 */
	private int maxPathTags = 100;

	/**
	 * Return whether to record metrics.
	 * @return whether enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set whether to record metrics.
	 * @param enabled whether enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return whether secret read meters are tagged with the path.
	 * @return whether paths are tags
	 */
	public boolean isPathTags() {
		return this.pathTags;
	}

	/**
	 * Set whether secret read meters are tagged with the path.
	 * @param pathTags whether paths are tags
	 */
	public void setPathTags(boolean pathTags) {
		this.pathTags = pathTags;
	}

	/**
	 * Return the maximum number of distinct tagged paths.
	 * @return the maximum
	 */
	public int getMaxPathTags() {
		return this.maxPathTags;
	}

	/**
	 * Set the maximum number of distinct tagged paths.
	 * @param maxPathTags the maximum
	 */
	public void setMaxPathTags(int maxPathTags) {
		this.maxPathTags = maxPathTags;
	}

}
