package dev.vaultkv.auth;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * AWS credentials to sign a request with: an access key ID, its secret access key and, for temporary
 * credentials, a session token. {@link #toString()} shows the access key ID only.
 *
 * @since 0.1.0
 */
public final class AwsCredentials {

	private final String accessKeyId;

	private final String secretAccessKey;

	private final @Nullable String sessionToken;

	private AwsCredentials(String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {
		this.accessKeyId = accessKeyId;
		this.secretAccessKey = secretAccessKey;
		this.sessionToken = sessionToken;
	}

	/**
	 * Return long-term credentials.
	 * @param accessKeyId the access key ID
	 * @param secretAccessKey the secret access key
	 * @return the credentials
	 */
	public static AwsCredentials of(String accessKeyId, String secretAccessKey) {
		return of(accessKeyId, secretAccessKey, null);
	}

	/**
	 * Return credentials, temporary ones when a session token is given.
	 * @param accessKeyId the access key ID
	 * @param secretAccessKey the secret access key
	 * @param sessionToken the session token, or {@code null} for long-term credentials
	 * @return the credentials
	 */
	public static AwsCredentials of(String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {
		Assert.hasText(accessKeyId, "'accessKeyId' must not be empty");
		Assert.hasText(secretAccessKey, "'secretAccessKey' must not be empty");
		return new AwsCredentials(accessKeyId.strip(), secretAccessKey.strip(),
				(sessionToken != null && !sessionToken.isBlank()) ? sessionToken.strip() : null);
	}

	/**
	 * Return the access key ID.
	 * @return the access key ID
	 */
	public String getAccessKeyId() {
		return this.accessKeyId;
	}

	/**
	 * Return the secret access key.
	 * @return the secret access key
	 */
	public String getSecretAccessKey() {
		return this.secretAccessKey;
	}

	/**
	 * Return the session token of temporary credentials.
	 * @return the session token or {@code null}
	 */
	public @Nullable String getSessionToken() {
		return this.sessionToken;
	}

	@Override
	public boolean equals(Object obj) {
		return (this == obj) || (obj instanceof AwsCredentials other && this.accessKeyId.equals(other.accessKeyId)
				&& this.secretAccessKey.equals(other.secretAccessKey)
				&& Objects.equals(this.sessionToken, other.sessionToken));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.accessKeyId, this.secretAccessKey, this.sessionToken);
	}

	@Override
	public String toString() {
		return "AwsCredentials[accessKeyId=" + this.accessKeyId + ", secretAccessKey=****"
				+ ((this.sessionToken != null) ? ", sessionToken=****" : "") + "]";
	}

}
