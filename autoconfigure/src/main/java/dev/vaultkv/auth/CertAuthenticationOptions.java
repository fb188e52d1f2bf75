package dev.vaultkv.auth;

import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link CertAuthentication}: the optional certificate role name, the mount and the
 * namespace to log in at. The client certificate itself is part of the TLS setup of the client.
 *
 * @since 0.1.0
 */
public final class CertAuthenticationOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "cert";

	private final @Nullable String name;

	private final String path;

	private final @Nullable String namespace;

	private CertAuthenticationOptions(@Nullable String name, String path, @Nullable String namespace) {
		this.name = name;
		this.path = path;
		this.namespace = namespace;
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

	/**
	 * Return the mount path of the cert auth method.
	 * @return the mount path
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return the namespace to log in at, {@code ""} for the root namespace, or {@code null} for the client's.
	 * @return the namespace or {@code null}
	 */
	public @Nullable String getNamespace() {
		return this.namespace;
	}

	@Override
	public String toString() {
		return "CertAuthenticationOptions[name=" + this.name + ", path=" + this.path + ", namespace="
				+ this.namespace + "]";
	}

	/**
	 * Builds {@link CertAuthenticationOptions}.
	 */
	public static final class Builder {

		private @Nullable String name;

		private String path = DEFAULT_PATH;

		private @Nullable String namespace;

		private Builder() {
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
		 * Set the mount path of the cert auth method.
		 * @param path the mount path, such as {@code cert}
		 * @return this builder
		 */
		public Builder path(String path) {
			this.path = LoginRequests.mount(path, DEFAULT_PATH);
			return this;
		}

		/**
		 * Set the namespace to log in at.
		 * @param namespace the namespace, {@code ""} for the root namespace, or {@code null} for the client's
		 * @return this builder
		 */
		public Builder namespace(@Nullable String namespace) {
			this.namespace = namespace;
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
