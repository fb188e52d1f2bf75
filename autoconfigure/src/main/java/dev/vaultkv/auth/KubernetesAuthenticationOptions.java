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
public final class KubernetesAuthenticationOptions {

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

	private final String path;

	private final @Nullable String namespace;

	private KubernetesAuthenticationOptions(String role, CredentialSource jwt, String path,
			@Nullable String namespace) {
		this.role = role;
		this.jwt = jwt;
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

	/**
	 * Return the mount path of the Kubernetes auth method.
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
		return "KubernetesAuthenticationOptions[role=" + this.role + ", path=" + this.path + ", namespace="
				+ this.namespace + ", jwt=" + this.jwt + "]";
	}

	/**
	 * Builds {@link KubernetesAuthenticationOptions}.
	 */
	public static final class Builder {

		private @Nullable String role;

		private CredentialSource jwt = CredentialSource.ofFile(DEFAULT_TOKEN_FILE);

		private String path = DEFAULT_PATH;

		private @Nullable String namespace;

		private Builder() {
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
		 * Set the mount path of the Kubernetes auth method.
		 * @param path the mount path, such as {@code kubernetes}
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
		public KubernetesAuthenticationOptions build() {
			Assert.state(this.role != null, "Kubernetes authentication needs the Vault role to log in as: set 'role'");
			return new KubernetesAuthenticationOptions(this.role, this.jwt, this.path, this.namespace);
		}

	}

}
