package dev.vaultkv.embedded;

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
 * JUnit 5 extension behind {@link EmbeddedVault}: starts the server (per class, or once per run when
 * shared), resets it between tests on request, resolves {@link EmbeddedVaultServer} parameters and closes
 * the server when its scope ends.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public class EmbeddedVaultExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(EmbeddedVaultExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (settings(context).resetBetweenTests()) {
			server(context).reset();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedVaultServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		try {
			return server(extensionContext);
		}
		catch (RuntimeException ex) {
			throw new ParameterResolutionException("Could not start the embedded Vault server", ex);
		}
	}

	private static EmbeddedVault settings(ExtensionContext context) {
		Optional<Class<?>> testClass = context.getTestClass();
		Class<?> type = testClass.orElseThrow(() -> new IllegalStateException("@EmbeddedVault needs a test class"));
		for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
			Optional<EmbeddedVault> annotation = AnnotationSupport.findAnnotation(current, EmbeddedVault.class);
			if (annotation.isPresent()) {
				return annotation.get();
			}
		}
		return Defaults.class.getAnnotation(EmbeddedVault.class);
	}

	private static EmbeddedVaultServer server(ExtensionContext context) {
		EmbeddedVault settings = settings(context);
		ExtensionContext owner = settings.shared() ? context.getRoot() : classContext(context);
		String key = settings.shared() ? "shared:" + settings.rootToken() + (settings.console() ? ":console" : "")
				: "server";
		ServerResource resource = owner.getStore(NAMESPACE)
			.computeIfAbsent(key,
					(ignored) -> new ServerResource(
							EmbeddedVaultServer.builder()
								.rootToken(settings.rootToken())
								.console(settings.console())
								.start()),
					ServerResource.class);
		return resource.server;
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		// nested classes share the server of the outermost annotated class
		while (current.getParent().isPresent() && current.getParent().get().getTestClass().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	@EmbeddedVault
	private static final class Defaults {

	}

	/**
	 * Holds a server in a JUnit store; JUnit closes stored {@link AutoCloseable} values when the store's
	 * context ends (the class, or the whole run for shared servers).
	 */
	static final class ServerResource implements AutoCloseable {

		final EmbeddedVaultServer server;

		ServerResource(EmbeddedVaultServer server) {
			this.server = server;
		}

		@Override
		public void close() {
			this.server.close();
		}

	}

}
