package dev.vaultkv.secret;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;

/**
 * Resolves {@link SecretReference references} against the {@link SecretStore}, applying the default
 * mount and default key.
 *
 * @since 0.1.0
 */
public class SecretResolver {

	private final SecretStore store;

	private final String defaultMount;

	private final String defaultKey;

	/**
	 * Create a new instance.
	 * @param store the secret store
	 * @param defaultMount the mount of references that name none ({@code vault.kv.mount})
	 * @param defaultKey the key of references that name none ({@code vault.kv.default-key})
	 */
	public SecretResolver(SecretStore store, String defaultMount, String defaultKey) {
		Assert.notNull(store, "'store' must not be null");
		Assert.hasText(defaultMount, "'defaultMount' must not be empty");
		Assert.hasText(defaultKey, "'defaultKey' must not be empty");
		this.store = store;
		this.defaultMount = trimSlashes(defaultMount);
		this.defaultKey = defaultKey;
	}

	/**
	 * Return the store.
	 * @return the store
	 */
	public SecretStore getStore() {
		return this.store;
	}

	/**
	 * Return the mount of references that name none.
	 * @return the default mount
	 */
	public String getDefaultMount() {
		return this.defaultMount;
	}

	/**
	 * Return the key of references that name none.
	 * @return the default key
	 */
	public String getDefaultKey() {
		return this.defaultKey;
	}

	/**
	 * Return where a reference's secret lives.
	 * @param reference the reference
	 * @return the location
	 */
	public SecretLocation locate(SecretReference reference) {
		return reference.location(this.defaultMount);
	}

	/**
	 * Read the secret a reference points to.
	 * @param reference the reference
	 * @return the secret's data, or {@code null} when absent
	 */
	public @Nullable SecretData findData(SecretReference reference) {
		VersionedSecret secret = this.store.read(locate(reference));
		return (secret != null) ? secret.data() : null;
	}

	/**
	 * Read the secret a reference points to, failing when it is absent.
	 * @param reference the reference
	 * @return the secret's data
	 * @throws MissingSecretException if the secret is absent
	 */
	public SecretData getData(SecretReference reference) {
		SecretData data = findData(reference);
		if (data == null) {
			throw notFound(reference, null);
		}
		return data;
	}

	/**
	 * Return the string projection of the key a reference points to (the default key when it names
	 * none), failing when the secret or key is absent.
	 * @param reference the reference
	 * @return the value
	 * @throws MissingSecretException if the secret or the key is absent
	 */
	public String getString(SecretReference reference) {
		String key = reference.keyOrDefault(this.defaultKey);
		String value = getData(reference).getString(key);
		if (value == null) {
			throw notFound(reference, key);
		}
		return value;
	}

	/**
	 * Create the exception for an absent secret or key; the message names the mount, path and key.
	 * @param reference the reference
	 * @param key the missing key, or {@code null} when the whole secret is absent
	 * @return the exception
	 */
	public MissingSecretException notFound(SecretReference reference, @Nullable String key) {
		return new MissingSecretException(locate(reference), key);
	}

	private static String trimSlashes(String mount) {
		String trimmed = mount.trim();
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		Assert.hasText(trimmed, "'defaultMount' must not be empty");
		return trimmed;
	}

}
