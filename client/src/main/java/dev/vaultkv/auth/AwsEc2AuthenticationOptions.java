package dev.vaultkv.auth;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link AwsEc2Authentication}: the Vault role, the nonce, where the instance metadata service
 * answers, the mount and the namespace. Immutable; {@link #toString()} never shows the nonce.
 *
 * @since 0.1.0
 */
public final class AwsEc2AuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "aws";

	/**
	 * The address of the EC2 instance metadata service.
	 */
	public static final URI DEFAULT_METADATA_ENDPOINT = URI.create("http://169.254.169.254");

	private final @Nullable String role;

	private final @Nullable String nonce;

	private final URI metadataEndpoint;

	private final Duration timeout;

	private AwsEc2AuthenticationOptions(Builder builder) {
		super(builder.path, builder.namespace);
		this.role = builder.role;
		this.nonce = builder.nonce;
		this.metadataEndpoint = builder.metadataEndpoint;
		this.timeout = builder.timeout;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the Vault role to log in as, or {@code null} to let Vault use the instance's AMI ID.
	 * @return the role or {@code null}
	 */
	public @Nullable String getRole() {
		return this.role;
	}

	/**
	 * Return the configured nonce, or {@code null} to generate one per {@link AwsEc2Authentication}.
	 * @return the nonce or {@code null}
	 */
	public @Nullable String getNonce() {
		return this.nonce;
	}

	/**
	 * Return the base URL of the instance metadata service.
	 * @return the metadata endpoint
	 */
	public URI getMetadataEndpoint() {
		return this.metadataEndpoint;
	}

	/**
	 * Return the connect and read timeout of instance metadata requests.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	@Override
	public String toString() {
		return "AwsEc2AuthenticationOptions[role=" + this.role + ", metadataEndpoint=" + this.metadataEndpoint
				+ ", path=" + getPath() + ", namespace=" + getNamespace() + ", nonce="
				+ ((this.nonce != null) ? "****" : "(generated)") + "]";
	}

	/**
	 * Builds {@link AwsEc2AuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable String role;

		private @Nullable String nonce;

		private URI metadataEndpoint = DEFAULT_METADATA_ENDPOINT;

		private Duration timeout = Duration.ofSeconds(5);

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Set the Vault role to log in as; without one Vault uses the instance's AMI ID.
		 * @param role the role, or {@code null}
		 * @return this builder
		 */
		public Builder role(@Nullable String role) {
			this.role = (role != null && !role.isBlank()) ? role.strip() : null;
			return this;
		}

		/**
		 * Set the nonce Vault ties to the instance at its first login; later logins must send the same one.
		 * Without one, a random nonce is generated once and kept for the life of the
		 * {@link AwsEc2Authentication} (a restarted process then needs the instance's entry removed from
		 * Vault's identity access list, or a configured nonce).
		 * @param nonce the nonce, at most 128 characters, or {@code null}
		 * @return this builder
		 */
		public Builder nonce(@Nullable String nonce) {
			if (nonce != null && !nonce.isBlank()) {
				Assert.isTrue(nonce.strip().length() <= 128, "'nonce' must be at most 128 characters");
				this.nonce = nonce.strip();
			}
			else {
				this.nonce = null;
			}
			return this;
		}

		/**
		 * Set the base URL of the instance metadata service (for tests or a proxy).
		 * @param metadataEndpoint the base URL, such as {@code http://169.254.169.254}
		 * @return this builder
		 */
		public Builder metadataEndpoint(URI metadataEndpoint) {
			Assert.notNull(metadataEndpoint, "'metadataEndpoint' must not be null");
			Assert.isTrue(metadataEndpoint.isAbsolute() && metadataEndpoint.getHost() != null,
					"'metadataEndpoint' must be an absolute URL such as http://169.254.169.254");
			this.metadataEndpoint = metadataEndpoint;
			return this;
		}

		/**
		 * Set the connect and read timeout of instance metadata requests.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			Assert.notNull(timeout, "'timeout' must not be null");
			Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
			this.timeout = timeout;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public AwsEc2AuthenticationOptions build() {
			return new AwsEc2AuthenticationOptions(this);
		}

	}

}
