package dev.vaultkv.secret;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.SecretNotFoundException;

/**
 * A referenced secret, or a key of it, does not exist. The message names the mount, path, version and
 * key.
 *
 * @since 0.1.0
 */
public class MissingSecretException extends SecretNotFoundException {

	private static final long serialVersionUID = 1L;

	private final SecretLocation location;

	private final @Nullable String key;

	/**
	 * Create a new instance.
	 * @param location where the secret should be
	 * @param key the missing key, or {@code null} when the whole secret is absent
	 */
	public MissingSecretException(SecretLocation location, @Nullable String key) {
		super(summary(location, key), null, location.mount() + "/" + location.path(), 404, List.of(), null);
		this.location = location;
		this.key = key;
	}

	private static String summary(SecretLocation location, @Nullable String key) {
		String where = "'" + location.path() + "'" + (location.isPinned() ? " version " + location.version() : "")
				+ " on mount '" + location.mount() + "'";
		return (key != null) ? "Secret " + where + " has no key '" + key + "'"
				: "No secret at " + where + (location.isPinned() ? " (absent, deleted or destroyed)" : "");
	}

	/**
	 * Return where the secret should be.
	 * @return the location
	 */
	public SecretLocation getLocation() {
		return this.location;
	}

	/**
	 * Return the missing key.
	 * @return the key, or {@code null} when the whole secret is absent
	 */
	public @Nullable String getKey() {
		return this.key;
	}

}
