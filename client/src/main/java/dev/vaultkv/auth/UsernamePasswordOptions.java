package dev.vaultkv.auth;

import dev.vaultkv.client.VaultPaths;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the options of the login methods that take a username and a password (userpass, LDAP) have, beside
 * the mount and the namespace: the username and where the password comes from.
 */
abstract class UsernamePasswordOptions extends LoginOptions {

	private final String username;

	private final CredentialSource password;

	UsernamePasswordOptions(Builder<?> builder, String method) {
		super(builder.path, builder.namespace);
		String username = builder.username;
		CredentialSource password = builder.password;
		Assert.state(username != null, () -> method + " authentication needs a username: set 'username'");
		Assert.state(password != null, () -> method + " authentication needs a password: set 'password'");
		this.username = username;
		this.password = password;
	}

	/**
	 * Return the username (sent in the login path, percent-encoded).
	 * @return the username
	 */
	public String getUsername() {
		return this.username;
	}

	/**
	 * Return the source of the password.
	 * @return the source
	 */
	public CredentialSource getPassword() {
		return this.password;
	}

	/**
	 * The username and password part of a login method's options builder.
	 *
	 * @param <B> the builder's own type
	 */
	abstract static class Builder<B extends Builder<B>> extends LoginOptions.Builder<B> {

		@Nullable String username;

		@Nullable CredentialSource password;

		Builder(String defaultPath) {
			super(defaultPath);
		}

		/**
		 * Set the username, as the user types it at {@code vault login}.
		 * @param username the username
		 * @return this builder
		 */
		public B username(String username) {
			Assert.hasText(username, "'username' must not be empty");
			Assert.isTrue(username.indexOf('/') < 0, "'username' must not contain '/'");
			VaultPaths.validate("auth/" + this.defaultPath + "/login/" + username);
			this.username = username;
			return self();
		}

		/**
		 * Set the password.
		 * @param password the password
		 * @return this builder
		 */
		public B password(String password) {
			return password(CredentialSource.of(password));
		}

		/**
		 * Set the password; the array is copied.
		 * @param password the password
		 * @return this builder
		 */
		public B password(char[] password) {
			return password(CredentialSource.of(password));
		}

		/**
		 * Take the password from a source (value, file, environment variable, supplier).
		 * @param password the source
		 * @return this builder
		 */
		public B password(CredentialSource password) {
			Assert.notNull(password, "'password' must not be null");
			this.password = password;
			return self();
		}

	}

}
