package dev.vaultkv.auth;

import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link CertAuthentication}: the optional certificate role name, the mount and the
 * namespace to log in at. The client certificate itself is part of the TLS setup of the client.
 *
 * @since 0.1.0
 */
public final class CertAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "cert";

	private final @Nullable String name;

	private CertAuthenticationOptions(@Nullable String name, String path, @Nullable String namespace) {
		super(path, namespace);
		this.name = name;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the name of the certificate role to log in with, or {@code null} to let Vault pick the
	 * matching one.
	 * @return the name or {@code null}
	 */
	public @Nullable String getName() {
		return this.name;
	}

	@Override
	public String toString() {
		return "CertAuthenticationOptions[name=" + this.name + ", path=" + getPath() + ", namespace="
				+ getNamespace() + "]";
	}

	/**
	 * Builds {@link CertAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable String name;

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Set the name of the certificate role to log in with.
		 * @param name the name, or {@code null} to let Vault pick the matching one
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public CertAuthenticationOptions build() {
			return new CertAuthenticationOptions(this.name, this.path, this.namespace);
		}

	}

}
