package dev.vaultkv.auth;

import java.net.URI;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link AwsIamAuthentication}: the Vault role, where the AWS credentials come from, the STS
 * endpoint and region the {@code sts:GetCallerIdentity} request is signed for, the optional
 * {@code X-Vault-AWS-IAM-Server-ID} header value, the mount and the namespace. Immutable;
 * {@link #toString()} never shows a secret access key or session token.
 *
 * @since 0.1.0
 */
public final class AwsIamAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "aws";

	/**
	 * The global STS endpoint, signed for {@code us-east-1}.
	 */
	public static final URI GLOBAL_STS_ENDPOINT = URI.create("https://sts.amazonaws.com/");

	private static final String DEFAULT_REGION = "us-east-1";

	private final @Nullable String role;

	private final Supplier<AwsCredentials> credentials;

	private final String region;

	private final URI stsEndpoint;

	private final @Nullable String serverId;

	private AwsIamAuthenticationOptions(Builder builder) {
		super(builder.path, builder.namespace);
		this.role = builder.role;
		this.credentials = builder.credentials;
		this.region = (builder.region != null) ? builder.region : DEFAULT_REGION;
		this.stsEndpoint = (builder.stsEndpoint != null) ? builder.stsEndpoint
				: (builder.region != null) ? regionalEndpoint(builder.region) : GLOBAL_STS_ENDPOINT;
		this.serverId = builder.serverId;
	}

	private static URI regionalEndpoint(String region) {
		// the China regions are served from their own domain
		String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
		return URI.create("https://sts." + region + "." + domain + "/");
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the Vault role to log in as, or {@code null} to let Vault use the IAM principal's friendly
	 * name.
	 * @return the role or {@code null}
	 */
	public @Nullable String getRole() {
		return this.role;
	}

	/**
	 * Return the source of the AWS credentials, asked on every login.
	 * @return the credentials source
	 */
	public Supplier<AwsCredentials> getCredentials() {
		return this.credentials;
	}

	/**
	 * Return the region the request is signed for.
	 * @return the region
	 */
	public String getRegion() {
		return this.region;
	}

	/**
	 * Return the STS endpoint the request is addressed to.
	 * @return the endpoint
	 */
	public URI getStsEndpoint() {
		return this.stsEndpoint;
	}

	/**
	 * Return the value of the signed {@code X-Vault-AWS-IAM-Server-ID} header, or {@code null} to send none.
	 * @return the server ID or {@code null}
	 */
	public @Nullable String getServerId() {
		return this.serverId;
	}

	@Override
	public String toString() {
		return "AwsIamAuthenticationOptions[role=" + this.role + ", region=" + this.region + ", stsEndpoint="
				+ this.stsEndpoint + ", serverId=" + this.serverId + ", path=" + getPath() + ", namespace="
				+ getNamespace() + ", credentials=" + this.credentials + "]";
	}

	/**
	 * Builds {@link AwsIamAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable String role;

		private Supplier<AwsCredentials> credentials = new AwsDefaultCredentials();

		private @Nullable String region;

		private @Nullable URI stsEndpoint;

		private @Nullable String serverId;

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Set the Vault role to log in as; without one Vault uses the IAM principal's friendly name.
		 * @param role the role, or {@code null}
		 * @return this builder
		 */
		public Builder role(@Nullable String role) {
			this.role = (role != null && !role.isBlank()) ? role.strip() : null;
			return this;
		}

		/**
		 * Sign with these fixed credentials.
		 * @param credentials the credentials
		 * @return this builder
		 */
		public Builder credentials(AwsCredentials credentials) {
			Assert.notNull(credentials, "'credentials' must not be null");
			this.credentials = new FixedCredentials(credentials);
			return this;
		}

		/**
		 * Ask this supplier for credentials on every login (temporary credentials rotate). Without one,
		 * the {@code AWS_*} environment variables are used, else the AWS SDK v2 default chain when on the
		 * class path.
		 * @param credentials the supplier
		 * @return this builder
		 */
		public Builder credentialsSupplier(Supplier<AwsCredentials> credentials) {
			Assert.notNull(credentials, "'credentials' must not be null");
			this.credentials = credentials;
			return this;
		}

		/**
		 * Set the AWS region to sign for; the STS endpoint becomes that region's unless set explicitly.
		 * Without one the request goes to the global endpoint, signed for {@code us-east-1}.
		 * @param region the region, such as {@code eu-west-1}, or {@code null}
		 * @return this builder
		 */
		public Builder region(@Nullable String region) {
			this.region = (region != null && !region.isBlank()) ? region.strip() : null;
			return this;
		}

		/**
		 * Set the STS endpoint the signed request names (Vault must be configured with a matching
		 * {@code sts_endpoint}).
		 * @param stsEndpoint the endpoint, or {@code null} for the one derived from the region
		 * @return this builder
		 */
		public Builder stsEndpoint(@Nullable URI stsEndpoint) {
			if (stsEndpoint != null) {
				Assert.isTrue(stsEndpoint.isAbsolute() && stsEndpoint.getHost() != null,
						"'stsEndpoint' must be an absolute URL such as https://sts.eu-west-1.amazonaws.com");
			}
			this.stsEndpoint = stsEndpoint;
			return this;
		}

		/**
		 * Set the {@code X-Vault-AWS-IAM-Server-ID} header value to sign, matching the auth method's
		 * {@code iam_server_id_header_value}.
		 * @param serverId the value, or {@code null} to send none
		 * @return this builder
		 */
		public Builder serverId(@Nullable String serverId) {
			this.serverId = (serverId != null && !serverId.isBlank()) ? serverId.strip() : null;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public AwsIamAuthenticationOptions build() {
			return new AwsIamAuthenticationOptions(this);
		}

	}

	private record FixedCredentials(AwsCredentials credentials) implements Supplier<AwsCredentials> {

		@Override
		public AwsCredentials get() {
			return this.credentials;
		}

		@Override
		public String toString() {
			return this.credentials.toString();
		}

	}

}
