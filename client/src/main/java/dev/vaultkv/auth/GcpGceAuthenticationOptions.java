package dev.vaultkv.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link GcpGceAuthentication}: the role (of type {@code gce}, or {@code iam} allowing GCE
 * inference), the service account of the instance whose identity
 * token is used, the audience, the metadata server, the mount and the namespace to log in at. Immutable.
 *
 * @since 0.1.0
 */
public final class GcpGceAuthenticationOptions extends CloudLoginOptions {

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

	private final String serviceAccount;

	private final String audience;

	private GcpGceAuthenticationOptions(Builder builder, String role, String audience) {
		super(builder, role);
		this.serviceAccount = builder.serviceAccount;
		this.audience = audience;
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
	 * Return the audience to use for a role: the configured one, which must end in {@code vault/<role>}, or
	 * the {@link #defaultAudience(String) default}.
	 * @param audience the configured audience or {@code null}
	 * @param role the role
	 * @return the audience
	 */
	static String checkedAudience(@Nullable String audience, String role) {
		if (audience == null) {
			return defaultAudience(role);
		}
		String suffix = "vault/" + role;
		Assert.state(audience.endsWith(suffix), () -> "The audience '" + audience + "' does not end in '" + suffix
				+ "', which Vault's GCP auth method requires");
		return audience;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
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
		return metadataService();
	}

	@Override
	public String toString() {
		return "GcpGceAuthenticationOptions[role=" + getRole() + ", serviceAccount=" + this.serviceAccount
				+ ", audience=" + this.audience + ", metadataUri=" + getMetadataUri() + ", path=" + getPath()
				+ ", namespace=" + getNamespace() + "]";
	}

	/**
	 * Builds {@link GcpGceAuthenticationOptions}.
	 */
	public static final class Builder extends CloudLoginOptions.Builder<Builder> {

		private String serviceAccount = DEFAULT_SERVICE_ACCOUNT;

		private @Nullable String audience;

		private Builder() {
			super(DEFAULT_PATH, DEFAULT_METADATA_URI);
		}

		/**
		 * Set the service account whose identity token is requested.
		 * @param serviceAccount {@code default} or the email of a service account attached to the instance
		 * @return this builder
		 */
		public Builder serviceAccount(String serviceAccount) {
			this.serviceAccount = text(serviceAccount, "serviceAccount");
			return this;
		}

		/**
		 * Set the audience of the identity token.
		 * @param audience the audience, ending in {@code vault/<role>}, or {@code null} for
		 * {@link #defaultAudience(String)}
		 * @return this builder
		 */
		public Builder audience(@Nullable String audience) {
			this.audience = optionalText(audience);
			return this;
		}

		/**
		 * Set the base URI of the metadata server (tests point it at a stand-in).
		 * @param metadataUri the base URI
		 * @return this builder
		 */
		public Builder metadataUri(URI metadataUri) {
			return metadataService(metadataUri, "metadataUri");
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public GcpGceAuthenticationOptions build() {
			String role = requireRole("GCP GCE");
			return new GcpGceAuthenticationOptions(this, role, checkedAudience(this.audience, role));
		}

	}

}
