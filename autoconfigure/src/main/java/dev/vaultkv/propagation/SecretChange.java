package dev.vaultkv.propagation;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;

/**
 * A change of a followed secret, handed to {@link SecretConsumer#apply(SecretChange)}.
 *
 * @param location where the secret lives
 * @param secret the current secret, or {@code null} when it is absent now (deleted)
 * @param previousVersion the version last applied to the consumer, {@code 0} if unknown or KV version 1
 * @since 0.1.0
 */
public record SecretChange(SecretLocation location, @Nullable VersionedSecret secret, long previousVersion) {

	/**
	 * Create a new instance.
	 */
	public SecretChange {
		Assert.notNull(location, "'location' must not be null");
	}

	/**
	 * Return the current version.
	 * @return the version, {@code 0} when the secret is absent or on KV version 1
	 */
	public long version() {
		return (this.secret != null) ? this.secret.version() : 0;
	}

	@Override
	public String toString() {
		return "SecretChange[" + this.location + " " + this.previousVersion + "->" + version()
				+ ((this.secret != null) ? "" : " (absent)") + "]";
	}

}
