package dev.vaultkv.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the options of the two ways to log in with the GCP auth method (GCE instance identity, IAM service
 * account) have, beside the role and the mount: the audience of the JWT, which Vault requires to end in
 * {@code vault/<role>}, and the GCE metadata server.
 */
abstract class GcpLoginOptions extends CloudLoginOptions {

	private final String audience;

	GcpLoginOptions(Builder<?> builder, String role) {
		super(builder, role);
		this.audience = builder.resolveAudience(role);
	}

	/**
	 * Return the audience ({@code aud}) of the JWT.
	 * @return the audience
	 */
	public String getAudience() {
		return this.audience;
	}

	/**
	 * Return the base URI of the GCE metadata server.
	 * @return the metadata server
	 */
	public URI getMetadataUri() {
		return metadataService();
	}

	/**
	 * The service account, audience and metadata server part of a GCP login method's options builder.
	 *
	 * @param <B> the builder's own type
	 */
	abstract static class Builder<B extends Builder<B>> extends CloudLoginOptions.Builder<B> {

		@Nullable String serviceAccount;

		@Nullable String audience;

		Builder() {
			super(GcpGceAuthenticationOptions.DEFAULT_PATH, GcpGceAuthenticationOptions.DEFAULT_METADATA_URI);
		}

		/**
		 * Set the service account: for GCE login, the one whose identity token is requested ({@code default}
		 * or the email of a service account attached to the instance); for IAM login, the email of the one
		 * the JWT is signed for (the JWT's {@code sub}).
		 * @param serviceAccount the service account
		 * @return this builder
		 */
		public B serviceAccount(String serviceAccount) {
			this.serviceAccount = text(serviceAccount, "serviceAccount");
			return self();
		}

		/**
		 * Set the audience of the JWT.
		 * @param audience the audience, ending in {@code vault/<role>}, or {@code null} for
		 * {@link GcpGceAuthenticationOptions#defaultAudience(String) http://vault/&lt;role&gt;}
		 * @return this builder
		 */
		public B audience(@Nullable String audience) {
			this.audience = optionalText(audience);
			return self();
		}

		/**
		 * Set the base URI of the GCE metadata server (tests point it at a stand-in).
		 * @param metadataUri the base URI
		 * @return this builder
		 */
		public B metadataUri(URI metadataUri) {
			return metadataService(metadataUri, "metadataUri");
		}

		String resolveAudience(String role) {
			String audience = this.audience;
			if (audience == null) {
				return GcpGceAuthenticationOptions.defaultAudience(role);
			}
			String suffix = "vault/" + role;
			Assert.state(audience.endsWith(suffix), () -> "The audience '" + audience + "' does not end in '"
					+ suffix + "', which Vault's GCP auth method requires");
			return audience;
		}

	}

}
