package dev.vaultkv.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link GcpGceAuthentication}: the role, the service account of the instance whose identity
 * token is used, the audience, the metadata server, the mount and the namespace to log in at. Immutable.
 *
 * @since 0.1.0
 */
public final class GcpGceAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "gcp";

	/**
	 * The address of the GCE metadata server.
	 */
	public static final URI DEFAULT_METADATA_URI = URI.create("http://metadata.google.internal");

	/**
	 * The service account alias the metadata server resolves to the instance's default service account.
	 */
	public static final String DEFAULT_SERVICE_ACCOUNT = "default";

	private final String role;

	private final String serviceAccount;

	private final String audience;

	private final URI metadataUri;

	private GcpGceAuthenticationOptions(Builder builder, String role) {
		super(builder.path, builder.namespace);
		this.role = role;
		this.serviceAccount = builder.serviceAccount;
		this.audience = (builder.audience != null) ? builder.audience : defaultAudience(role);
		this.metadataUri = builder.metadataUri;
	}

	/**
	 * Return the audience Vault's GCP auth method expects for a role: {@code http://vault/<role>}, as the
	 * Vault CLI sends it (Vault requires every {@code aud} to end in {@code vault/<role>}).
	 * @param role the role
	 * @return the audience
	 */
	public static String defaultAudience(String role) {
		return "http://vault/" + role;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the Vault role to log in as (a role of type {@code gce}, or {@code iam} allowing GCE inference).
	 * @return the role
	 */
	public String getRole() {
		return this.role;
	}

	/**
	 * Return the service account whose identity token is requested ({@code default} or an email).
	 * @return the service account
	 */
	public String getServiceAccount() {
		return this.serviceAccount;
	}

	/**
	 * Return the audience of the identity token.
	 * @return the audience
	 */
	public String getAudience() {
		return this.audience;
	}

	/**
	 * Return the base URI of the metadata server.
	 * @return the metadata server
	 */
	public URI getMetadataUri() {
		return this.metadataUri;
	}

	@Override
	public String toString() {
		return "GcpGceAuthenticationOptions[role=" + this.role + ", serviceAccount=" + this.serviceAccount
				+ ", audience=" + this.audience + ", metadataUri=" + this.metadataUri + ", path=" + getPath()
				+ ", namespace=" + getNamespace() + "]";
	}

	/**
	 * Builds {@link GcpGceAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable String role;

		private String serviceAccount = DEFAULT_SERVICE_ACCOUNT;

		private @Nullable String audience;

		private URI metadataUri = DEFAULT_METADATA_URI;

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
			this.role = role.strip();
			return this;
		}

		/**
		 * Set the service account whose identity token is requested.
		 * @param serviceAccount {@code default} or the email of a service account attached to the instance
		 * @return this builder
		 */
		public Builder serviceAccount(String serviceAccount) {
			Assert.hasText(serviceAccount, "'serviceAccount' must not be empty");
			this.serviceAccount = serviceAccount.strip();
			return this;
		}

		/**
		 * Set the audience of the identity token.
		 * @param audience the audience, ending in {@code vault/<role>}, or {@code null} for
		 * {@link #defaultAudience(String)}
		 * @return this builder
		 */
		public Builder audience(@Nullable String audience) {
			this.audience = (audience != null && !audience.isBlank()) ? audience.strip() : null;
			return this;
		}

		/**
		 * Set the base URI of the metadata server (tests point it at a stand-in).
		 * @param metadataUri the base URI
		 * @return this builder
		 */
		public Builder metadataUri(URI metadataUri) {
			Assert.notNull(metadataUri, "'metadataUri' must not be null");
			this.metadataUri = metadataUri;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public GcpGceAuthenticationOptions build() {
			Assert.state(this.role != null, "GCP GCE authentication needs the Vault role to log in as: set 'role'");
			String suffix = "vault/" + this.role;
			Assert.state(this.audience == null || this.audience.endsWith(suffix), () -> "The audience '"
					+ this.audience + "' does not end in '" + suffix + "', which Vault's GCP auth method requires");
			return new GcpGceAuthenticationOptions(this, this.role);
		}

	}

}
