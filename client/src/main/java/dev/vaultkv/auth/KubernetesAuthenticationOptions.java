package dev.vaultkv.auth;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link KubernetesAuthentication}: the role, where the service account token comes from,
 * the mount and the namespace to log in at. Immutable; {@link #toString()} never shows the token.
 *
 * @since 0.1.0
 */
public final class KubernetesAuthenticationOptions extends JwtLoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "kubernetes";

	/**
	 * Where Kubernetes mounts the pod's service account token.
	 */
	public static final Path DEFAULT_TOKEN_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

	private final String role;

	private KubernetesAuthenticationOptions(Builder builder, String role, CredentialSource jwt) {
		super(builder, jwt);
		this.role = role;
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

	@Override
	public String toString() {
		return "KubernetesAuthenticationOptions[role=" + this.role + ", path=" + getPath() + ", namespace="
				+ getNamespace() + ", jwt=" + getJwt() + "]";
	}

	/**
	 * Builds {@link KubernetesAuthenticationOptions}.
	 */
	public static final class Builder extends JwtLoginOptions.Builder<Builder> {

		private @Nullable String role;

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
		 * Build the options.
		 * @return the options
		 */
		public KubernetesAuthenticationOptions build() {
			Assert.state(this.role != null, "Kubernetes authentication needs the Vault role to log in as: set 'role'");
			CredentialSource jwt = (this.jwt != null) ? this.jwt : CredentialSource.ofFile(DEFAULT_TOKEN_FILE);
			return new KubernetesAuthenticationOptions(this, this.role, jwt);
		}

	}

}
