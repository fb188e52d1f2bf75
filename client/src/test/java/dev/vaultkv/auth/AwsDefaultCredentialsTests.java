package dev.vaultkv.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vaultkv.client.AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AwsDefaultCredentials}: environment variables first, then the AWS SDK's default chain,
 * reached reflectively (here through a stand-in class shaped like the SDK's provider).
 */
class AwsDefaultCredentialsTests {

	private static final String NO_SDK = "software.amazon.awssdk.auth.credentials.NotOnTheClassPath";

	@Test
	void environmentVariablesComeFirst() {
		Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret",
				"AWS_SESSION_TOKEN", "env-token");
		AwsCredentials credentials = new AwsDefaultCredentials(env::get, FakeSdkProvider.class.getName(),
				getClass().getClassLoader())
			.get();
		assertThat(credentials).isEqualTo(AwsCredentials.of("AKIAENV", "env-secret", "env-token"));
	}

	@Test
	void withoutEnvironmentTheSdkDefaultChainIsAsked() {
		FakeSdkProvider.next = new FakeSdkSessionCredentials("ASIASDK", "sdk-secret", "sdk-token");
		AwsCredentials credentials = new AwsDefaultCredentials((name) -> null, FakeSdkProvider.class.getName(),
				getClass().getClassLoader())
			.get();
		assertThat(credentials).isEqualTo(AwsCredentials.of("ASIASDK", "sdk-secret", "sdk-token"));
	}

	@Test
	void aFailingSdkChainIsReportedWithItsReason() {
		FakeSdkProvider.next = null;
		AwsDefaultCredentials credentials = new AwsDefaultCredentials((name) -> null, FakeSdkProvider.class.getName(),
				getClass().getClassLoader());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(credentials::get)
			.withMessageContaining("default credentials provider chain found no credentials")
			.withMessageContaining("Unable to load credentials from any of the providers in the chain");
	}

	@Test
	void withNeitherEnvironmentNorSdkTheMessageSaysHowToProvideCredentials() {
		AwsDefaultCredentials credentials = new AwsDefaultCredentials((name) -> null, NO_SDK,
				getClass().getClassLoader());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(credentials::get)
			.withMessageContaining("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
			.withMessageContaining("software.amazon.awssdk:auth");
	}

	@Test
	void theSdkIsLookedUpByItsRealClassNameByDefault() {
		assertThat(AwsDefaultCredentials.SDK_PROVIDER)
			.isEqualTo("software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
	}

	/**
	 * Shaped like the SDK's {@code DefaultCredentialsProvider}: {@code create()} and
	 * {@code resolveCredentials()}.
	 */
	public static final class FakeSdkProvider {

		static volatile FakeSdkSessionCredentials next;

		public static FakeSdkProvider create() {
			return new FakeSdkProvider();
		}

		public FakeSdkSessionCredentials resolveCredentials() {
			if (next == null) {
				throw new IllegalStateException("Unable to load credentials from any of the providers in the chain");
			}
			return next;
		}

	}

	/**
	 * Shaped like the SDK's {@code AwsSessionCredentials}.
	 */
	public record FakeSdkSessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
	}

}
