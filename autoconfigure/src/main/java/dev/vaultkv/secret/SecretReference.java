package dev.vaultkv.secret;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.client.InvalidPathException;
import dev.vaultkv.client.VaultPaths;

/**
 * A reference to a secret, or one key of it, as written in {@code ${vault:...}} placeholders,
 * {@code @Secret} and {@code spring.config.import=vault:...}.
 * <p>
 * Syntax: {@code [mount//]path[#version][:key]}.
 * <ul>
 * <li>{@code myapp/db:password}: key {@code password} of {@code myapp/db} on the default mount
 * ({@code vault.kv.mount}).</li>
 * <li>{@code myapp/db}: no key; a single value reads {@code vault.kv.default-key}.</li>
 * <li>{@code team-kv//myapp/db:password}: another mount, everything before {@code //} (Vault paths
 * cannot contain an empty segment, so {@code //} is unambiguous; the mount may itself contain
 * {@code /}).</li>
 * <li>{@code myapp/db#3:password}: version 3 (KV v2).</li>
 * </ul>
 * The key is everything after the last {@code :}, so a path that contains {@code :} must name a key.
 *
 * @param mount the mount, or {@code null} for the default mount
 * @param path the path inside the mount
 * @param version the version, or 0 for the current version
 * @param key the key, or {@code null} when none is named
 * @since 0.1.0
 */
public record SecretReference(@Nullable String mount, String path, long version, @Nullable String key) {

	/**
	 * The syntax, for error messages.
	 */
	public static final String SYNTAX = "[mount//]path[#version][:key], for example myapp/db:password";

	/**
	 * Create a new instance.
	 */
	public SecretReference {
		Assert.hasText(path, "'path' must not be empty");
		Assert.isTrue(version >= 0, "'version' must not be negative");
	}

	/**
	 * Parse a reference.
	 * @param reference the reference
	 * @return the parsed reference
	 * @throws InvalidSecretReferenceException if the reference is malformed
	 */
	public static SecretReference parse(String reference) {
		Assert.notNull(reference, "'reference' must not be null");
		if (reference.isBlank()) {
			throw new InvalidSecretReferenceException(reference, "it is empty");
		}
		if (!reference.equals(reference.strip())) {
			throw new InvalidSecretReferenceException(reference, "it has leading or trailing whitespace");
		}
		String rest = reference;
		String key = null;
		int colon = rest.lastIndexOf(':');
		if (colon >= 0) {
			key = rest.substring(colon + 1);
			rest = rest.substring(0, colon);
			if (key.isEmpty()) {
				throw new InvalidSecretReferenceException(reference, "the key after ':' is empty");
			}
			if (key.contains("/") || key.contains("#")) {
				throw new InvalidSecretReferenceException(reference,
						"the key after the last ':' contains '/' or '#'; put the key last");
			}
		}
		String mount = null;
		int separator = rest.indexOf("//");
		if (separator >= 0) {
			mount = rest.substring(0, separator);
			rest = rest.substring(separator + 2);
			if (mount.isEmpty()) {
				throw new InvalidSecretReferenceException(reference, "the mount before '//' is empty");
			}
			validatePath(reference, mount, "mount");
		}
		long version = 0;
		int hash = rest.indexOf('#');
		if (hash >= 0) {
			version = parseVersion(reference, rest.substring(hash + 1));
			rest = rest.substring(0, hash);
		}
		if (rest.isEmpty()) {
			throw new InvalidSecretReferenceException(reference, "the path is empty");
		}
		if (rest.endsWith("/")) {
			throw new InvalidSecretReferenceException(reference, "the path ends with '/', which names a folder");
		}
		String path = validatePath(reference, rest, "path");
		return new SecretReference(mount, path, version, key);
	}

	private static long parseVersion(String reference, String version) {
		if (version.isEmpty() || version.length() > 18 || !version.chars().allMatch(Character::isDigit)) {
			throw new InvalidSecretReferenceException(reference, "the version after '#' must be a positive number");
		}
		long parsed = Long.parseLong(version);
		if (parsed < 1) {
			throw new InvalidSecretReferenceException(reference, "the version after '#' must be 1 or more");
		}
		return parsed;
	}

	private static String validatePath(String reference, String path, String what) {
		try {
			String validated = VaultPaths.validate(path);
			validated = (validated.endsWith("/")) ? validated.substring(0, validated.length() - 1) : validated;
			if (!validated.equals(validated.strip())) {
				throw new InvalidSecretReferenceException(reference,
						"the " + what + " has leading or trailing whitespace");
			}
			return validated;
		}
		catch (InvalidPathException ex) {
			throw new InvalidSecretReferenceException(reference, "the " + what + " is invalid ("
					+ ex.getMessage() + ")");
		}
	}

	/**
	 * Return where the secret lives.
	 * @param defaultMount the mount to use when the reference names none
	 * @return the location
	 */
	public SecretLocation location(String defaultMount) {
		return new SecretLocation((this.mount != null) ? this.mount : defaultMount, this.path, this.version);
	}

	/**
	 * Return the key, or the given default key when none is named.
	 * @param defaultKey the default key
	 * @return the key
	 */
	public String keyOrDefault(String defaultKey) {
		return (this.key != null) ? this.key : defaultKey;
	}

	@Override
	public String toString() {
		return ((this.mount != null) ? this.mount + "//" : "") + this.path
				+ ((this.version > 0) ? "#" + this.version : "") + ((this.key != null) ? ":" + this.key : "");
	}

}
