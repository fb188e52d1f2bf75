package dev.vaultkv.lease;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.kv.SecretData;

/**
 * A secret Vault gives under a lease (dynamic database credentials and the like), or without one (static
 * database credentials).
 *
 * @param data the secret's fields
 * @param lease the lease, or {@code null} when Vault gave none
 * @param warnings Vault's warnings
 * @since 0.1.0
 */
public record LeasedSecret(SecretData data, @Nullable Lease lease, List<String> warnings) {

	/**
	 * Create a new instance.
	 */
	public LeasedSecret {
		Assert.notNull(data, "'data' must not be null");
		warnings = List.copyOf(warnings);
	}

	@Override
	public String toString() {
		return "LeasedSecret[keys=" + this.data.keys() + ", lease=" + this.lease + "]";
	}

}
