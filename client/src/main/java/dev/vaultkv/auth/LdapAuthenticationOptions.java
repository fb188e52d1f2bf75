package dev.vaultkv.auth;

import java.nio.file.Path;

import dev.vaultkv.client.VaultPaths;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link LdapAuthentication}: the directory username, where the password comes from (a value,
 * a file or an environment variable, read on every login), the mount and the namespace to log in at.
 * Immutable; {@link #toString()} never shows the password.
 *
 * @since 0.1.0
 */
public final class LdapAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "ldap";

	private final String username;

	private final CredentialSource password;

	private LdapAuthenticationOptions(String username, CredentialSource password, String path,
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
	 * Return the directory username (sent in the login path, percent-encoded).
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
		return "LdapAuthenticationOptions[username=" + this.username + ", password=" + describe(this.password)
				+ ", path=" + getPath() + ", namespace=" + getNamespace() + "]";
	}

	private static String describe(CredentialSource source) {
		return (source instanceof CredentialSource.ValueSource) ? "****" : source.toString();
	}

	/**
	 * Builds {@link LdapAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable String username;

		private @Nullable CredentialSource password;

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Set the directory username, as the user types it at Vault's {@code vault login -method=ldap}.
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
		 * Read the password from this file on every login.
		 * @param file the file holding the password
		 * @return this builder
		 */
		public Builder passwordFile(Path file) {
			return password(CredentialSource.ofFile(file));
		}

		/**
		 * Read the password from this environment variable on every login.
		 * @param name the name of the variable
		 * @return this builder
		 */
		public Builder passwordEnvironmentVariable(String name) {
			return password(CredentialSource.ofEnvironmentVariable(name));
		}

		/**
		 * Take the password from a source (value, file, environment variable, supplier).
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
		public LdapAuthenticationOptions build() {
			Assert.state(this.username != null, "LDAP authentication needs a username: set 'username'");
			Assert.state(this.password != null, "LDAP authentication needs a password: set 'password'");
			return new LdapAuthenticationOptions(this.username, this.password, this.path, this.namespace);
		}

	}

}
