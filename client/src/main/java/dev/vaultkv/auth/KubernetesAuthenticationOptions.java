package dev.vaultkv.auth;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link KubernetesAuthentication}: the role, where the service account token comes from,
 * the mount and the namespace to log in at. Immutable; {@link #toString()} never shows the token.
 *
 * @since 0.1.0
 */
public final class KubernetesAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "kubernetes";

	/**
	 * Where Kubernetes mounts the pod's service account token.
	 */
	public static final Path DEFAULT_TOKEN_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

	private final String role;

	private final CredentialSource jwt;

	private KubernetesAuthenticationOptions(String role, CredentialSource jwt, String path,
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
	 * Return the Vault role to log in as.
	 * @return the role
	 */
	public String getRole() {
		return this.role;
	}

	/**
	 * Return the source of the service account token.
	 * @return the source
	 */
	public CredentialSource getJwt() {
		return this.jwt;
	}

	@Override
	public String toString() {
		return "KubernetesAuthenticationOptions[role=" + this.role + ", path=" + getPath() + ", namespace="
				+ getNamespace() + ", jwt=" + this.jwt + "]";
	}

	/**
	 * Builds {@link KubernetesAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable String role;

		private CredentialSource jwt = CredentialSource.ofFile(DEFAULT_TOKEN_FILE);

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Set the Vault role to log in as.
		 * @param role the role
		 * @return this builder
		 */
		public Builder role(String role) {
			Assert.hasText(role, "'role' must not be empty");
			this.role = role;
			return this;
		}

		/**
		 * Read the service account token from this file on every login.
		 * @param file the token file
		 * @return this builder
		 */
		public Builder jwtFile(Path file) {
			this.jwt = CredentialSource.ofFile(file);
			return this;
		}

		/**
		 * Ask this supplier for the service account token on every login.
		 * @param supplier the supplier
		 * @return this builder
		 */
		public Builder jwtSupplier(Supplier<String> supplier) {
			return jwt(CredentialSource.of(supplier));
		}

		/**
		 * Take the service account token from a source (value, file, supplier).
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
		public KubernetesAuthenticationOptions build() {
			Assert.state(this.role != null, "Kubernetes authentication needs the Vault role to log in as: set 'role'");
			return new KubernetesAuthenticationOptions(this.role, this.jwt, this.path, this.namespace);
		}

	}

}
