package dev.vaultkv.auth;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the options of the login methods that send a JWT (JWT/OIDC, Kubernetes) have, beside the mount and
 * the namespace: where the JWT comes from.
 */
abstract class JwtLoginOptions extends LoginOptions {

	private final CredentialSource jwt;

	JwtLoginOptions(Builder<?> builder, CredentialSource jwt) {
		super(builder.path, builder.namespace);
		this.jwt = jwt;
	}

	/**
	 * Return the source of the JWT.
	 * @return the source
	 */
	public CredentialSource getJwt() {
		return this.jwt;
	}

	/**
	 * The JWT part of a login method's options builder.
	 *
	 * @param <B> the builder's own type
	 */
	abstract static class Builder<B extends Builder<B>> extends LoginOptions.Builder<B> {

		@Nullable CredentialSource jwt;

		Builder(String defaultPath) {
			super(defaultPath);
		}

		/**
		 * Read the JWT from this file on every login.
		 * @param file the file
		 * @return this builder
		 */
		public B jwtFile(Path file) {
			return jwt(CredentialSource.ofFile(file));
		}

		/**
		 * Ask this supplier for the JWT on every login.
		 * @param supplier the supplier
		 * @return this builder
		 */
		public B jwtSupplier(Supplier<String> supplier) {
			return jwt(CredentialSource.of(supplier));
		}

		/**
		 * Take the JWT from a source (value, file, environment variable, supplier).
		 * @param jwt the source
		 * @return this builder
		 */
		public B jwt(CredentialSource jwt) {
			Assert.notNull(jwt, "'jwt' must not be null");
			this.jwt = jwt;
			return self();
		}

	}

}
