package dev.vaultkv.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.retry.RetryListener;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

import dev.vaultkv.auth.AppRoleAuthentication;
import dev.vaultkv.auth.AppRoleAuthenticationOptions;
import dev.vaultkv.auth.AzureAuthentication;
import dev.vaultkv.auth.AzureAuthenticationOptions;
import dev.vaultkv.auth.AwsCredentials;
import dev.vaultkv.auth.AwsEc2Authentication;
import dev.vaultkv.auth.AwsEc2AuthenticationOptions;
import dev.vaultkv.auth.AwsIamAuthentication;
import dev.vaultkv.auth.AwsIamAuthenticationOptions;
import dev.vaultkv.auth.CertAuthentication;
import dev.vaultkv.auth.CertAuthenticationOptions;
import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.CredentialSource;
import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.auth.GcpGceAuthentication;
import dev.vaultkv.auth.GcpGceAuthenticationOptions;
import dev.vaultkv.auth.GcpIamAuthentication;
import dev.vaultkv.auth.GcpIamAuthenticationOptions;
import dev.vaultkv.auth.JwtAuthentication;
import dev.vaultkv.auth.JwtAuthenticationOptions;
import dev.vaultkv.auth.GitHubAuthentication;
import dev.vaultkv.auth.GitHubAuthenticationOptions;
import dev.vaultkv.auth.KubernetesAuthentication;
import dev.vaultkv.auth.KubernetesAuthenticationOptions;
import dev.vaultkv.auth.LdapAuthentication;
import dev.vaultkv.auth.LdapAuthenticationOptions;
import dev.vaultkv.auth.SessionListener;
import dev.vaultkv.auth.TokenAuthentication;
import dev.vaultkv.auth.UserpassAuthentication;
import dev.vaultkv.auth.UserpassAuthenticationOptions;
import dev.vaultkv.auth.WrappedTokenAuthentication;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.ReplicationStateStore;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultHttpRequestFactory;
import dev.vaultkv.client.VaultProxy;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvTemplates;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.resilience.RetryingVaultClient;
import dev.vaultkv.resilience.StartupReachability;
import dev.vaultkv.resilience.VaultRetrySettings;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretCacheSettings;
import dev.vaultkv.secret.SecretLoader;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretStore;

/**
 * Builds the Vault client stack from {@link VaultProperties} and {@link VaultConnectionDetails}: the HTTP
 * transport, the login and application clients (with retry), the login method, the session manager and
 * the KV mount resolver. Used by the auto-configuration and, before the application context exists, by
 * the config data and placeholder support, so that both see the same configuration. Closing it closes
 * the HTTP transport it created (its pooled connections), as the application context does when it
 * closes, after the beans built from it.
 *
 * @since 0.1.0
 */
public final class VaultClientFactory implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(VaultClientFactory.class);

	private final VaultProperties properties;

	private final VaultConnectionDetails connectionDetails;

	private final Function<String, SslBundle> sslBundles;

	private volatile @Nullable ClientHttpRequestFactory requestFactory;

	private final SessionListeners sessionListeners = new SessionListeners();

	private final RetryListeners retryListeners = new RetryListeners();

	private final Set<VaultClientCustomizer> clientCustomizers = new CopyOnWriteArraySet<>();

	private final StartupReachability startupReachability;

	private final ReplicationStateStore replicationStates = new ReplicationStateStore();

	private volatile @Nullable String connectionMessage;

	private final AtomicBoolean connectionLogged = new AtomicBoolean();

	/**
	 * Create a new instance; the properties are validated.
	 * @param properties the properties
	 * @param connectionDetails the connection details
	 * @param sslBundles looks SSL bundles up by name
	 */
	public VaultClientFactory(VaultProperties properties, VaultConnectionDetails connectionDetails,
			Function<String, SslBundle> sslBundles) {
		Assert.notNull(properties, "'properties' must not be null");
		Assert.notNull(connectionDetails, "'connectionDetails' must not be null");
		Assert.notNull(sslBundles, "'sslBundles' must not be null");
		VaultPropertiesValidator.validate(properties);
		this.properties = properties;
		this.connectionDetails = connectionDetails;
		this.sslBundles = sslBundles;
		this.startupReachability = new StartupReachability(!properties.isFailFast());
	}

	/**
	 * Bind {@code vault.*}.
	 * @param binder the binder
	 * @return the properties
	 */
	public static VaultProperties bind(Binder binder) {
		return binder.bindOrCreate("vault", VaultProperties.class);
	}

	/**
	 * Return the properties.
	 * @return the properties
	 */
	public VaultProperties getProperties() {
		return this.properties;
	}

	/**
	 * Return the connection details.
	 * @return the connection details
	 */
	public VaultConnectionDetails getConnectionDetails() {
		return this.connectionDetails;
	}

	/**
	 * Create the HTTP transport shared by the login and application clients.
	 * @return the request factory
	 */
	public ClientHttpRequestFactory createRequestFactory() {
		VaultProperties.Connection connection = this.properties.getConnection();
		VaultHttpRequestFactory.Builder builder = VaultHttpRequestFactory.builder()
			.connectTimeout(this.properties.getConnectTimeout())
			.readTimeout(this.properties.getReadTimeout())
			.idleTimeout(connection.getIdleTimeout())
			.maxConnections(connection.getMaxConnections())
			.freshConnectionPerRequest(!connection.isReuse())
			.proxy(createProxy());
		String bundle = this.properties.getSsl().getBundle();
		String property = "vault.ssl.bundle";
		VaultProperties.Embedded embedded = this.properties.getEmbedded();
		if (!StringUtils.hasText(bundle) && embedded.isEnabled() && StringUtils.hasText(embedded.getSslBundle())) {
			// the embedded server's own bundle: its trust store trusts the server certificate
			bundle = embedded.getSslBundle();
			property = "vault.embedded.ssl-bundle";
		}
		if (StringUtils.hasText(bundle)) {
			builder.sslContext(sslBundle(property, bundle).createSslContext());
		}
		return builder.build();
	}

	private @Nullable VaultProxy createProxy() {
		VaultProperties.Proxy proxy = this.properties.getProxy();
		if (!StringUtils.hasText(proxy.getHost())) {
			return null;
		}
		VaultProxy.Builder builder = VaultProxy.builder(proxy.getHost().trim(), Objects.requireNonNull(proxy.getPort()))
			.nonProxyHosts(proxy.getNonProxyHosts());
		if (StringUtils.hasText(proxy.getUsername()) && proxy.getPassword() != null) {
			builder.credentials(proxy.getUsername().trim(), proxy.getPassword());
		}
		return builder.build();
	}

	private SslBundle sslBundle(String property, String name) {
		try {
			return this.sslBundles.apply(name);
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"No usable SSL bundle with this name (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Create the client the session manager logs in, renews and revokes with.
	 * @param requestFactory the transport
	 * @param restClientBuilder the builder to clone, or {@code null}
	 * @return the client
	 */
	public VaultClient createLoginClient(ClientHttpRequestFactory requestFactory,
			RestClient.@Nullable Builder restClientBuilder) {
		return withRetry(clientBuilder(requestFactory, restClientBuilder).build());
	}

	/**
	 * Create the application's client, whose token comes from the given provider.
	 * @param requestFactory the transport
	 * @param tokenProvider the token provider (the session manager)
	 * @param restClientBuilder the builder to clone, or {@code null}
	 * @return the client
	 */
	public VaultClient createClient(ClientHttpRequestFactory requestFactory, TokenProvider tokenProvider,
			RestClient.@Nullable Builder restClientBuilder) {
		return withRetry(clientBuilder(requestFactory, restClientBuilder).tokenProvider(tokenProvider).build());
	}

	private DefaultVaultClient.Builder clientBuilder(ClientHttpRequestFactory requestFactory,
			RestClient.@Nullable Builder restClientBuilder) {
		DefaultVaultClient.Builder builder = DefaultVaultClient.builder(this.connectionDetails.getUri())
			.namespace(this.connectionDetails.getNamespace())
			.requestFactory(requestFactory);
		VaultProperties.Consistency consistency = this.properties.getConsistency();
		if (consistency.isReadYourWrites()) {
			builder.readYourWrites(this.replicationStates).inconsistentStateHandling(consistency.getInconsistent());
		}
		if (restClientBuilder != null) {
			builder.restClientBuilder(restClientBuilder);
		}
		for (VaultClientCustomizer customizer : this.clientCustomizers) {
			builder.customizer(customizer::customize);
		}
		return builder;
	}

	private VaultClient withRetry(VaultClient client) {
		return this.properties.getRetry().isEnabled()
				? new RetryingVaultClient(client, getRetrySettings(), this.retryListeners, this.startupReachability)
				: client;
	}

	/**
	 * Return the cluster states ({@code X-Vault-Index}) shared by the login and application clients this
	 * factory creates, recorded and sent back when {@code vault.consistency.read-your-writes} is on.
	 * @return the store
	 */
	public ReplicationStateStore getReplicationStates() {
		return this.replicationStates;
	}

	/**
	 * Signal that the application has started: with {@code vault.fail-fast=false}, requests sent during
	 * startup fail at once and without retries once Vault was found unreachable; from now on they are
	 * retried as usual. Needs {@code vault.retry.enabled}. Idempotent.
	 */
	public void startupCompleted() {
		this.startupReachability.startupCompleted();
		String connection = this.connectionMessage;
		if (connection != null && this.connectionLogged.compareAndSet(false, true)) {
			logger.info(connection);
		}
	}

	/**
	 * Add a listener to the events of every session manager this factory created or creates (also the
	 * one created before the application context, for config data and placeholders). Adding a listener
	 * twice has no effect.
	 * @param listener the listener
	 */
	public void addSessionListener(SessionListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.sessionListeners.add(listener);
	}

	/**
	 * Add a customizer of the clients this factory creates from now on; clients created before keep
	 * their settings. Adding a customizer twice has no effect.
	 * @param customizer the customizer
	 */
	public void addClientCustomizer(VaultClientCustomizer customizer) {
		Assert.notNull(customizer, "'customizer' must not be null");
		this.clientCustomizers.add(customizer);
	}

	/**
	 * Add a listener to the retries of every client this factory created or creates. Adding a listener
	 * twice has no effect.
	 * @param listener the listener
	 */
	public void addRetryListener(RetryListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.retryListeners.add(listener);
	}

	/**
	 * Return the retry settings.
	 * @return the retry settings
	 */
	public VaultRetrySettings getRetrySettings() {
		VaultProperties.Retry retry = this.properties.getRetry();
		return new VaultRetrySettings(retry.getMaxAttempts(), retry.getTotalTimeout(), retry.getInitialInterval(),
				retry.getMultiplier(), retry.getMaxInterval(), retry.getJitter());
	}

	/**
	 * Return the secret cache settings.
	 * @return the cache settings
	 */
	public SecretCacheSettings getCacheSettings() {
		VaultProperties.Cache cache = this.properties.getCache();
		return new SecretCacheSettings(cache.getTtl(), cache.getRefreshAhead(), cache.getMaxSize(),
				cache.getMaxStaleness());
	}

	/**
	 * Create the login method {@code vault.authentication} names; a token supplied by the connection
	 * details wins.
	 * @return the login method
	 */
	public ClientAuthentication createAuthentication() {
		String loginNamespace = loginNamespace();
		VaultToken token = this.connectionDetails.getToken();
		if (token != null) {
			return new TokenAuthentication(token, loginNamespace);
		}
		return switch (this.properties.getAuthentication()) {
			case TOKEN -> throw new InvalidConfigurationPropertyValueException("vault.token", null,
					"No Vault token is configured: set vault.token, the VAULT_TOKEN environment variable or "
							+ "~/.vault-token, choose another vault.authentication, or provide your own "
							+ "ClientAuthentication (for config data imports and ${vault:...} placeholders, "
							+ "registered with a BootstrapRegistryInitializer)");
			case APPROLE -> appRole(loginNamespace);
			case KUBERNETES -> kubernetes(loginNamespace);
			case JWT -> jwt(loginNamespace);
			case USERPASS -> userpass(loginNamespace);
			case CERT -> new CertAuthentication(CertAuthenticationOptions.builder()
				.name(blankToNull(this.properties.getCert().getName()))
				.path(this.properties.getCert().getPath())
				.namespace(loginNamespace)
				.build());
			case LDAP -> ldap(loginNamespace);
			case GITHUB -> gitHub(loginNamespace);
			case GCP_GCE -> gcpGce(loginNamespace);
			case GCP_IAM -> gcpIam(loginNamespace);
			case AZURE -> azure(loginNamespace);
			case WRAPPED_TOKEN -> wrappedToken(loginNamespace);
			case AWS_IAM -> awsIam(loginNamespace);
			case AWS_EC2 -> awsEc2(loginNamespace);
		};
	}

	private ClientAuthentication gcpGce(@Nullable String namespace) {
		VaultProperties.GcpGce gce = this.properties.getGcpGce();
		return new GcpGceAuthentication(GcpGceAuthenticationOptions.builder()
			.role(Objects.requireNonNull(gce.getRole()).trim())
			.serviceAccount(gce.getServiceAccount())
			.audience(blankToNull(gce.getAudience()))
			.metadataUri(URI.create(gce.getMetadataUri().trim()))
			.path(gce.getPath())
			.namespace(namespace)
			.build());
	}

	private ClientAuthentication awsIam(@Nullable String namespace) {
		VaultProperties.AwsIam awsIam = this.properties.getAwsIam();
		AwsIamAuthenticationOptions.Builder builder = AwsIamAuthenticationOptions.builder()
			.role(awsIam.getRole())
			.region(awsIam.getRegion())
			.serverId(awsIam.getServerId())
			.path(awsIam.getPath())
			.namespace(namespace);
		if (StringUtils.hasText(awsIam.getStsEndpoint())) {
			builder.stsEndpoint(URI.create(awsIam.getStsEndpoint().trim()));
		}
		if (StringUtils.hasText(awsIam.getAccessKeyId())) {
			builder.credentials(AwsCredentials.of(awsIam.getAccessKeyId(),
					Objects.requireNonNull(awsIam.getSecretAccessKey()), awsIam.getSessionToken()));
		}
		return new AwsIamAuthentication(builder.build());
	}

	private ClientAuthentication awsEc2(@Nullable String namespace) {
		VaultProperties.AwsEc2 awsEc2 = this.properties.getAwsEc2();
		return new AwsEc2Authentication(AwsEc2AuthenticationOptions.builder()
			.role(awsEc2.getRole())
			.nonce(awsEc2.getNonce())
			.metadataEndpoint(URI.create(awsEc2.getMetadataEndpoint().trim()))
			.timeout(awsEc2.getTimeout())
			.path(awsEc2.getPath())
			.namespace(namespace)
			.build());
	}

	private ClientAuthentication gcpIam(@Nullable String namespace) {
		VaultProperties.GcpIam iam = this.properties.getGcpIam();
		return new GcpIamAuthentication(GcpIamAuthenticationOptions.builder()
			.role(Objects.requireNonNull(iam.getRole()).trim())
			.serviceAccount(Objects.requireNonNull(iam.getServiceAccount()).trim())
			.audience(blankToNull(iam.getAudience()))
			.jwtValidity(iam.getJwtValidity())
			.iamCredentialsUri(URI.create(iam.getIamCredentialsUri().trim()))
			.metadataUri(URI.create(iam.getMetadataUri().trim()))
			.path(iam.getPath())
			.namespace(namespace)
			.build());
	}

	private ClientAuthentication azure(@Nullable String namespace) {
		VaultProperties.Azure azure = this.properties.getAzure();
		return new AzureAuthentication(AzureAuthenticationOptions.builder()
			.role(Objects.requireNonNull(azure.getRole()).trim())
			.resource(azure.getResource())
			.clientId(azure.getClientId())
			.objectId(azure.getObjectId())
			.subscriptionId(azure.getSubscriptionId())
			.resourceGroupName(azure.getResourceGroupName())
			.vmName(azure.getVmName())
			.vmssName(azure.getVmssName())
			.imdsUri(URI.create(azure.getImdsUri().trim()))
			.path(azure.getPath())
			.namespace(namespace)
			.build());
	}

	private ClientAuthentication wrappedToken(@Nullable String namespace) {
		VaultProperties.WrappedToken wrapped = this.properties.getWrappedToken();
		CredentialSource source = StringUtils.hasText(wrapped.getToken()) ? CredentialSource.of(wrapped.getToken().trim())
				: CredentialSource.ofFile(Path.of(Objects.requireNonNull(wrapped.getTokenFile()).trim()));
		return new WrappedTokenAuthentication(source, namespace);
	}

	private ClientAuthentication appRole(@Nullable String namespace) {
		VaultProperties.AppRole appRole = this.properties.getAppRole();
		AppRoleAuthenticationOptions.Builder builder = AppRoleAuthenticationOptions.builder()
			.roleId(Objects.requireNonNull(appRole.getRoleId()).trim())
			.path(appRole.getPath())
			.namespace(namespace);
		if (StringUtils.hasText(appRole.getSecretId())) {
			builder.secretId(appRole.getSecretId().trim());
		}
		else if (StringUtils.hasText(appRole.getSecretIdFile())) {
			builder.secretId(CredentialSource.ofFile(Path.of(appRole.getSecretIdFile().trim())));
		}
		else {
			builder.noSecretId();
		}
		return new AppRoleAuthentication(builder.build());
	}

	private ClientAuthentication kubernetes(@Nullable String namespace) {
		VaultProperties.Kubernetes kubernetes = this.properties.getKubernetes();
		return new KubernetesAuthentication(KubernetesAuthenticationOptions.builder()
			.role(Objects.requireNonNull(kubernetes.getRole()).trim())
			.jwtFile(Path.of(kubernetes.getServiceAccountTokenFile().trim()))
			.path(kubernetes.getPath())
			.namespace(namespace)
			.build());
	}

	private ClientAuthentication jwt(@Nullable String namespace) {
		VaultProperties.Jwt jwt = this.properties.getJwt();
		JwtAuthenticationOptions.Builder builder = JwtAuthenticationOptions.builder()
			.role(blankToNull(jwt.getRole()))
			.path(jwt.getPath())
			.namespace(namespace);
		if (StringUtils.hasText(jwt.getToken())) {
			builder.jwt(jwt.getToken().trim());
		}
		else {
			builder.jwtFile(Path.of(Objects.requireNonNull(jwt.getTokenFile()).trim()));
		}
		return new JwtAuthentication(builder.build());
	}

	private ClientAuthentication userpass(@Nullable String namespace) {
		VaultProperties.Userpass userpass = this.properties.getUserpass();
		return new UserpassAuthentication(UserpassAuthenticationOptions.builder()
			.username(Objects.requireNonNull(userpass.getUsername()).trim())
			.password(Objects.requireNonNull(userpass.getPassword()))
			.path(userpass.getPath())
			.namespace(namespace)
			.build());
	}

	private ClientAuthentication ldap(@Nullable String namespace) {
		VaultProperties.Ldap ldap = this.properties.getLdap();
		LdapAuthenticationOptions.Builder builder = LdapAuthenticationOptions.builder()
			.username(Objects.requireNonNull(ldap.getUsername()).trim())
			.path(ldap.getPath())
			.namespace(namespace);
		if (StringUtils.hasLength(ldap.getPassword())) {
			builder.password(ldap.getPassword());
		}
		else {
			builder.passwordFile(Path.of(Objects.requireNonNull(ldap.getPasswordFile()).trim()));
		}
		return new LdapAuthentication(builder.build());
	}

	private ClientAuthentication gitHub(@Nullable String namespace) {
		VaultProperties.GitHub github = this.properties.getGithub();
		GitHubAuthenticationOptions.Builder builder = GitHubAuthenticationOptions.builder()
			.path(github.getPath())
			.namespace(namespace);
		if (StringUtils.hasText(github.getToken())) {
			builder.token(github.getToken().trim());
		}
		else {
			builder.tokenFile(Path.of(Objects.requireNonNull(github.getTokenFile()).trim()));
		}
		return new GitHubAuthentication(builder.build());
	}

	private @Nullable String loginNamespace() {
		String namespace = this.connectionDetails.getNamespace();
		String loginNamespace = this.connectionDetails.getAuthenticationNamespace();
		if (Objects.equals(blankToNull(namespace), blankToNull(loginNamespace))) {
			return null;
		}
		return (loginNamespace != null) ? loginNamespace : "";
	}

	/**
	 * Create the session manager.
	 * @param authentication the login method
	 * @param loginClient the client to log in with
	 * @return the session manager
	 */
	public DefaultSessionManager createSessionManager(ClientAuthentication authentication, VaultClient loginClient) {
		this.connectionMessage = describeConnection(authentication);
		return DefaultSessionManager.builder(authentication, loginClient)
			.expiryThreshold(this.properties.getSession().getExpiryThreshold())
			.renewalIncrement(this.properties.getSession().getRenewalIncrement())
			.addListener(this.sessionListeners)
			.build();
	}

	/**
	 * Describe which Vault the application's session uses, logged once when startup completes (logging is
	 * not yet set up when the session for config data is created): the address without user info, query
	 * or fragment, the login method and the namespaces; never a credential.
	 */
	private String describeConnection(ClientAuthentication authentication) {
		StringBuilder message = new StringBuilder("Using ");
		message.append(this.properties.getEmbedded().isEnabled() ? "the embedded Vault dev server at " : "Vault at ");
		message.append(withoutUserInfo(this.connectionDetails.getUri()));
		message.append(" (authentication: ").append(authentication.getMethodName());
		String namespace = blankToNull(this.connectionDetails.getNamespace());
		if (namespace != null) {
			message.append(", namespace: ").append(namespace);
		}
		String loginNamespace = blankToNull(this.connectionDetails.getAuthenticationNamespace());
		if (loginNamespace != null && !loginNamespace.equals(namespace)) {
			message.append(", login namespace: ").append(loginNamespace);
		}
		message.append(')');
		VaultProperties.Embedded embedded = this.properties.getEmbedded();
		if (embedded.isEnabled() && embedded.getConsole().isEnabled()) {
			// the server was started before logging was set up, so its own line about the console is lost
			message.append("; its browser console is at ")
				.append(withoutUserInfo(this.connectionDetails.getUri()))
				.append("/ui/");
		}
		return message.toString();
	}

	private static String withoutUserInfo(URI uri) {
		try {
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (URISyntaxException ex) {
			return uri.getScheme() + "://" + uri.getHost();
		}
	}

	/**
	 * Create the KV mount resolver: versions are detected once per mount; {@code vault.kv.version} 1 or 2
	 * fixes the default mount's version and is the fallback when detection is denied (else version 2,
	 * with a warning naming {@code vault.kv.version}).
	 * @param client the client
	 * @return the resolver
	 */
	public KvMountResolver createMountResolver(VaultClient client) {
		KvVersion configured = switch (this.properties.getKv().getVersion().trim().toLowerCase(Locale.ROOT)) {
			case "1" -> KvVersion.V1;
			case "2" -> KvVersion.V2;
			default -> null;
		};
		KvMountResolver resolver = new KvMountResolver(client, (configured != null) ? configured : KvVersion.V2,
				"vault.kv.version");
		if (configured != null) {
			resolver.register(this.properties.getKv().getMount(), configured);
		}
		return resolver;
	}

	/**
	 * Create the secret store, reading through a {@link KvTemplate} per mount and namespace; it refreshes
	 * secrets on a pool of its own, which its {@link CachingSecretStore#close() close()} shuts down.
	 * @param client the client
	 * @param mountResolver the KV mount resolver
	 * @param defaultOperations the operations of the default mount to reuse, or {@code null}
	 * @return the secret store
	 */
	public CachingSecretStore createSecretStore(VaultClient client, KvMountResolver mountResolver,
			@Nullable KvOperations defaultOperations) {
		KvTemplates templates = new KvTemplates(client, mountResolver, JsonMapper.shared());
		if (defaultOperations != null) {
			templates.add(defaultOperations);
		}
		return new CachingSecretStore(SecretLoader.of(templates::get), getCacheSettings());
	}

	/**
	 * Create the resolver of secret references, with {@code vault.kv.mount} and
	 * {@code vault.kv.default-key}.
	 * @param store the secret store
	 * @return the resolver
	 */
	public SecretResolver createSecretResolver(SecretStore store) {
		return new SecretResolver(store, this.properties.getKv().getMount(), this.properties.getKv().getDefaultKey());
	}

	/**
	 * Return the HTTP transport shared by every client this factory creates, creating it on first use.
	 * @return the request factory
	 */
	public ClientHttpRequestFactory getRequestFactory() {
		ClientHttpRequestFactory requestFactory = this.requestFactory;
		if (requestFactory == null) {
			synchronized (this) {
				requestFactory = this.requestFactory;
				if (requestFactory == null) {
					requestFactory = createRequestFactory();
					this.requestFactory = requestFactory;
				}
			}
		}
		return requestFactory;
	}

	/**
	 * Close the HTTP transport this factory created, if any; clients created from it fail afterwards.
	 */
	@Override
	public void close() {
		ClientHttpRequestFactory requestFactory = this.requestFactory;
		if (requestFactory instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.debug("Could not close the Vault HTTP transport", ex);
			}
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
