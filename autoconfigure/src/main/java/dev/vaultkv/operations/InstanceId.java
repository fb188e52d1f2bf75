package dev.vaultkv.operations;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.Assert;

/**
 * The id of a running instance of an application, naming its instance store.
 *
 * @param value the id, used as a Vault path segment
 * @param random whether the id was generated at random because nothing stable identifies the instance; such
 * an instance's secrets are deleted when it stops
 * @since 0.1.0
 * @see InstanceIdResolver
 */
public record InstanceId(String value, boolean random) {

	/**
	 * Create a new instance.
	 * @param value the id
	 * @param random whether it was generated at random
	 */
	public InstanceId {
		Assert.hasText(value, "'value' must not be empty");
	}

	/**
	 * Return a stable id, such as one set with {@code vault.scopes.instance-id}.
	 * @param value the id
	 * @return the instance id
	 */
	public static InstanceId of(String value) {
		return new InstanceId(value, false);
	}

	/**
	 * Return a new random id, {@code instance-} and 16 hexadecimal digits.
	 * @return the instance id
	 */
	public static InstanceId generate() {
		byte[] suffix = new byte[8];
		ThreadLocalRandom.current().nextBytes(suffix);
		return new InstanceId("instance-" + HexFormat.of().formatHex(suffix), true);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
