package dev.vaultkv.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
		String key = settings.shared() ? "shared:" + settings.rootToken() + ":" + settings.tlsCert()
				+ (settings.console() ? ":console" : "") + ":" + settings.flavour() : "server";
		ClassLoader classLoader = context.getRequiredTestClass().getClassLoader();
		ServerResource resource = owner.getStore(NAMESPACE)
			.computeIfAbsent(key, (ignored) -> new ServerResource(builder(settings, classLoader).start()),
					ServerResource.class);
		return resource.server;
	}

	private static EmbeddedVaultServer.Builder builder(EmbeddedVault settings, ClassLoader classLoader) {
		EmbeddedVaultServer.Builder builder = EmbeddedVaultServer.builder()
			.rootToken(settings.rootToken())
			.console(settings.console())
			.flavour(settings.flavour());
		if (settings.tlsCert().isEmpty() != settings.tlsKey().isEmpty()) {
			throw new IllegalArgumentException("@EmbeddedVault tlsCert and tlsKey must be given together");
		}
		if (!settings.tlsClientCa().isEmpty() && settings.tlsCert().isEmpty()) {
			throw new IllegalArgumentException("@EmbeddedVault tlsClientCa needs tlsCert and tlsKey");
		}
		if (!settings.tlsCert().isEmpty()) {
			builder.tlsPem(read(settings.tlsCert(), "tlsCert", classLoader), read(settings.tlsKey(), "tlsKey", classLoader),
					settings.tlsClientCa().isEmpty() ? null : read(settings.tlsClientCa(), "tlsClientCa", classLoader));
		}
		return builder;
	}

	/**
	 * Read a PEM resource: {@code classpath:} location, {@code file:} URL or plain file path.
	 */
	private static String read(String location, String attribute, ClassLoader classLoader) {
		try {
			if (location.startsWith("classpath:")) {
				String path = location.substring("classpath:".length());
				path = path.startsWith("/") ? path.substring(1) : path;
				try (InputStream in = classLoader.getResourceAsStream(path)) {
					if (in == null) {
						throw new IllegalArgumentException(
								"@EmbeddedVault " + attribute + ": no class path resource " + path);
					}
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("@EmbeddedVault " + attribute + ": cannot read " + location, ex);
		}
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
