package dev.vaultkv.env;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.RenewalScheduler;
import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.PropertiesVaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.autoconfigure.embedded.EmbeddedVaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultCliDefaults;
import dev.vaultkv.autoconfigure.VaultClientCustomizer;
import dev.vaultkv.autoconfigure.VaultClientFactory;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.database.DatabaseCredentialsManager;
import dev.vaultkv.database.DatabaseCredentialsManagers;
import dev.vaultkv.database.DatabaseRole;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.lease.LeaseTemplate;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretStore;

/**
 * The Vault client stack used before the application context exists (config data imports and
 * {@code ${vault:...}} placeholders), built lazily from {@code vault.*} with the same
 * {@link VaultClientFactory} as the auto-configuration. Kept in the {@link BootstrapRegistry}; when the
 * application context is prepared, a stack that was used is handed to it (session manager, secret store,
 * factory), so the application logs in once and has one cache; an unused one instead resolves
 * placeholders through the context's beans from then on.
 * <p>
 * The login method is the {@link ClientAuthentication} registered in the {@link BootstrapRegistry} (with a
 * {@link org.springframework.boot.bootstrap.BootstrapRegistryInitializer}), else the one {@code vault.*}
 * configures; it is handed to the application context as its {@code vaultClientAuthentication}. A
 * {@link ClientAuthentication} bean of the application cannot be used before the context exists, so when
 * config data or placeholders logged in without it, startup fails saying how to register it. A
 * {@link VaultClientCustomizer} registered in the {@link BootstrapRegistry} customizes the clients
 * created here.
 * <p>
 * When startup fails, {@link #close()} stops what it started ({@link VaultStartupFailureListener}).
 *
 * @since 0.1.0
 */
public final class VaultBootstrap implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(VaultBootstrap.class);

	private static final String AUTHENTICATION_BEAN = "vaultClientAuthentication";

	private final Binder binder;

	private final PropertyResolver cliDefaults;

	private final VaultProperties properties;

	private final @Nullable VaultConnectionDetails embedded;

	private volatile @Nullable Stack stack;

	private volatile @Nullable Supplier<SecretResolver> contextResolver;

	private volatile @Nullable DatabaseCredentialsManagers databaseCredentials;

	private final ConfigurableBootstrapContext bootstrapContext;

	private final AtomicBoolean closed = new AtomicBoolean();

	private VaultBootstrap(ConfigurableBootstrapContext bootstrapContext, Binder binder, PropertyResolver cliDefaults) {
		this.bootstrapContext = bootstrapContext;
		this.binder = binder;
		this.cliDefaults = cliDefaults;
		this.properties = VaultClientFactory.bind(binder);
		this.embedded = this.properties.getEmbedded().isEnabled()
				? EmbeddedServer.start(this.properties, VaultBootstrap.class.getClassLoader(), this::sslBundle) : null;
	}

	/**
	 * Return the instance registered in the bootstrap context, registering one (and its hand-over to the
	 * application context) when there is none.
	 * @param bootstrapContext the bootstrap context
	 * @param binder binds {@code vault.*}
	 * @param cliDefaults resolves {@code VAULT_ADDR} and the other CLI fallbacks
	 * @return the instance
	 */
	public static VaultBootstrap get(ConfigurableBootstrapContext bootstrapContext, Binder binder,
			PropertyResolver cliDefaults) {
		Assert.notNull(bootstrapContext, "'bootstrapContext' must not be null");
		synchronized (bootstrapContext) {
			if (!bootstrapContext.isRegistered(VaultBootstrap.class)) {
				VaultBootstrap bootstrap = new VaultBootstrap(bootstrapContext, binder, cliDefaults);
				bootstrapContext.register(VaultBootstrap.class, BootstrapRegistry.InstanceSupplier.of(bootstrap));
				bootstrapContext.addCloseListener((event) -> bootstrap.handOver(event.getApplicationContext()));
			}
			return bootstrapContext.get(VaultBootstrap.class);
		}
	}

	/**
	 * Return the bound properties.
	 * @return the properties
	 */
	public VaultProperties getProperties() {
		return this.properties;
	}

	/**
	 * Return the secret resolver: the bootstrap stack's, or the application context's once it took over.
	 * @return the resolver
	 */
	public SecretResolver getSecretResolver() {
		Supplier<SecretResolver> contextResolver = this.contextResolver;
		if (contextResolver != null) {
			return contextResolver.get();
		}
		return stack().resolver();
	}

	private Stack stack() {
		Stack stack = this.stack;
		if (stack == null) {
			synchronized (this) {
				stack = this.stack;
				if (stack == null) {
					stack = createStack();
					this.stack = stack;
				}
			}
		}
		return stack;
	}

	private Stack createStack() {
		logger.debug("Creating the Vault client for config data and placeholders");
		VaultConnectionDetails connectionDetails = (this.embedded != null) ? this.embedded
				: new PropertiesVaultConnectionDetails(this.properties, new VaultCliDefaults(this.cliDefaults));
		VaultClientFactory factory = new VaultClientFactory(this.properties, connectionDetails, this::sslBundle);
		try {
			if (this.bootstrapContext.isRegistered(VaultClientCustomizer.class)) {
				factory.addClientCustomizer(this.bootstrapContext.get(VaultClientCustomizer.class));
			}
			ClientAuthentication registered = registeredAuthentication();
			ClientAuthentication authentication = (registered != null) ? registered : factory.createAuthentication();
			SessionManager sessionManager = factory.createSessionManager(authentication,
					factory.createLoginClient(factory.getRequestFactory(), null));
			VaultClient client = factory.createClient(factory.getRequestFactory(), sessionManager, null);
			KvMountResolver mountResolver = factory.createMountResolver(client);
			SecretStore store = factory.createSecretStore(client, mountResolver, null);
			return new Stack(factory, authentication, registered != null, sessionManager, client, store,
					factory.createSecretResolver(store));
		}
		catch (RuntimeException ex) {
			factory.close();
			throw ex;
		}
	}

	private @Nullable ClientAuthentication registeredAuthentication() {
		return this.bootstrapContext.isRegistered(ClientAuthentication.class)
				? this.bootstrapContext.get(ClientAuthentication.class) : null;
	}

	/**
	 * Return the managers of the database credentials configured with {@code vault.database.*}, created on
	 * first use; their credentials are read from Vault when first asked for. Their scheduler and clock are
	 * a {@link RenewalScheduler} and {@link Clock} registered in the bootstrap context, when there are.
	 * @return the managers, possibly none
	 */
	public DatabaseCredentialsManagers getDatabaseCredentials() {
		DatabaseCredentialsManagers managers = this.databaseCredentials;
		if (managers == null) {
			synchronized (this) {
				managers = this.databaseCredentials;
				if (managers == null) {
					managers = createDatabaseCredentials();
					this.databaseCredentials = managers;
				}
			}
		}
		return managers;
	}

	/**
	 * Return whether {@code vault.database.*} names any role.
	 * @return whether database credentials are configured
	 */
	public boolean hasDatabaseCredentials() {
		VaultProperties.Database database = this.properties.getDatabase();
		return StringUtils.hasText(database.getRole()) || database.getDatasources()
			.values()
			.stream()
			.anyMatch((role) -> StringUtils.hasText(role.getRole()));
	}

	private DatabaseCredentialsManagers createDatabaseCredentials() {
		VaultProperties.Database database = this.properties.getDatabase();
		ScheduledExecutorService executor = null;
		RenewalScheduler scheduler;
		if (this.bootstrapContext.isRegistered(RenewalScheduler.class)) {
			scheduler = this.bootstrapContext.get(RenewalScheduler.class);
		}
		else {
			executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "vaultkv-database");
				thread.setDaemon(true);
				return thread;
			});
			scheduler = RenewalScheduler.of(executor);
		}
		Clock clock = this.bootstrapContext.isRegistered(Clock.class) ? this.bootstrapContext.get(Clock.class)
				: Clock.systemUTC();
		ScheduledExecutorService ownExecutor = executor;
		DatabaseCredentialsManagers managers = new DatabaseCredentialsManagers(() -> {
			if (ownExecutor != null) {
				ownExecutor.shutdownNow();
			}
		});
		DatabaseCredentialsManager.Settings settings = new DatabaseCredentialsManager.Settings(
				database.getRevokeDelay(), database.getStaticMargin(), database.isRevokeOnShutdown());
		LeaseTemplate leases = new LeaseTemplate(stack().client());
		addDatabaseRole(managers, "default", "vault.database", database, leases, scheduler, clock, settings);
		database.getDatasources()
			.forEach((name, role) -> addDatabaseRole(managers, name, "vault.database.datasources." + name, role,
					leases, scheduler, clock, settings));
		return managers;
	}

	private static void addDatabaseRole(DatabaseCredentialsManagers managers, String name, String prefix,
			VaultProperties.DatabaseRoleProperties properties, LeaseTemplate leases, RenewalScheduler scheduler,
			Clock clock, DatabaseCredentialsManager.Settings settings) {
		if (!StringUtils.hasText(properties.getRole())) {
			return;
		}
		String username = properties.getUsernameProperty();
		String password = properties.getPasswordProperty();
		if (!StringUtils.hasText(username) || !StringUtils.hasText(password)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".username-property", username,
					"Database credentials need the properties their user name and password are given as; set "
							+ prefix + ".username-property and " + prefix + ".password-property");
		}
		DatabaseRole role = new DatabaseRole(name, properties.getMount(), properties.getRole(), properties.getKind());
		managers.add(new DatabaseCredentialsManager(role, leases, scheduler, clock, settings), username, password);
	}

	private SslBundle sslBundle(String name) {
		PemSslBundleProperties pem = this.binder.bind("spring.ssl.bundle.pem." + name, PemSslBundleProperties.class)
			.orElse(null);
		if (pem != null) {
			return PropertiesSslBundle.get(pem);
		}
		JksSslBundleProperties jks = this.binder.bind("spring.ssl.bundle.jks." + name, JksSslBundleProperties.class)
			.orElse(null);
		if (jks != null) {
			return PropertiesSslBundle.get(jks);
		}
		throw new NoSuchSslBundleException(name, "No spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks."
				+ name + " is configured");
	}

	/**
	 * Return the secret store that values were read through: the bootstrap's when it was created (this
	 * never creates it), else the application context's once it took over, {@code null} before.
	 */
	@Nullable SecretStore getStoreIfRead() {
		Stack stack = this.stack;
		if (stack != null) {
			return stack.store();
		}
		Supplier<SecretResolver> contextResolver = this.contextResolver;
		return (contextResolver != null) ? contextResolver.get().getStore() : null;
	}

	private void handOver(ConfigurableApplicationContext context) {
		context.getBeanFactory()
			.setTypeConverter(new SecretMaskingTypeConverter(context.getBeanFactory(),
					new SecretValueDetector(this::getStoreIfRead)));
		if (this.embedded != null && context instanceof GenericApplicationContext generic) {
			EmbeddedServer.register(generic, this.embedded);
		}
		Stack stack = this.stack;
		ClientAuthentication registered = (stack != null) ? stack.authentication() : registeredAuthentication();
		if (registered != null && context instanceof GenericApplicationContext generic) {
			// Fallback: the auto-configuration backs off, an application bean of this type still wins.
			generic.registerBean(AUTHENTICATION_BEAN, ClientAuthentication.class, () -> registered,
					(definition) -> definition.setFallback(true));
			if (stack != null && !stack.registered()) {
				generic.addBeanFactoryPostProcessor(
						(beanFactory) -> rejectUnusedAuthenticationBeans(beanFactory, this.properties));
			}
		}
		if (stack != null && context instanceof GenericApplicationContext generic) {
			generic.addApplicationListener((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof ContextRefreshedEvent) {
					stack.factory().startupCompleted();
				}
			});
			// Fallback: a bean of the same type that the application defines wins at injection points.
			generic.registerBean("vaultClientFactory", VaultClientFactory.class, stack::factory,
					(definition) -> definition.setFallback(true));
			generic.registerBean("vaultSessionManager", SessionManager.class, stack::sessionManager, (definition) -> {
				definition.setFallback(true);
				definition.setDestroyMethodName("close");
				// closed (revoking its token) before the factory closes the HTTP transport
				definition.setDependsOn("vaultClientFactory");
			});
			generic.registerBean("vaultSecretStore", SecretStore.class, stack::store,
					(definition) -> definition.setFallback(true));
			DatabaseCredentialsManagers databaseCredentials = this.databaseCredentials;
			if (databaseCredentials != null) {
				generic.registerBean("vaultDatabaseCredentials", DatabaseCredentialsManagers.class,
						() -> databaseCredentials, (definition) -> {
							definition.setDestroyMethodName("close");
							// closed (revoking its leases) while the token is still valid
							definition.setDependsOn("vaultSessionManager");
						});
			}
			return;
		}
		if (stack == null) {
			this.contextResolver = () -> context.getBean(SecretResolver.class);
		}
	}

	/**
	 * Fail when the application defines its own {@link ClientAuthentication} that config data and
	 * placeholders could not use, because they logged in before the bean existed: the application would
	 * silently run with another identity.
	 */
	private static void rejectUnusedAuthenticationBeans(ConfigurableListableBeanFactory beanFactory,
			VaultProperties properties) {
		List<String> names = Arrays.stream(beanFactory.getBeanNamesForType(ClientAuthentication.class, true, false))
			.filter((name) -> !name.equals(AUTHENTICATION_BEAN))
			.toList();
		if (!names.isEmpty()) {
			throw new BootstrapAuthenticationException(names,
					properties.getAuthentication().name().toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * Stop what this instance started: the database credentials managers (and their scheduler), the
	 * secret store (its refresh threads), the session manager (its renewal), the HTTP transport and the
	 * embedded server. Called when startup fails,
	 * also before the application context exists, where nothing else would stop them; what was handed to
	 * the application context is closed again by it, harmlessly. Idempotent.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		DatabaseCredentialsManagers databaseCredentials = this.databaseCredentials;
		if (databaseCredentials != null) {
			closeQuietly("database credentials", databaseCredentials);
		}
		Stack stack = this.stack;
		if (stack != null) {
			if (stack.store() instanceof AutoCloseable store) {
				closeQuietly("secret store", store);
			}
			closeQuietly("session manager", stack.sessionManager()::close);
			closeQuietly("HTTP transport", stack.factory());
		}
		if (this.embedded != null) {
			closeQuietly("embedded server", () -> EmbeddedServer.close(this.embedded));
		}
	}

	boolean isClosed() {
		return this.closed.get();
	}

	private static void closeQuietly(String name, AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			logger.debug("Could not close the Vault bootstrap's {}", name, ex);
		}
	}

	/**
	 * Keeps the embedded server types out of {@link VaultBootstrap}'s signatures, so that it loads
	 * without {@code vaultkv-embedded}.
	 */
	private static final class EmbeddedServer {

		static VaultConnectionDetails start(VaultProperties properties, ClassLoader classLoader,
				java.util.function.Function<String, SslBundle> sslBundles) {
			return new EmbeddedVaultConnectionDetails(
					EmbeddedVaultConnectionDetails.start(properties.getEmbedded(), classLoader, sslBundles));
		}

		static void close(VaultConnectionDetails connectionDetails) {
			((EmbeddedVaultConnectionDetails) connectionDetails).getServer().close();
		}

		static void register(GenericApplicationContext context, VaultConnectionDetails connectionDetails) {
			EmbeddedVaultConnectionDetails details = (EmbeddedVaultConnectionDetails) connectionDetails;
			context.registerBean("vaultEmbeddedServer", dev.vaultkv.embedded.EmbeddedVaultServer.class,
					details::getServer, (definition) -> definition.setDestroyMethodName("close"));
			context.registerBean("vaultEmbeddedConnectionDetails", EmbeddedVaultConnectionDetails.class,
					() -> details);
		}

	}

	private record Stack(VaultClientFactory factory, ClientAuthentication authentication, boolean registered,
			SessionManager sessionManager, VaultClient client, SecretStore store, SecretResolver resolver) {

	}

}
