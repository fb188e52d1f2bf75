package dev.vaultkv.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link JwtAuthentication}: the role (optional when the mount has a {@code default_role}),
 * where the JWT comes from, the mount and the namespace to log in at. Immutable; {@link #toString()}
 * never shows the JWT.
 *
 * @since 0.1.0
 */
public final class JwtAuthenticationOptions extends JwtLoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "jwt";

	private final @Nullable String role;

	private JwtAuthenticationOptions(Builder builder, CredentialSource jwt) {
		super(builder, jwt);
		this.role = builder.role;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the Vault role to log in as, or {@code null} to use the mount's {@code default_role}.
	 * @return the role or {@code null}
	 */
	public @Nullable String getRole() {
		return this.role;
	}

	@Override
	public String toString() {
		return "JwtAuthenticationOptions[role=" + this.role + ", path=" + getPath() + ", namespace="
				+ getNamespace() + ", jwt=" + getJwt() + "]";
	}

	/**
	 * Builds {@link JwtAuthenticationOptions}.
	 */
	public static final class Builder extends JwtLoginOptions.Builder<Builder> {

		private @Nullable String role;

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Set the Vault role to log in as.
		 * @param role the role, or {@code null} to use the mount's {@code default_role}
		 * @return this builder
		 */
		public Builder role(@Nullable String role) {
			this.role = role;
			return this;
		}

		/**
		 * Use this JWT.
		 * @param jwt the JWT
		 * @return this builder
		 */
		public Builder jwt(String jwt) {
			return jwt(CredentialSource.of(jwt));
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public JwtAuthenticationOptions build() {
			CredentialSource jwt = this.jwt;
			Assert.state(jwt != null, "JWT authentication needs a JWT: set 'jwt', 'jwtFile' or 'jwtSupplier'");
			return new JwtAuthenticationOptions(this, jwt);
		}

	}

}
