package dev.vaultkv.propagation;

import java.util.Set;

import dev.vaultkv.secret.SecretLocation;

/**
 * A component that follows secrets: once per change of a secret it follows, after the shared secret
 * cache holds the new value, the {@link SecretPropagator} calls {@link #apply(SecretChange)} on a thread
 * of its own (never the reader's). Declare one as a bean, or {@link SecretPropagator#register register} it.
 * <p>
 * An implementation reads the new value from the change (or through the cache, which costs no request)
 * and applies it to its component all at once or not at all: when {@code apply} throws, the component
 * must still be using its last good values. A failed application is logged, counted and retried on the
 * secret's next change or poll.
 *
 * @since 0.1.0
 */
public interface SecretConsumer {

	/**
	 * Return the name shown in logs, metrics ({@code consumer} tag) and the {@code vault} endpoint; a
	 * few words, stable across restarts, never a value.
	 * @return the name
	 */
	String getName();

	/**
	 * Return the secrets this consumer follows. Asked again after every application, so that it may
	 * change.
	 * @return the locations followed
	 */
	Set<SecretLocation> getFollowedSecrets();

	/**
	 * Apply a changed secret to the component.
	 * @param change the change, with the secret's current value
	 * @throws Exception if the component cannot take the new value; it keeps its last good one
	 */
	void apply(SecretChange change) throws Exception;

}
