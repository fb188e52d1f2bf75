package dev.vaultkv.secret;

import java.util.function.Supplier;

/**
 * A live handle on a secret: every {@link #get()} returns the current cached value, so that a rotated
 * secret is picked up once the cache has refreshed it. Cheap to call: a cache hit and, when the secret
 * has not changed, no conversion.
 *
 * @param <T> the value type
 * @since 0.1.0
 */
@FunctionalInterface
public interface SecretValue<T> extends Supplier<T> {

	/**
	 * Return the current value.
	 * @return the value
	 * @throws dev.vaultkv.client.VaultException if the secret cannot be read or converted
	 */
	@Override
	T get();

}
