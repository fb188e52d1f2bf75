package dev.vaultkv.auth;

import java.nio.file.Path;

/**
 * Settings of {@link LdapAuthentication}: the directory username, where the password comes from (a value,
 * a file or an environment variable, read on every login), the mount and the namespace to log in at.
 * Immutable; {@link #toString()} never shows the password.
 *
 * @since 0.1.0
 */
public final class LdapAuthenticationOptions extends UsernamePasswordOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "ldap";

	private LdapAuthenticationOptions(Builder builder) {
		super(builder, "LDAP");
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String toString() {
		// a value source shows as ****, a file or a variable by its path or name
		return "LdapAuthenticationOptions[username=" + getUsername() + ", password=" + getPassword() + ", path="
				+ getPath() + ", namespace=" + getNamespace() + "]";
	}

	/**
	 * Builds {@link LdapAuthenticationOptions}.
	 */
	public static final class Builder extends UsernamePasswordOptions.Builder<Builder> {

		private Builder() {
			super(DEFAULT_PATH);
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
		 * Build the options.
		 * @return the options
		 */
		public LdapAuthenticationOptions build() {
			return new LdapAuthenticationOptions(this);
		}

	}

}
