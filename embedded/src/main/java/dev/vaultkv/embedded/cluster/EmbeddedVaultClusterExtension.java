package dev.vaultkv.embedded.cluster;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link WithEmbeddedVaultCluster}: starts the cluster once per test class (nested
 * classes share the outermost one's), resets it between tests on request, resolves
 * {@link EmbeddedVaultCluster} parameters and closes the cluster when the class is done.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public class EmbeddedVaultClusterExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(EmbeddedVaultClusterExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		cluster(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (settings(context).resetBetweenTests()) {
			cluster(context).reset();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedVaultCluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		try {
			return cluster(extensionContext);
		}
		catch (RuntimeException ex) {
			throw new ParameterResolutionException("Could not start the embedded Vault cluster", ex);
		}
	}

	private static WithEmbeddedVaultCluster settings(ExtensionContext context) {
		Class<?> type = context.getTestClass()
			.orElseThrow(() -> new IllegalStateException("@WithEmbeddedVaultCluster needs a test class"));
		for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
			Optional<WithEmbeddedVaultCluster> annotation = AnnotationSupport.findAnnotation(current,
					WithEmbeddedVaultCluster.class);
			if (annotation.isPresent()) {
				return annotation.get();
			}
		}
		return Defaults.class.getAnnotation(WithEmbeddedVaultCluster.class);
	}

	private static EmbeddedVaultCluster cluster(ExtensionContext context) {
		WithEmbeddedVaultCluster settings = settings(context);
		ClusterResource resource = classContext(context).getStore(NAMESPACE)
			.computeIfAbsent("cluster", (ignored) -> new ClusterResource(EmbeddedVaultCluster.builder()
				.nodes(settings.nodes())
				.performanceStandbys(settings.performanceStandbys())
				.replicationLag(Duration.ofMillis(settings.replicationLagMillis()))
				.electionDelay(Duration.ofMillis(settings.electionDelayMillis()))
				.forwarding(settings.forwarding())
				.rootToken(settings.rootToken())
				.flavour(settings.flavour())
				.start()), ClusterResource.class);
		return resource.cluster;
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getParent().isPresent() && current.getParent().get().getTestClass().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	@WithEmbeddedVaultCluster
	private static final class Defaults {

	}

	/**
	 * Holds a cluster in a JUnit store, which closes it when the class's context ends.
	 */
	static final class ClusterResource implements AutoCloseable {

		final EmbeddedVaultCluster cluster;

		ClusterResource(EmbeddedVaultCluster cluster) {
			this.cluster = cluster;
		}

		@Override
		public void close() {
			this.cluster.close();
		}

	}

}
