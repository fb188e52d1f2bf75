package dev.vaultkv.sys;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tunable settings of a mount ({@code sys/mounts/<path>/tune}). Read back, every field is set; to
 * write, only the fields that are not {@code null} are sent, so Vault leaves the others as they are.
 *
 * @param defaultLeaseTtl the default lease TTL, or {@code null} to leave it
 * @param maxLeaseTtl the maximum lease TTL, or {@code null} to leave it
 * @param description the description, or {@code null} to leave it
 * @param options the mount options (for KV {@code version} {@code "2"} upgrades a version 1 mount), or
 * {@code null} to leave them
 * @since 0.1.0
 */
public record MountTune(@Nullable Duration defaultLeaseTtl, @Nullable Duration maxLeaseTtl,
		@Nullable String description, @Nullable Map<String, String> options) {

	/**
	 * Create a new instance.
	 */
	public MountTune {
		options = (options != null) ? Map.copyOf(options) : null;
	}

	/**
	 * Return a tune that changes nothing, to build on with the {@code with...} methods.
	 * @return an empty tune
	 */
	public static MountTune empty() {
		return new MountTune(null, null, null, null);
	}

	/**
	 * Return a copy with lease TTLs.
	 * @param defaultLeaseTtl the default lease TTL, or {@code null} to leave it
	 * @param maxLeaseTtl the maximum lease TTL, or {@code null} to leave it
	 * @return the new tune
	 */
	public MountTune withLeaseTtls(@Nullable Duration defaultLeaseTtl, @Nullable Duration maxLeaseTtl) {
		return new MountTune(defaultLeaseTtl, maxLeaseTtl, this.description, this.options);
	}

	/**
	 * Return a copy with a description.
	 * @param description the description
	 * @return the new tune
	 */
	public MountTune withDescription(String description) {
		return new MountTune(this.defaultLeaseTtl, this.maxLeaseTtl, description, this.options);
	}

	/**
	 * Return a copy with options.
	 * @param options the options
	 * @return the new tune
	 */
	public MountTune withOptions(Map<String, String> options) {
		return new MountTune(this.defaultLeaseTtl, this.maxLeaseTtl, this.description, options);
	}

}
