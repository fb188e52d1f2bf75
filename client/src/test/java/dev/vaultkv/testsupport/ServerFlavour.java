package dev.vaultkv.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestInfo;

import dev.vaultkv.embedded.Flavour;

/**
 * Names the flavour of the embedded server a test class runs against, for test classes that start their
 * server in a static {@code @BeforeAll} method: a subclass annotated {@code @ServerFlavour(Flavour.OPENBAO)}
 * runs every test of its superclass against a server answering as OpenBao.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerFlavour {

	/**
	 * The flavour of the server.
	 * @return the flavour
	 */
	Flavour value();

	/**
	 * Reads the flavour of the class running, from a {@code @BeforeAll} method's {@link TestInfo}.
	 */
	final class Of {

		private Of() {
		}

		/**
		 * Return the flavour the running test class asks for, {@link Flavour#VAULT} unless annotated.
		 * @param testInfo the test information of a {@code @BeforeAll} method
		 * @return the flavour
		 */
		public static Flavour test(TestInfo testInfo) {
			ServerFlavour annotation = testInfo.getTestClass()
				.map((type) -> type.getAnnotation(ServerFlavour.class))
				.orElse(null);
			return (annotation != null) ? annotation.value() : Flavour.VAULT;
		}

	}

}
