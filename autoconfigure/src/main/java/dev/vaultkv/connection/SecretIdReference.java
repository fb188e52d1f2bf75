package dev.vaultkv.connection;

import org.springframework.util.Assert;

/**
 * Where the application's AppRole secret ID comes from, by reference: a file another component may
 * read too, or the configuration property that holds it. Never the secret ID itself.
 *
 * @param kind the kind of reference
 * @param location the file's path or the property's name
 * @since 0.1.0
 */
public record SecretIdReference(Kind kind, String location) {

	/**
	 * Create a new instance.
	 * @param kind the kind of reference
	 * @param location the file's path or the property's name
	 */
	public SecretIdReference {
		Assert.notNull(kind, "'kind' must not be null");
		Assert.hasText(location, "'location' must not be empty");
	}

	/**
	 * Return a reference to a file.
	 * @param path the file's path
	 * @return the reference
	 */
	public static SecretIdReference file(String path) {
		return new SecretIdReference(Kind.FILE, path);
	}

	/**
	 * Return a reference to a configuration property.
	 * @param name the property's name
	 * @return the reference
	 */
	public static SecretIdReference property(String name) {
		return new SecretIdReference(Kind.PROPERTY, name);
	}

	@Override
	public String toString() {
		return this.kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + this.location;
	}

	/**
	 * The kinds of reference.
	 */
	public enum Kind {

		/**
		 * A file holding the secret ID, read at each login.
		 */
		FILE,

		/**
		 * A configuration property holding the secret ID.
		 */
		PROPERTY

	}

}
