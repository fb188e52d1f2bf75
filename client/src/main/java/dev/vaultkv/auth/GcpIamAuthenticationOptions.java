package dev.vaultkv.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link GcpIamAuthentication}: the role (of type {@code iam}), the service account, how the
 * JWT is signed, the mount and the namespace to log in at. Immutable; {@link #toString()} never shows a credential.
 * <p>
 * The JWT is signed by Google's IAM Credentials API ({@code signJwt}), called with an OAuth 2.0 access
 * token of a principal that holds {@code iam.serviceAccounts.signJwt} on the service account
 * ({@code roles/iam.serviceAccountTokenCreator}). The access token comes from
 * {@link Builder#accessToken(CredentialSource) a source you give} or, by default, from Google's Application
 * Default Credentials when Google's auth library is on the class path, else from the GCE metadata server.
 * Instead, {@link Builder#signedJwt(CredentialSource)} takes JWTs you sign yourself.
 *
 * @since 0.1.0
 */
public final class GcpIamAuthenticationOptions extends GcpLoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "gcp";

	/**
	 * The address of Google's IAM Service Account Credentials API.
	 */
	public static final URI DEFAULT_IAM_CREDENTIALS_URI = URI.create("https://iamcredentials.googleapis.com");

	/**
	 * The default validity of the signed JWT; Vault refuses one valid for longer than the role's
	 * {@code max_jwt_exp} (15 minutes unless raised on the role, never more than 60).
	 */
	public static final Duration DEFAULT_JWT_VALIDITY = Duration.ofMinutes(10);

	private static final Duration MAX_JWT_VALIDITY = Duration.ofMinutes(60);

	private final @Nullable String serviceAccount;

	private final Duration jwtValidity;

	private final URI iamCredentialsUri;

	private final @Nullable CredentialSource accessToken;

	private final @Nullable CredentialSource signedJwt;

	private final Clock clock;

	private GcpIamAuthenticationOptions(Builder builder, String role) {
		super(builder, role);
		this.serviceAccount = builder.serviceAccount;
		this.jwtValidity = builder.jwtValidity;
		this.iamCredentialsUri = builder.iamCredentialsUri;
		this.accessToken = builder.accessToken;
		this.signedJwt = builder.signedJwt;
		this.clock = builder.clock;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the email of the service account the JWT is signed for, or {@code null} when JWTs are
	 * supplied already signed.
	 * @return the service account or {@code null}
	 */
	public @Nullable String getServiceAccount() {
		return this.serviceAccount;
	}

	/**
	 * Return how long the signed JWT is valid.
	 * @return the validity
	 */
	public Duration getJwtValidity() {
		return this.jwtValidity;
	}

	/**
	 * Return the base URI of the IAM Service Account Credentials API.
	 * @return the API base URI
	 */
	public URI getIamCredentialsUri() {
		return this.iamCredentialsUri;
	}

	/**
	 * Return the source of the OAuth 2.0 access token for the IAM Credentials API, or {@code null} for
	 * Google's Application Default Credentials when Google's auth library is present, else the metadata
	 * server.
	 * @return the source or {@code null}
	 */
	public @Nullable CredentialSource getAccessToken() {
		return this.accessToken;
	}

	/**
	 * Return the source of JWTs signed by the application itself, or {@code null} to have the IAM
	 * Credentials API sign them.
	 * @return the source or {@code null}
	 */
	public @Nullable CredentialSource getSignedJwt() {
		return this.signedJwt;
	}

	/**
	 * Return the clock that sets the JWT's expiry.
	 * @return the clock
	 */
	public Clock getClock() {
		return this.clock;
	}

	@Override
	public String toString() {
		return "GcpIamAuthenticationOptions[role=" + getRole() + ", serviceAccount=" + this.serviceAccount
				+ ", audience=" + getAudience() + ", jwtValidity=" + this.jwtValidity + ", signer="
				+ ((this.signedJwt != null) ? "application (" + this.signedJwt + ")"
						: "IAM Credentials API at " + this.iamCredentialsUri + " with access token from "
								+ ((this.accessToken != null) ? this.accessToken
										: "Google's auth library if present, else metadata server " + getMetadataUri()))
				+ ", path=" + getPath() + ", namespace=" + getNamespace() + "]";
	}

	/**
	 * Builds {@link GcpIamAuthenticationOptions}.
	 */
	public static final class Builder extends GcpLoginOptions.Builder<Builder> {

		private Duration jwtValidity = DEFAULT_JWT_VALIDITY;

		private URI iamCredentialsUri = DEFAULT_IAM_CREDENTIALS_URI;

		private @Nullable CredentialSource accessToken;

		private @Nullable CredentialSource signedJwt;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Set how long the signed JWT is valid.
		 * @param jwtValidity the validity, positive and at most the role's {@code max_jwt_exp} (60 minutes at
		 * most)
		 * @return this builder
		 */
		public Builder jwtValidity(Duration jwtValidity) {
			Assert.notNull(jwtValidity, "'jwtValidity' must not be null");
			Assert.isTrue(!jwtValidity.isNegative() && !jwtValidity.isZero()
					&& jwtValidity.compareTo(MAX_JWT_VALIDITY) <= 0,
					"'jwtValidity' must be positive and at most 60 minutes (Vault's limit; the role's max_jwt_exp, "
							+ "15 minutes unless raised, may be lower)");
			this.jwtValidity = jwtValidity;
			return this;
		}

		/**
		 * Set the base URI of the IAM Service Account Credentials API (tests point it at a stand-in).
		 * @param iamCredentialsUri the base URI
		 * @return this builder
		 */
		public Builder iamCredentialsUri(URI iamCredentialsUri) {
			Assert.notNull(iamCredentialsUri, "'iamCredentialsUri' must not be null");
			this.iamCredentialsUri = iamCredentialsUri;
			return this;
		}

		/**
		 * Call the IAM Credentials API with access tokens from this supplier.
		 * @param supplier the supplier of OAuth 2.0 access tokens
		 * @return this builder
		 */
		public Builder accessTokenSupplier(Supplier<String> supplier) {
			return accessToken(CredentialSource.of(supplier));
		}

		/**
		 * Call the IAM Credentials API with access tokens from this source.
		 * @param accessToken the source of OAuth 2.0 access tokens
		 * @return this builder
		 */
		public Builder accessToken(CredentialSource accessToken) {
			Assert.notNull(accessToken, "'accessToken' must not be null");
			this.accessToken = accessToken;
			return this;
		}

		/**
		 * Log in with JWTs the application signs itself ({@code sub} the service account, {@code aud}
		 * ending in {@code vault/<role>}, {@code exp} within the role's {@code max_jwt_exp}) instead of asking the IAM
		 * Credentials API.
		 * @param supplier the supplier of signed JWTs, asked on every login
		 * @return this builder
		 */
		public Builder signedJwtSupplier(Supplier<String> supplier) {
			return signedJwt(CredentialSource.of(supplier));
		}

		/**
		 * Log in with JWTs the application signs itself.
		 * @param signedJwt the source of signed JWTs
		 * @return this builder
		 */
		public Builder signedJwt(CredentialSource signedJwt) {
			Assert.notNull(signedJwt, "'signedJwt' must not be null");
			this.signedJwt = signedJwt;
			return this;
		}

		/**
		 * Set the clock that sets the JWT's expiry.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public GcpIamAuthenticationOptions build() {
			String role = requireRole("GCP IAM");
			Assert.state(this.serviceAccount != null || this.signedJwt != null,
					"GCP IAM authentication needs the email of the service account to sign the JWT for: set "
							+ "'serviceAccount' (or supply signed JWTs with 'signedJwtSupplier')");
			return new GcpIamAuthenticationOptions(this, role);
		}

	}

}
