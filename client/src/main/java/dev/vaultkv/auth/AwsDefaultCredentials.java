package dev.vaultkv.auth;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.vaultkv.client.AuthenticationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The credentials AWS IAM login uses when none are configured: the {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} environment variables, else the AWS SDK v2
 * default provider chain (profiles, web identity, container and instance credentials) when the SDK is on the
 * class path. The SDK is called reflectively so that it stays an optional dependency.
 */
final class AwsDefaultCredentials implements Supplier<AwsCredentials> {

	static final String SDK_PROVIDER = "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider";

	private final Function<String, @Nullable String> environment;

	private final String providerClassName;

	private final @Nullable ClassLoader classLoader;

	private volatile @Nullable Object provider;

	AwsDefaultCredentials() {
		this(System::getenv, SDK_PROVIDER, AwsDefaultCredentials.class.getClassLoader());
	}

	AwsDefaultCredentials(Function<String, @Nullable String> environment, String providerClassName,
			@Nullable ClassLoader classLoader) {
		this.environment = environment;
		this.providerClassName = providerClassName;
		this.classLoader = classLoader;
	}

	@Override
	public AwsCredentials get() {
		String accessKeyId = this.environment.apply("AWS_ACCESS_KEY_ID");
		String secretAccessKey = this.environment.apply("AWS_SECRET_ACCESS_KEY");
		if (hasText(accessKeyId) && hasText(secretAccessKey)) {
			return AwsCredentials.of(accessKeyId, secretAccessKey, this.environment.apply("AWS_SESSION_TOKEN"));
		}
		if (!ClassUtils.isPresent(this.providerClassName, this.classLoader)) {
			throw failure("No AWS credentials found: configure them for the AWS IAM login, set the "
					+ "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables, or add the AWS SDK v2 "
					+ "(software.amazon.awssdk:auth) to use its default credentials provider chain", null);
		}
		return fromSdk();
	}

	private AwsCredentials fromSdk() {
		Object credentials;
		try {
			Object provider = provider();
			credentials = invoke(provider, provider.getClass().getMethod("resolveCredentials"));
			String accessKeyId = (String) invoke(credentials, credentials.getClass().getMethod("accessKeyId"));
			String secretAccessKey = (String) invoke(credentials,
					credentials.getClass().getMethod("secretAccessKey"));
			String sessionToken = null;
			Method token = sessionTokenMethod(credentials.getClass());
			if (token != null) {
				sessionToken = (String) invoke(credentials, token);
			}
			return AwsCredentials.of(accessKeyId, secretAccessKey, sessionToken);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			// The SDK's message names the providers it tried; it carries no credential.
			throw failure("The AWS SDK default credentials provider chain found no credentials: "
					+ cause.getMessage(), cause);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			throw failure("Could not use the AWS SDK default credentials provider chain ("
					+ ex.getClass().getSimpleName() + ")", ex);
		}
	}

	/**
	 * Invoke a public method, also when its class is not public (an SDK implementation class).
	 */
	private static Object invoke(Object target, Method method) throws ReflectiveOperationException {
		method.trySetAccessible();
		return method.invoke(target);
	}

	private Object provider() throws ReflectiveOperationException {
		Object provider = this.provider;
		if (provider == null) {
			Class<?> type = ClassUtils.forName(this.providerClassName, this.classLoader);
			Method create = type.getMethod("create");
			create.trySetAccessible();
			provider = create.invoke(null);
			this.provider = provider;
		}
		return provider;
	}

	private static @Nullable Method sessionTokenMethod(Class<?> type) {
		try {
			return type.getMethod("sessionToken");
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static AuthenticationException failure(String message, @Nullable Throwable cause) {
		return new AuthenticationException(message, null, null, 0, List.of(), cause);
	}

	@Override
	public String toString() {
		return "AwsDefaultCredentials[environment, then AWS SDK default chain]";
	}

}
