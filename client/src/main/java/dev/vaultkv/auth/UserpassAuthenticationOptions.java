package dev.vaultkv.auth;

/**
 * Settings of {@link UserpassAuthentication}: username, password, the mount and the namespace to log
 * in at. Immutable; {@link #toString()} never shows the password.
 *
 * @since 0.1.0
 */
public final class UserpassAuthenticationOptions extends UsernamePasswordOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "userpass";

	private UserpassAuthenticationOptions(Builder builder) {
		super(builder, "Userpass");
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
		return "UserpassAuthenticationOptions[username=" + getUsername() + ", password=****, path=" + getPath()
				+ ", namespace=" + getNamespace() + "]";
	}

	/**
	 * Builds {@link UserpassAuthenticationOptions}.
	 */
	public static final class Builder extends UsernamePasswordOptions.Builder<Builder> {

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public UserpassAuthenticationOptions build() {
			return new UserpassAuthenticationOptions(this);
		}

	}

}
