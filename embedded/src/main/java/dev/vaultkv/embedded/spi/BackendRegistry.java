package dev.vaultkv.embedded.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The secret engine and auth method types the embedded server can mount, by type name.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class BackendRegistry {

	private final Map<String, BackendFactory> secretEngines = new ConcurrentHashMap<>();

	private final Map<String, BackendFactory> authMethods = new ConcurrentHashMap<>();

	/**
	 * Register a secret engine type.
	 * @param type the type, e.g. {@code kv}
	 * @param factory the factory
	 * @return this registry
	 * @since 0.1.0
	 */
	public BackendRegistry registerSecretEngine(String type, BackendFactory factory) {
		this.secretEngines.put(Objects.requireNonNull(type, "'type' must not be null"),
				Objects.requireNonNull(factory, "'factory' must not be null"));
		return this;
	}

	/**
	 * Register an auth method type.
	 * @param type the type, e.g. {@code approle}
	 * @param factory the factory
	 * @return this registry
	 * @since 0.1.0
	 */
	public BackendRegistry registerAuthMethod(String type, BackendFactory factory) {
		this.authMethods.put(Objects.requireNonNull(type, "'type' must not be null"),
				Objects.requireNonNull(factory, "'factory' must not be null"));
		return this;
	}

	/**
	 * Return the factory of a secret engine type.
	 * @param type the type
	 * @return the factory or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable BackendFactory secretEngine(String type) {
		return this.secretEngines.get(type);
	}

	/**
	 * Return the factory of an auth method type.
	 * @param type the type
	 * @return the factory or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable BackendFactory authMethod(String type) {
		return this.authMethods.get(type);
	}

	/**
	 * Return the registered secret engine types.
	 * @return the types
	 * @since 0.1.0
	 */
	public Set<String> secretEngineTypes() {
		return Set.copyOf(this.secretEngines.keySet());
	}

	/**
	 * Return the registered auth method types.
	 * @return the types
	 * @since 0.1.0
	 */
	public Set<String> authMethodTypes() {
		return Set.copyOf(this.authMethods.keySet());
	}

	/**
	 * Return a registry with the built-in types registered: {@code kv} from
	 * {@code dev.vaultkv.embedded.kv.KvBackendFactory} and {@code approle}, {@code userpass},
	 * {@code kubernetes}, {@code jwt}, {@code cert} from {@code dev.vaultkv.embedded.auth.<Method>BackendFactory},
	 * each when present (public no-argument constructor).
	 * @return a new registry
	 * @since 0.1.0
	 */
	public static BackendRegistry withDefaults() {
		BackendRegistry registry = new BackendRegistry();
		BackendFactory kv = builtIn("dev.vaultkv.embedded.kv.KvBackendFactory");
		if (kv != null) {
			registry.registerSecretEngine("kv", kv);
		}
		Map<String, List<String>> authFactories = new LinkedHashMap<>();
		authFactories.put("approle", List.of("ApproleBackendFactory", "AppRoleBackendFactory"));
		authFactories.put("userpass", List.of("UserpassBackendFactory", "UserPassBackendFactory"));
		authFactories.put("kubernetes", List.of("KubernetesBackendFactory"));
		authFactories.put("jwt", List.of("JwtBackendFactory"));
		authFactories.put("oidc", List.of("JwtBackendFactory"));
		authFactories.put("cert", List.of("CertBackendFactory"));
		authFactories.forEach((method, classNames) -> {
			for (String className : classNames) {
				BackendFactory factory = builtIn("dev.vaultkv.embedded.auth." + className);
				if (factory != null) {
					registry.registerAuthMethod(method, factory);
					return;
				}
			}
		});
		return registry;
	}

	/**
	 * Instantiate one of the built-in engine factories named by this SPI, if it is on the class path. The
	 * engines live in sibling packages of this module and are found by name so that each can be developed
	 * and shipped without the core referring to classes that may not exist yet.
	 */
	private static @Nullable BackendFactory builtIn(String className) {
		try {
			Class<?> type = Class.forName(className, true, BackendRegistry.class.getClassLoader());
			if (!BackendFactory.class.isAssignableFrom(type)) {
				return null;
			}
			return (BackendFactory) type.getDeclaredConstructor().newInstance();
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("Cannot create built-in backend factory " + className, ex);
		}
	}

}
