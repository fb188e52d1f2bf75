package dev.vaultkv.auth;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * OAuth 2.0 access tokens from Google's Application Default Credentials, through Google's auth library
 * ({@code com.google.auth:google-auth-library-oauth2-http}) when the application has it: a service account
 * key in {@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud credentials, workload identity federation, or the
 * metadata server. vaultkv does not depend on the library, so it is reached reflectively; the credentials
 * refresh their token when it expires.
 */
final class GoogleCredentialsAccessToken implements Supplier<String> {

	static final String CREDENTIALS_CLASS = "com.google.auth.oauth2.GoogleCredentials";

	private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

	private final String className;

	private final @Nullable ClassLoader classLoader;

	private @Nullable Object credentials;

	GoogleCredentialsAccessToken(String className, @Nullable ClassLoader classLoader) {
		this.className = className;
		this.classLoader = classLoader;
	}

	/**
	 * Return a supplier backed by Google's auth library, or {@code null} when the library is absent.
	 * @param classLoader the class loader to look for it with
	 * @return the supplier or {@code null}
	 */
	static @Nullable GoogleCredentialsAccessToken ifPresent(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(CREDENTIALS_CLASS, classLoader)
				? new GoogleCredentialsAccessToken(CREDENTIALS_CLASS, classLoader) : null;
	}

	@Override
	public synchronized String get() {
		try {
			Class<?> type = ClassUtils.forName(this.className, this.classLoader);
			if (this.credentials == null) {
				Object credentials = type.getMethod("getApplicationDefault").invoke(null);
				if (Boolean.TRUE.equals(type.getMethod("createScopedRequired").invoke(credentials))) {
					credentials = type.getMethod("createScoped", Collection.class).invoke(credentials, SCOPES);
				}
				this.credentials = credentials;
			}
			type.getMethod("refreshIfExpired").invoke(this.credentials);
			Object token = type.getMethod("getAccessToken").invoke(this.credentials);
			if (token == null) {
				throw new IllegalStateException("Google's Application Default Credentials gave no access token");
			}
			Method value = token.getClass().getMethod("getTokenValue");
			return (String) value.invoke(token);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("Google's Application Default Credentials could not provide an access "
					+ "token (" + cause.getClass().getSimpleName() + "); set GOOGLE_APPLICATION_CREDENTIALS or run "
					+ "where they are available", cause);
		}
		catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
			throw new IllegalStateException("Google's auth library on the class path is not a supported version ("
					+ ex.getClass().getSimpleName() + ")", ex);
		}
	}

	@Override
	public String toString() {
		return "Google Application Default Credentials";
	}

}
