package dev.vaultkv.auth;

import java.net.URI;

/**
 * Settings of {@link GcpGceAuthentication}: the role (of type {@code gce}, or {@code iam} allowing GCE
 * inference), the service account of the instance whose identity token is used, the audience, the metadata
 * server, the mount and the namespace to log in at. Immutable.
 *
 * @since 0.1.0
 */
public final class GcpGceAuthenticationOptions extends GcpLoginOptions {

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

	private GcpGceAuthenticationOptions(Builder builder, String role) {
		super(builder, role);
		this.serviceAccount = (builder.serviceAccount != null) ? builder.serviceAccount : DEFAULT_SERVICE_ACCOUNT;
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
	 * Return the service account whose identity token is requested ({@code default} or an email).
	 * @return the service account
	 */
	public String getServiceAccount() {
		return this.serviceAccount;
	}

	@Override
	public String toString() {
		return "GcpGceAuthenticationOptions[role=" + getRole() + ", serviceAccount=" + this.serviceAccount
				+ ", audience=" + getAudience() + ", metadataUri=" + getMetadataUri() + ", path=" + getPath()
				+ ", namespace=" + getNamespace() + "]";
	}

	/**
	 * Builds {@link GcpGceAuthenticationOptions}.
	 */
	public static final class Builder extends GcpLoginOptions.Builder<Builder> {

		private Builder() {
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public GcpGceAuthenticationOptions build() {
			String role = requireRole("GCP GCE");
			return new GcpGceAuthenticationOptions(this, role);
		}

	}

}
