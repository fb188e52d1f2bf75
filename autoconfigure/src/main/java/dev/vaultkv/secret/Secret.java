package dev.vaultkv.secret;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a secret, or one key of it, into a field or a single-argument setter before the bean is used.
 * The value is a {@link SecretReference} such as {@code myapp/db:password}; see {@link SecretConverter}
 * for the supported types. Declare the field as {@link SecretValue SecretValue&lt;T&gt;} to always get
 * the current cached value instead of the value at startup, and as {@code Optional<T>} for a secret that
 * may be absent.
 *
 * <pre class="code">
 * &#64;Secret("myapp/db:password")
 * private char[] password;
 *
 * &#64;Secret("myapp/db")
 * private DbCredentials credentials;
 *
 * &#64;Secret("myapp/api:key")
 * private SecretValue&lt;String&gt; apiKey;
 * </pre>
 *
 * @since 0.1.0
 */
@Target({ ElementType.FIELD, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Secret {

	/**
	 * The reference: {@code [mount//]path[#version][:key]}.
	 * @return the reference
	 */
	String value();

}
