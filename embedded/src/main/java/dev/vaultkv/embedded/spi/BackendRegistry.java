package dev.vaultkv.embedded.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.auth.ApproleBackendFactory;
import dev.vaultkv.embedded.auth.AzureBackendFactory;
import dev.vaultkv.embedded.auth.AwsBackendFactory;
import dev.vaultkv.embedded.auth.CertBackendFactory;
import dev.vaultkv.embedded.auth.ConfigOnlyAuthBackendFactory;
import dev.vaultkv.embedded.auth.GitHubBackendFactory;
import dev.vaultkv.embedded.auth.GcpBackendFactory;
import dev.vaultkv.embedded.auth.JwtBackendFactory;
import dev.vaultkv.embedded.auth.KubernetesBackendFactory;
import dev.vaultkv.embedded.auth.LdapBackendFactory;
import dev.vaultkv.embedded.auth.UserpassBackendFactory;
import dev.vaultkv.embedded.database.DatabaseBackendFactory;
import dev.vaultkv.embedded.kv.KvBackendFactory;

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
	 * Return a registry with the built-in types registered: the {@code kv} and {@code database} secret engines
	 * and the {@code approle}, {@code userpass}, {@code kubernetes}, {@code jwt} (also as {@code oidc}),
	 * {@code cert}, {@code aws}, {@code ldap}, {@code github}, {@code gcp} and {@code azure} auth methods, and
	 * Vault's other built-in auth methods with their configuration only (see {@link ConfigOnlyAuthBackendFactory}).
	 * @return a new registry
	 * @since 0.1.0
	 */
	public static BackendRegistry withDefaults() {
		BackendRegistry registry = new BackendRegistry();
		registry.registerSecretEngine("kv", new KvBackendFactory());
		registry.registerSecretEngine("database", new DatabaseBackendFactory());
		registry.registerAuthMethod("approle", new ApproleBackendFactory());
		registry.registerAuthMethod("userpass", new UserpassBackendFactory());
		registry.registerAuthMethod("kubernetes", new KubernetesBackendFactory());
		registry.registerAuthMethod("jwt", new JwtBackendFactory());
		registry.registerAuthMethod("oidc", new JwtBackendFactory());
		registry.registerAuthMethod("cert", new CertBackendFactory());
		registry.registerAuthMethod("aws", new AwsBackendFactory());
		registry.registerAuthMethod("ldap", new LdapBackendFactory());
		registry.registerAuthMethod("github", new GitHubBackendFactory());
		registry.registerAuthMethod("gcp", new GcpBackendFactory());
		registry.registerAuthMethod("azure", new AzureBackendFactory());
		ConfigOnlyAuthBackendFactory configOnly = new ConfigOnlyAuthBackendFactory();
		for (String type : ConfigOnlyAuthBackendFactory.types()) {
			registry.registerAuthMethod(type, configOnly);
		}
		return registry;
	}

}
