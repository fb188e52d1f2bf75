package dev.vaultkv.embedded.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.vaultkv.embedded.Flavour;

/**
 * Runs an {@link EmbeddedVaultCluster} for a JUnit 5 test class and injects it into constructors, lifecycle
 * methods and test methods that declare an {@code EmbeddedVaultCluster} parameter.
 *
 * <pre class="code">
 * &#64;WithEmbeddedVaultCluster(nodes = 3, performanceStandbys = 2, replicationLagMillis = 500)
 * class MyTests {
 * 	&#64;Test
 * 	void readsFromAStandby(EmbeddedVaultCluster cluster) {
 * 		cluster.clock().freeze();
 * 		...
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
@ExtendWith(EmbeddedVaultClusterExtension.class)
public @interface WithEmbeddedVaultCluster {

	/**
	 * The number of nodes.
	 * @return the number of nodes
	 * @since 0.1.0
	 */
	int nodes() default 3;

	/**
	 * How many standbys are performance standbys.
	 * @return the number of performance standbys
	 * @since 0.1.0
	 */
	int performanceStandbys() default 0;

	/**
	 * The replication lag of performance standbys on the cluster clock, in milliseconds.
	 * @return the lag
	 * @since 0.1.0
	 */
	long replicationLagMillis() default 0;

	/**
	 * How long no node is active after the active one is gone, on the cluster clock, in milliseconds.
	 * @return the election delay
	 * @since 0.1.0
	 */
	long electionDelayMillis() default 2000;

	/**
	 * Whether standbys forward requests (as Vault) instead of redirecting with 307.
	 * @return whether standbys forward
	 * @since 0.1.0
	 */
	boolean forwarding() default true;

	/**
	 * The root token.
	 * @return the root token
	 * @since 0.1.0
	 */
	String rootToken() default "root";

	/**
	 * Whether to {@link EmbeddedVaultCluster#reset() reset} the cluster before each test.
	 * @return whether to reset between tests
	 * @since 0.1.0
	 */
	boolean resetBetweenTests() default false;

	/**
	 * Which server the nodes answer as (see {@link EmbeddedVaultCluster.Builder#flavour(Flavour)}).
	 * @return the flavour
	 * @since 0.1.0
	 */
	Flavour flavour() default Flavour.VAULT;

}
