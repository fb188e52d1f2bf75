package dev.vaultkv.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an {@link EmbeddedVaultServer} for a JUnit 5 test class and injects it into constructors,
 * lifecycle methods and test methods that declare an {@code EmbeddedVaultServer} parameter.
 *
 * <pre class="code">
 * &#64;EmbeddedVault
 * class MyTests {
 * 	&#64;Test
 * 	void reads(EmbeddedVaultServer vault) {
 * 		vault.putSecret("secret/app", Map.of("password", "s3cr3t"));
 * 	}
 * }
 * </pre>
 *
 * @author vaultkv
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedVaultExtension.class)
public @interface EmbeddedVault {

	/**
	 * Whether to share one server among all test classes with {@code shared = true} (closed when the test
	 * run ends) instead of starting one per class.
	 * @return whether the server is shared
	 * @since 0.1.0
	 */
	boolean shared() default false;

	/**
	 * Whether to {@link EmbeddedVaultServer#reset() reset} the server before each test.
	 * @return whether to reset between tests
	 * @since 0.1.0
	 */
	boolean resetBetweenTests() default false;

	/**
	 * The root token.
	 * @return the root token
	 * @since 0.1.0
	 */
	String rootToken() default "root";

	/**
	 * Whether to serve the browser console at {@code /ui/} (see
	 * {@link EmbeddedVaultServer.Builder#console(boolean)}).
	 * @return whether the console is on
	 * @since 0.1.0
	 */
	boolean console() default false;

	/**
	 * The PEM certificate chain to serve HTTPS with ({@code classpath:} location, {@code file:} URL or file
	 * path); empty, the default, serves plain HTTP. Needs {@link #tlsKey()}.
	 * @return the certificate location
	 * @since 0.1.0
	 */
	String tlsCert() default "";

	/**
	 * The PEM private key of {@link #tlsCert()} (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted), as a
	 * {@code classpath:} location, {@code file:} URL or file path.
	 * @return the key location
	 * @since 0.1.0
	 */
	String tlsKey() default "";

	/**
	 * PEM CA certificates named in the server's client certificate request, as Vault's
	 * {@code tls_client_ca_file}; empty names none (clients may send any certificate).
	 * @return the client CA location
	 * @since 0.1.0
	 */
	String tlsClientCa() default "";

	/**
	 * Which server to answer as (see {@link EmbeddedVaultServer.Builder#flavour(Flavour)}).
	 * @return the flavour
	 * @since 0.1.0
	 */
	Flavour flavour() default Flavour.VAULT;

}
