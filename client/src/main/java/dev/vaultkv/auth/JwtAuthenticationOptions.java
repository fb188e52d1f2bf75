package dev.vaultkv.auth;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link JwtAuthentication}: the role (optional when the mount has a {@code default_role}),
 * where the JWT comes from, the mount and the namespace to log in at. Immutable; {@link #toString()}
 * never shows the JWT.
 *
 * @since 0.1.0
 */
public final class JwtAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "jwt";

	private final @Nullable String role;

	private final CredentialSource jwt;

	private JwtAuthenticationOptions(@Nullable String role, CredentialSource jwt, String path,
			@Nullable String namespace) {
		super(path, namespace);
		this.role = role;
		this.jwt = jwt;
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

	/**
	 * Return the source of the JWT.
	 * @return the source
	 */
	public CredentialSource getJwt() {
		return this.jwt;
	}

	@Override
	public String toString() {
		return "JwtAuthenticationOptions[role=" + this.role + ", path=" + getPath() + ", namespace="
				+ getNamespace() + ", jwt=" + this.jwt + "]";
	}

	/**
	 * Builds {@link JwtAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable String role;

		private @Nullable CredentialSource jwt;

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
		 * Read the JWT from this file on every login.
		 * @param file the file
		 * @return this builder
		 */
		public Builder jwtFile(Path file) {
			return jwt(CredentialSource.ofFile(file));
		}

		/**
		 * Ask this supplier for the JWT on every login.
		 * @param supplier the supplier
		 * @return this builder
		 */
		public Builder jwtSupplier(Supplier<String> supplier) {
			return jwt(CredentialSource.of(supplier));
		}

		/**
		 * Take the JWT from a source (value, file, supplier).
		 * @param jwt the source
		 * @return this builder
		 */
		public Builder jwt(CredentialSource jwt) {
			Assert.notNull(jwt, "'jwt' must not be null");
			this.jwt = jwt;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public JwtAuthenticationOptions build() {
			Assert.state(this.jwt != null, "JWT authentication needs a JWT: set 'jwt', 'jwtFile' or 'jwtSupplier'");
			return new JwtAuthenticationOptions(this.role, this.jwt, this.path, this.namespace);
		}

	}

}
