package dev.vaultkv.auth;

import dev.vaultkv.client.VaultPaths;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link UserpassAuthentication}: username, password, the mount and the namespace to log
 * in at. Immutable; {@link #toString()} never shows the password.
 *
 * @since 0.1.0
 */
public final class UserpassAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "userpass";

	private final String username;

	private final CredentialSource password;

	private UserpassAuthenticationOptions(String username, CredentialSource password, String path,
			@Nullable String namespace) {
		super(path, namespace);
		this.username = username;
		this.password = password;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the username.
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

	@Override
	public String toString() {
		return "UserpassAuthenticationOptions[username=" + this.username + ", password=****, path=" + getPath()
				+ ", namespace=" + getNamespace() + "]";
	}

	/**
	 * Builds {@link UserpassAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable String username;

		private @Nullable CredentialSource password;

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Set the username.
		 * @param username the username
		 * @return this builder
		 */
		public Builder username(String username) {
			Assert.hasText(username, "'username' must not be empty");
			Assert.isTrue(username.indexOf('/') < 0, "'username' must not contain '/'");
			VaultPaths.validate("auth/" + DEFAULT_PATH + "/login/" + username);
			this.username = username;
			return this;
		}

		/**
		 * Set the password.
		 * @param password the password
		 * @return this builder
		 */
		public Builder password(String password) {
			return password(CredentialSource.of(password));
		}

		/**
		 * Set the password; the array is copied.
		 * @param password the password
		 * @return this builder
		 */
		public Builder password(char[] password) {
			return password(CredentialSource.of(password));
		}

		/**
		 * Take the password from a source (value, file, supplier).
		 * @param password the source
		 * @return this builder
		 */
		public Builder password(CredentialSource password) {
			Assert.notNull(password, "'password' must not be null");
			this.password = password;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public UserpassAuthenticationOptions build() {
			Assert.state(this.username != null, "Userpass authentication needs a username: set 'username'");
			Assert.state(this.password != null, "Userpass authentication needs a password: set 'password'");
			return new UserpassAuthenticationOptions(this.username, this.password, this.path, this.namespace);
		}

	}

}
