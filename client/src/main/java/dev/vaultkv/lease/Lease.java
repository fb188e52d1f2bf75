package dev.vaultkv.lease;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * A lease Vault gave with a secret: its id, how long it lasts from when it was given or last renewed, and
 * whether it can be renewed. The id lets whoever holds it renew or revoke the lease, so {@link #toString()}
 * masks it.
 *
 * @param id the lease id, such as {@code database/creds/readonly/2f6a614c-...}
 * @param duration how long the lease lasts from now
 * @param renewable whether the lease can be renewed
 * @since 0.1.0
 */
public record Lease(String id, Duration duration, boolean renewable) {

	/**
	 * Create a new instance.
	 */
	public Lease {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notNull(duration, "'duration' must not be null");
	}

	/**
	 * Return the id with its random part masked, for logs and the actuator endpoint.
	 * @return the masked id, such as {@code database/creds/readonly/2f6a****}
	 */
	public String maskedId() {
		return mask(this.id);
	}

	/**
	 * Mask the random part of a lease id.
	 * @param id the lease id
	 * @return the masked id
	 */
	public static String mask(String id) {
		int slash = id.lastIndexOf('/');
		String last = id.substring(slash + 1);
		return id.substring(0, slash + 1) + last.substring(0, Math.min(4, last.length() / 4)) + "****";
	}

	@Override
	public String toString() {
		return "Lease[id=" + maskedId() + ", duration=" + this.duration + ", renewable=" + this.renewable + "]";
	}

}
