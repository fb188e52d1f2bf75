package dev.vaultkv.embedded.standin;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The AWS access keys the embedded server's {@code aws} auth method accepts, standing in for AWS STS: an
 * {@code sts:GetCallerIdentity} request signed with a registered key is answered with the key's IAM
 * principal ARN, as STS would answer it. Thread-safe.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class AwsAccessKeys {

	private final Map<String, AccessKey> keys = new ConcurrentHashMap<>();

	/**
	 * Register long-term credentials of an IAM principal.
	 * @param accessKeyId the access key ID
	 * @param secretAccessKey the secret access key
	 * @param arn the principal's ARN, such as {@code arn:aws:iam::123456789012:user/app} or
	 * {@code arn:aws:sts::123456789012:assumed-role/app-role/session}
	 * @return this registry
	 * @since 0.1.0
	 */
	public AwsAccessKeys register(String accessKeyId, String secretAccessKey, String arn) {
		return register(accessKeyId, secretAccessKey, null, arn);
	}

	/**
	 * Register credentials of an IAM principal; temporary ones when a session token is given, which a
	 * signed request must then carry in {@code X-Amz-Security-Token}.
	 * @param accessKeyId the access key ID
	 * @param secretAccessKey the secret access key
	 * @param sessionToken the session token, or {@code null}
	 * @param arn the principal's ARN
	 * @return this registry
	 * @since 0.1.0
	 */
	public AwsAccessKeys register(String accessKeyId, String secretAccessKey, @Nullable String sessionToken,
			String arn) {
		Objects.requireNonNull(accessKeyId, "'accessKeyId' must not be null");
		Objects.requireNonNull(secretAccessKey, "'secretAccessKey' must not be null");
		Objects.requireNonNull(arn, "'arn' must not be null");
		if (!arn.startsWith("arn:") || arn.split(":", -1).length != 6) {
			throw new IllegalArgumentException("'arn' must be an IAM principal ARN such as "
					+ "arn:aws:iam::123456789012:user/app, not '" + arn + "'");
		}
		this.keys.put(accessKeyId, new AccessKey(accessKeyId, secretAccessKey, sessionToken, arn));
		return this;
	}

	/**
	 * Remove an access key.
	 * @param accessKeyId the access key ID
	 * @since 0.1.0
	 */
	public void remove(String accessKeyId) {
		this.keys.remove(accessKeyId);
	}

	/**
	 * Return a registered access key.
	 * @param accessKeyId the access key ID
	 * @return the key or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable AccessKey find(String accessKeyId) {
		return this.keys.get(accessKeyId);
	}

	@Override
	public String toString() {
		return "AwsAccessKeys" + this.keys.keySet();
	}

	/**
	 * A registered access key. {@link #toString()} shows neither the secret access key nor the session
	 * token.
	 *
	 * @param accessKeyId the access key ID
	 * @param secretAccessKey the secret access key
	 * @param sessionToken the session token of temporary credentials, or {@code null}
	 * @param arn the IAM principal's ARN
	 * @since 0.1.0
	 */
	public record AccessKey(String accessKeyId, String secretAccessKey, @Nullable String sessionToken, String arn) {

		@Override
		public String toString() {
			return "AccessKey[accessKeyId=" + this.accessKeyId + ", arn=" + this.arn + "]";
		}

	}

}
