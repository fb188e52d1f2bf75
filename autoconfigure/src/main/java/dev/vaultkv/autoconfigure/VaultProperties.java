package dev.vaultkv.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.vaultkv.client.InconsistentStateHandling;
import dev.vaultkv.database.DatabaseRole;

/**
 * Configuration properties for vaultkv ({@code vault.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("vault")
public class VaultProperties {

	/**
	 * Whether to enable the Vault integration.
	 */
	private boolean enabled = true;

	/**
	 * Address of the Vault server, for example https://vault.example.com:8200; falls back to the VAULT_ADDR environment variable.
	 */
	private @Nullable String uri;

	/**
	 * Vault Enterprise or OpenBao namespace to read secrets in; falls back to the VAULT_NAMESPACE environment variable.
	 */
	private @Nullable String namespace;

	/**
	 * Namespace to log in to, when it differs from the namespace secrets are read in.
	 */
	private @Nullable String authenticationNamespace;

	/**
	 * Timeout for establishing a connection to Vault.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Timeout for reading a response from Vault.
	 */
	private Duration readTimeout = Duration.ofSeconds(30);

	/**
	 * Method used to log in to Vault.
	 */
	private AuthenticationMethod authentication = AuthenticationMethod.TOKEN;

	/**
	 * Static token for token authentication; falls back to the VAULT_TOKEN environment variable, then to ~/.vault-token.
	 */
	private @Nullable String token;

	/**
	 * Whether to fail startup when Vault cannot be reached or a login or an imported path cannot be read.
	 */
	private boolean failFast = true;

	private final Ssl ssl = new Ssl();

	private final Connection connection = new Connection();

	private final AppRole appRole = new AppRole();

	private final Kubernetes kubernetes = new Kubernetes();

	private final Jwt jwt = new Jwt();

	private final Userpass userpass = new Userpass();

	private final Cert cert = new Cert();

	private final Ldap ldap = new Ldap();

	private final GitHub github = new GitHub();

	private final AwsIam awsIam = new AwsIam();

	private final AwsEc2 awsEc2 = new AwsEc2();

	private final Session session = new Session();

	private final Kv kv = new Kv();

	private final Cache cache = new Cache();

	private final Retry retry = new Retry();

	private final Rotation rotation = new Rotation();

	private final Scopes scopes = new Scopes();

	private final Tenants tenants = new Tenants();

	private final Embedded embedded = new Embedded();

	private final Database database = new Database();

	private final Consistency consistency = new Consistency();

	private final Proxy proxy = new Proxy();

	private final GcpGce gcpGce = new GcpGce();

	private final GcpIam gcpIam = new GcpIam();

	private final Azure azure = new Azure();

	private final WrappedToken wrappedToken = new WrappedToken();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getUri() {
		return this.uri;
	}

	public void setUri(@Nullable String uri) {
		this.uri = uri;
	}

	public @Nullable String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(@Nullable String namespace) {
		this.namespace = namespace;
	}

	public @Nullable String getAuthenticationNamespace() {
		return this.authenticationNamespace;
	}

	public void setAuthenticationNamespace(@Nullable String authenticationNamespace) {
		this.authenticationNamespace = authenticationNamespace;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public AuthenticationMethod getAuthentication() {
		return this.authentication;
	}

	public void setAuthentication(AuthenticationMethod authentication) {
		this.authentication = authentication;
	}

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Connection getConnection() {
		return this.connection;
	}

	public AppRole getAppRole() {
		return this.appRole;
	}

	public Kubernetes getKubernetes() {
		return this.kubernetes;
	}

	public Jwt getJwt() {
		return this.jwt;
	}

	public Userpass getUserpass() {
		return this.userpass;
	}

	public Cert getCert() {
		return this.cert;
	}

	public Ldap getLdap() {
		return this.ldap;
	}

	public GitHub getGithub() {
		return this.github;
	}

	public AwsIam getAwsIam() {
		return this.awsIam;
	}

	public AwsEc2 getAwsEc2() {
		return this.awsEc2;
	}

	public Session getSession() {
		return this.session;
	}

	public Kv getKv() {
		return this.kv;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Rotation getRotation() {
		return this.rotation;
	}

	public Scopes getScopes() {
		return this.scopes;
	}

	public Tenants getTenants() {
		return this.tenants;
	}

	public Database getDatabase() {
		return this.database;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public Consistency getConsistency() {
		return this.consistency;
	}

	/**
	 * Read-your-writes consistency with a Vault Enterprise cluster whose performance standbys answer
	 * reads.
	 *
	 * @since 0.1.0
	 */
	public static class Consistency {

		/**
		 * Whether to send back the X-Vault-Index states Vault reports on writes and logins, so that no
		 * node answers from storage older than this application's own writes; nothing is sent until a
		 * server reports one.
		 */
		private boolean readYourWrites = true;

		/**
		 * What a node that has not caught up with the states sent does with the request.
		 */
		private InconsistentStateHandling inconsistent = InconsistentStateHandling.FORWARD_ACTIVE_NODE;

		public boolean isReadYourWrites() {
			return this.readYourWrites;
		}

		public void setReadYourWrites(boolean readYourWrites) {
			this.readYourWrites = readYourWrites;
		}

		public InconsistentStateHandling getInconsistent() {
			return this.inconsistent;
		}

		public void setInconsistent(InconsistentStateHandling inconsistent) {
			this.inconsistent = inconsistent;
		}

	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public GcpGce getGcpGce() {
		return this.gcpGce;
	}

	public GcpIam getGcpIam() {
		return this.gcpIam;
	}

	public Azure getAzure() {
		return this.azure;
	}

	public WrappedToken getWrappedToken() {
		return this.wrappedToken;
	}

	/**
	 * TLS settings for the connection to Vault.
	 *
	 * @since 0.1.0
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) holding the trust material and, for cert authentication, the client certificate.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}
	}

	/**
	 * Connection reuse settings.
	 *
	 * @since 0.1.0
	 */
	public static class Connection {

		/**
		 * Whether to reuse connections between requests; when false, every request opens a fresh connection.
		 */
		private boolean reuse = true;

		/**
		 * How long an idle connection is kept open for reuse.
		 */
		private Duration idleTimeout = Duration.ofSeconds(30);

		/**
		 * Maximum number of connections open to Vault at once; further requests wait for one within
		 * the read timeout.
		 */
		private int maxConnections = 20;

		public boolean isReuse() {
			return this.reuse;
		}

		public void setReuse(boolean reuse) {
			this.reuse = reuse;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

	}

	/**
	 * AppRole authentication settings.
	 *
	 * @since 0.1.0
	 */
	public static class AppRole {

		/**
		 * AppRole role ID.
		 */
		private @Nullable String roleId;

		/**
		 * AppRole secret ID.
		 */
		private @Nullable String secretId;

		/**
		 * File holding the AppRole secret ID, read at each login.
		 */
		private @Nullable String secretIdFile;

		/**
		 * Mount path of the AppRole auth method.
		 */
		private String path = "approle";

		public @Nullable String getRoleId() {
			return this.roleId;
		}

		public void setRoleId(@Nullable String roleId) {
			this.roleId = roleId;
		}

		public @Nullable String getSecretId() {
			return this.secretId;
		}

		public void setSecretId(@Nullable String secretId) {
			this.secretId = secretId;
		}

		public @Nullable String getSecretIdFile() {
			return this.secretIdFile;
		}

		public void setSecretIdFile(@Nullable String secretIdFile) {
			this.secretIdFile = secretIdFile;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}
	}

	/**
	 * Kubernetes authentication settings.
	 *
	 * @since 0.1.0
	 */
	public static class Kubernetes {

		/**
		 * Vault role to log in as.
		 */
		private @Nullable String role;

		/**
		 * File holding the service account token, read at each login.
		 */
		private String serviceAccountTokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";

		/**
		 * Mount path of the Kubernetes auth method.
		 */
		private String path = "kubernetes";

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public String getServiceAccountTokenFile() {
			return this.serviceAccountTokenFile;
		}

		public void setServiceAccountTokenFile(String serviceAccountTokenFile) {
			this.serviceAccountTokenFile = serviceAccountTokenFile;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}
	}

	/**
	 * JWT/OIDC authentication settings.
	 *
	 * @since 0.1.0
	 */
	public static class Jwt {

		/**
		 * Vault role to log in as.
		 */
		private @Nullable String role;

		/**
		 * Signed JWT to log in with.
		 */
		private @Nullable String token;

		/**
		 * File holding the signed JWT, read at each login.
		 */
		private @Nullable String tokenFile;

		/**
		 * Mount path of the JWT auth method.
		 */
		private String path = "jwt";

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable String getTokenFile() {
			return this.tokenFile;
		}

		public void setTokenFile(@Nullable String tokenFile) {
			this.tokenFile = tokenFile;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}
	}

	/**
	 * Username and password authentication settings.
	 *
	 * @since 0.1.0
	 */
	public static class Userpass {

		/**
		 * Username to log in with.
		 */
		private @Nullable String username;

		/**
		 * Password to log in with.
		 */
		private @Nullable String password;

		/**
		 * Mount path of the userpass auth method.
		 */
		private String path = "userpass";

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}
	}

	/**
	 * AWS IAM authentication settings.
	 *
	 * @since 0.1.0
	 */
	public static class AwsIam {

		/**
		 * Vault role to log in as; Vault uses the IAM principal's friendly name when unset.
		 */
		private @Nullable String role;

		/**
		 * Mount path of the AWS auth method.
		 */
		private String path = "aws";

		/**
		 * AWS region to sign the STS request for; selects the regional STS endpoint, else the global one
		 * (us-east-1) is used.
		 */
		private @Nullable String region;

		/**
		 * STS endpoint the signed request is addressed to, overriding the one derived from the region.
		 */
		private @Nullable String stsEndpoint;

		/**
		 * Value of the signed X-Vault-AWS-IAM-Server-ID header, matching the auth method's
		 * iam_server_id_header_value.
		 */
		private @Nullable String serverId;

		/**
		 * AWS access key ID; without one, the AWS_* environment variables are used, then the AWS SDK v2
		 * default credentials chain when the SDK is on the class path.
		 */
		private @Nullable String accessKeyId;

		/**
		 * AWS secret access key of the access key ID.
		 */
		private @Nullable String secretAccessKey;

		/**
		 * AWS session token of temporary credentials.
		 */
		private @Nullable String sessionToken;

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public @Nullable String getStsEndpoint() {
			return this.stsEndpoint;
		}

		public void setStsEndpoint(@Nullable String stsEndpoint) {
			this.stsEndpoint = stsEndpoint;
		}

		public @Nullable String getServerId() {
			return this.serverId;
		}

		public void setServerId(@Nullable String serverId) {
			this.serverId = serverId;
		}

		public @Nullable String getAccessKeyId() {
			return this.accessKeyId;
		}

		public void setAccessKeyId(@Nullable String accessKeyId) {
			this.accessKeyId = accessKeyId;
		}

		public @Nullable String getSecretAccessKey() {
			return this.secretAccessKey;
		}

		public void setSecretAccessKey(@Nullable String secretAccessKey) {
			this.secretAccessKey = secretAccessKey;
		}

		public @Nullable String getSessionToken() {
			return this.sessionToken;
		}

		public void setSessionToken(@Nullable String sessionToken) {
			this.sessionToken = sessionToken;
		}

	}

	/**
	 * AWS EC2 authentication settings.
	 *
	 * @since 0.1.0
	 */
	public static class AwsEc2 {

		/**
		 * Vault role to log in as; Vault uses the instance's AMI ID when unset.
		 */
		private @Nullable String role;

		/**
		 * Mount path of the AWS auth method.
		 */
		private String path = "aws";

		/**
		 * Nonce Vault ties to the instance at its first login; when unset, one is generated at startup and
		 * kept for the application's re-logins.
		 */
		private @Nullable String nonce;

		/**
		 * Base URL of the EC2 instance metadata service.
		 */
		private String metadataEndpoint = "http://169.254.169.254";

		/**
		 * Connect and read timeout of instance metadata requests.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable String getNonce() {
			return this.nonce;
		}

		public void setNonce(@Nullable String nonce) {
			this.nonce = nonce;
		}

		public String getMetadataEndpoint() {
			return this.metadataEndpoint;
		}

		public void setMetadataEndpoint(String metadataEndpoint) {
			this.metadataEndpoint = metadataEndpoint;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * TLS certificate authentication settings; the client certificate comes from the SSL bundle.
	 *
	 * @since 0.1.0
	 */
	public static class Cert {

		/**
		 * Name of the certificate role to log in as, or empty to let Vault match any role.
		 */
		private @Nullable String name;

		/**
		 * Mount path of the cert auth method.
		 */
		private String path = "cert";

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}
	}

	/**
	 * LDAP authentication settings: Vault binds to its directory with the username and password.
	 *
	 * @since 0.1.0
	 */
	public static class Ldap {

		/**
		 * Directory username to log in with.
		 */
		private @Nullable String username;

		/**
		 * Password to log in with.
		 */
		private @Nullable String password;

		/**
		 * File holding the password, read again on every login.
		 */
		private @Nullable String passwordFile;

		/**
		 * Mount path of the LDAP auth method.
		 */
		private String path = "ldap";

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getPasswordFile() {
			return this.passwordFile;
		}

		public void setPasswordFile(@Nullable String passwordFile) {
			this.passwordFile = passwordFile;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * GitHub authentication settings: Vault checks a personal access token with GitHub.
	 *
	 * @since 0.1.0
	 */
	public static class GitHub {

		/**
		 * GitHub personal access token to log in with (it needs the read:org scope).
		 */
		private @Nullable String token;

		/**
		 * File holding the personal access token, read again on every login.
		 */
		private @Nullable String tokenFile;

		/**
		 * Mount path of the GitHub auth method.
		 */
		private String path = "github";

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable String getTokenFile() {
			return this.tokenFile;
		}

		public void setTokenFile(@Nullable String tokenFile) {
			this.tokenFile = tokenFile;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * Token session settings.
	 *
	 * @since 0.1.0
	 */
	public static class Session {

		/**
		 * How long before expiry a token is renewed at the latest, and replaced by a new login when renewal cannot extend it further.
		 */
		private Duration expiryThreshold = Duration.ofSeconds(30);

		/**
		 * TTL to ask for on each renewal of the token (the increment of auth/token/renew-self), capped by
		 * Vault at the token's max TTL. Unset, Vault grants the token's own TTL again.
		 */
		private @Nullable Duration renewalIncrement;

		public Duration getExpiryThreshold() {
			return this.expiryThreshold;
		}

		public void setExpiryThreshold(Duration expiryThreshold) {
			this.expiryThreshold = expiryThreshold;
		}

		public @Nullable Duration getRenewalIncrement() {
			return this.renewalIncrement;
		}

		public void setRenewalIncrement(@Nullable Duration renewalIncrement) {
			this.renewalIncrement = renewalIncrement;
		}

	}

	/**
	 * Key-value secrets engine settings.
	 *
	 * @since 0.1.0
	 */
	public static class Kv {

		/**
		 * Mount path of the key-value secrets engine that references without a mount read from.
		 */
		private String mount = "secret";

		/**
		 * Key read when a reference names a path but no key.
		 */
		private String defaultKey = "value";

		/**
		 * Version of the key-value secrets engine: auto to detect it once per mount, 1 or 2 to skip detection.
		 */
		private String version = "auto";

		/**
		 * Application name of the conventional contexts that spring.config.import=vault: reads; defaults to
		 * spring.application.name.
		 */
		private @Nullable String applicationName;

		/**
		 * Context shared by every application that spring.config.import=vault: reads below the application's
		 * own.
		 */
		private String defaultContext = "application";

		/**
		 * Separator between a context and a profile in the paths that spring.config.import=vault: reads.
		 */
		private String profileSeparator = "/";

		public @Nullable String getApplicationName() {
			return this.applicationName;
		}

		public void setApplicationName(@Nullable String applicationName) {
			this.applicationName = applicationName;
		}

		public String getDefaultContext() {
			return this.defaultContext;
		}

		public void setDefaultContext(String defaultContext) {
			this.defaultContext = defaultContext;
		}

		public String getProfileSeparator() {
			return this.profileSeparator;
		}

		public void setProfileSeparator(String profileSeparator) {
			this.profileSeparator = profileSeparator;
		}

		public String getMount() {
			return this.mount;
		}

		public void setMount(String mount) {
			this.mount = mount;
		}

		public String getDefaultKey() {
			return this.defaultKey;
		}

		public void setDefaultKey(String defaultKey) {
			this.defaultKey = defaultKey;
		}

		public String getVersion() {
			return this.version;
		}

		public void setVersion(String version) {
			this.version = version;
		}

		/**
		 * Whether a patch falls back to read, merge and write where Vault cannot patch: on a KV version 1
		 * mount (no check-and-set there, so the last writer wins) and for a token without the patch
		 * capability (a check-and-set write on the version read).
		 */
		private boolean patchFallback = true;

		public boolean isPatchFallback() {
			return this.patchFallback;
		}

		public void setPatchFallback(boolean patchFallback) {
			this.patchFallback = patchFallback;
		}
	}

	/**
	 * Secret cache settings.
	 *
	 * @since 0.1.0
	 */
	public static class Cache {

		/**
		 * How long a secret read from Vault is served before it is read again.
		 */
		private Duration ttl = Duration.ofMinutes(5);

		/**
		 * How long before the end of its time to live a secret that is in use is refreshed in the background.
		 */
		private Duration refreshAhead = Duration.ofMinutes(1);

		/**
		 * Maximum number of secret versions kept in the cache.
		 */
		private long maxSize = 10_000;

		/**
		 * How long past its time to live a secret is still served while Vault is unreachable or sealed.
		 */
		private Duration maxStaleness = Duration.ofHours(1);

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getRefreshAhead() {
			return this.refreshAhead;
		}

		public void setRefreshAhead(Duration refreshAhead) {
			this.refreshAhead = refreshAhead;
		}

		public long getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(long maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getMaxStaleness() {
			return this.maxStaleness;
		}

		public void setMaxStaleness(Duration maxStaleness) {
			this.maxStaleness = maxStaleness;
		}
	}

	/**
	 * Retry settings for transient failures (connection errors, 5xx, sealed, 429).
	 *
	 * @since 0.1.0
	 */
	public static class Retry {

		/**
		 * Whether to retry requests that failed for a transient reason.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of attempts per request, the first included.
		 */
		private int maxAttempts = 4;

		/**
		 * Maximum time spent retrying one request.
		 */
		private Duration totalTimeout = Duration.ofSeconds(30);

		/**
		 * Delay before the first retry.
		 */
		private Duration initialInterval = Duration.ofMillis(200);

		/**
		 * Multiplier applied to the delay after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Maximum delay between two attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		/**
		 * Random jitter added to or removed from each delay.
		 */
		private Duration jitter = Duration.ofMillis(50);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getTotalTimeout() {
			return this.totalTimeout;
		}

		public void setTotalTimeout(Duration totalTimeout) {
			this.totalTimeout = totalTimeout;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}
	}

	/**
	 * Embedded dev server settings (needs {@code dev.vaultkv:vaultkv-embedded}).
	 *
	 * @since 0.1.0
	 */
	public static class Embedded {

		/**
		 * Whether to start the embedded Vault-compatible dev server and connect to it with its root token.
		 */
		private boolean enabled;

		/**
		 * Port of the embedded dev server on 127.0.0.1, 0 for a free one.
		 */
		private int port;

		/**
		 * Location of a JSON file of secrets to write at start, such as {"secret/myapp/db": {"password":
		 * "..."}}: a file path or a resource location such as classpath:vault-seed.json.
		 */
		private @Nullable String seedFile;

		private final Console console = new Console();

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) the embedded dev server serves HTTPS with: its key store
		 * holds the server certificate and key, its trust store the CAs named in client certificate requests
		 * and, unless vault.ssl.bundle is set, what the client trusts.
		 */
		private @Nullable String sslBundle;

		/**
		 * Which server the embedded dev server answers as: Vault, or OpenBao (its version, health and seal
		 * status fields, paginated lists).
		 */
		private Flavour flavour = Flavour.VAULT;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public @Nullable String getSeedFile() {
			return this.seedFile;
		}

		public void setSeedFile(@Nullable String seedFile) {
			this.seedFile = seedFile;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public Flavour getFlavour() {
			return this.flavour;
		}

		public void setFlavour(Flavour flavour) {
			this.flavour = flavour;
		}

		public Console getConsole() {
			return this.console;
		}

		/**
		 * Which server the embedded dev server answers as.
		 *
		 * @since 0.1.0
		 */
		public enum Flavour {

			/**
			 * HashiCorp Vault.
			 */
			VAULT,

			/**
			 * OpenBao.
			 */
			OPENBAO

		}

		/**
		 * Browser console of the embedded dev server.
		 *
		 * @since 0.1.0
		 */
		public static class Console {

			/**
			 * Whether to serve the browser console at /ui/ of the embedded dev server.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Methods of logging in to Vault.
	 *
	 * @since 0.1.0
	 */
	public enum AuthenticationMethod {

		/**
		 * A static token ({@code vault.token}, {@code VAULT_TOKEN} or {@code ~/.vault-token}).
		 */
		TOKEN,

		/**
		 * AppRole login with a role ID and a secret ID.
		 */
		APPROLE,

		/**
		 * Kubernetes login with the pod's service account token.
		 */
		KUBERNETES,

		/**
		 * JWT/OIDC login with a signed JWT.
		 */
		JWT,

		/**
		 * Username and password login.
		 */
		USERPASS,

		/**
		 * TLS client certificate login.
		 */
		CERT,

		/**
		 * LDAP login with a directory username and password.
		 */
		LDAP,

		/**
		 * GitHub login with a personal access token.
		 */
		GITHUB,

		/**
		 * GCP login with the identity token of the Compute Engine instance.
		 */
		GCP_GCE,

		/**
		 * GCP login with a service account JWT signed by the IAM Credentials API.
		 */
		GCP_IAM,

		/**
		 * Azure login with the managed identity of the VM.
		 */
		AZURE,

		/**
		 * A Vault token delivered as a response-wrapping token, unwrapped once.
		 */
		WRAPPED_TOKEN,

		/**
		 * AWS IAM login with a signed sts:GetCallerIdentity request.
		 */
		AWS_IAM,

		/**
		 * AWS EC2 login with the instance's signed identity document.
		 */
		AWS_EC2

	}

	/**
	 * Polling of the secrets in use for new versions.
	 *
	 * @since 0.1.0
	 */
	public static class Rotation {

		/**
		 * Whether to poll the metadata of the secrets in use and publish SecretChangedEvent on change.
		 */
		private boolean enabled;

		/**
		 * How often each secret in use is polled; each instance polls at its own random phase.
		 */
		private Duration interval = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		/**
		 * How long after a consumer failed to apply a changed secret it is tried again, unless the
		 * secret changes before.
		 */
		private Duration retryInterval = Duration.ofSeconds(30);

		private final Consumer configurationProperties = new Consumer();

		private final Consumer datasource = new Consumer();

		private final Consumer redis = new Consumer();

		private final Consumer rabbit = new Consumer();

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		/**
		 * Rebinding of @ConfigurationProperties beans whose values come from a changed secret.
		 * @return the settings
		 */
		public Consumer getConfigurationProperties() {
			return this.configurationProperties;
		}

		/**
		 * New credentials for HikariCP pools whose user name or password come from a changed secret.
		 * @return the settings
		 */
		public Consumer getDatasource() {
			return this.datasource;
		}

		/**
		 * Current credentials for Lettuce connections from spring.data.redis.username and password.
		 * @return the settings
		 */
		public Consumer getRedis() {
			return this.redis;
		}

		/**
		 * New credentials for RabbitMQ connection factories from spring.rabbitmq.username and password.
		 * @return the settings
		 */
		public Consumer getRabbit() {
			return this.rabbit;
		}

		/**
		 * A built-in consumer of changed secrets.
		 */
		public static class Consumer {

			/**
			 * Whether changed secrets are applied to the component.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Application-scoped and instance-scoped key-value stores in Vault.
	 *
	 * @since 0.1.0
	 */
	public static class Scopes {

		/**
		 * Path of the map shared by every instance of the application; {application} is replaced by
		 * spring.application.name.
		 */
		private String applicationPath = "scopes/{application}/application";

		/**
		 * Path of each instance's own map; {application} and {instance} are replaced.
		 */
		private String instancePath = "scopes/{application}/instances/{instance}";

		/**
		 * Id of this instance, which keeps instance state and change detection across restarts. Defaults
		 * to the POD_NAME or HOSTNAME environment variable, then the host name; random when none is set, in
		 * which case the instance's secrets are deleted when the application stops.
		 */
		private @Nullable String instanceId;

		/**
		 * Maximum number of check-and-set attempts of a write that races with other instances.
		 */
		private int maxAttempts = 10;

		/**
		 * Folder where each instance records digests of the values it marked seen, for change detection;
		 * {application} and {instance} are replaced.
		 */
		private String hashesPath = "scopes/{application}/seen/{instance}";

		/**
		 * Whether the values of each scoped map the application used are marked seen when the application
		 * context closes.
		 */
		private boolean markSeenOnClose = true;

		public String getApplicationPath() {
			return this.applicationPath;
		}

		public void setApplicationPath(String applicationPath) {
			this.applicationPath = applicationPath;
		}

		public String getInstancePath() {
			return this.instancePath;
		}

		public void setInstancePath(String instancePath) {
			this.instancePath = instancePath;
		}

		public @Nullable String getInstanceId() {
			return this.instanceId;
		}

		public void setInstanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public String getHashesPath() {
			return this.hashesPath;
		}

		public void setHashesPath(String hashesPath) {
			this.hashesPath = hashesPath;
		}

		public boolean isMarkSeenOnClose() {
			return this.markSeenOnClose;
		}

		public void setMarkSeenOnClose(boolean markSeenOnClose) {
			this.markSeenOnClose = markSeenOnClose;
		}

	}

	/**
	 * Tenant-scoped access to secrets.
	 *
	 * @since 0.1.0
	 */
	public static class Tenants {

		/**
		 * Path prefix of a tenant's secrets; {tenant} is replaced by the tenant id.
		 */
		private String pathPrefix = "tenants/{tenant}/";

		/**
		 * Vault namespace of a tenant, for example 'tenants/{tenant}'; when unset, tenants share the
		 * client's namespace and are separated by path only.
		 */
		private @Nullable String namespace;

		public String getPathPrefix() {
			return this.pathPrefix;
		}

		public void setPathPrefix(String pathPrefix) {
			this.pathPrefix = pathPrefix;
		}

		public @Nullable String getNamespace() {
			return this.namespace;
		}

		public void setNamespace(@Nullable String namespace) {
			this.namespace = namespace;
		}

	}

	/**
	 * Database credentials from Vault's database secrets engine.
	 *
	 * @since 0.1.0
	 */
	public static class Database extends DatabaseRoleProperties {

		/**
		 * How long old dynamic credentials stay valid after new ones were handed out, so that connections
		 * drain; also the least remaining lease life at which they are replaced.
		 */
		private Duration revokeDelay = Duration.ofSeconds(30);

		/**
		 * How long after a static role's announced rotation its credentials are read again.
		 */
		private Duration staticMargin = Duration.ofSeconds(2);

		/**
		 * Whether leases created by this application are revoked when it stops.
		 */
		private boolean revokeOnShutdown = true;

		/**
		 * Further named credentials, each feeding its own user name and password properties.
		 */
		private final Map<String, DatabaseRoleProperties> datasources = new LinkedHashMap<>();

		public Database() {
			setUsernameProperty("spring.datasource.username");
			setPasswordProperty("spring.datasource.password");
		}

		public Duration getRevokeDelay() {
			return this.revokeDelay;
		}

		public void setRevokeDelay(Duration revokeDelay) {
			this.revokeDelay = revokeDelay;
		}

		public Duration getStaticMargin() {
			return this.staticMargin;
		}

		public void setStaticMargin(Duration staticMargin) {
			this.staticMargin = staticMargin;
		}

		public boolean isRevokeOnShutdown() {
			return this.revokeOnShutdown;
		}

		public void setRevokeOnShutdown(boolean revokeOnShutdown) {
			this.revokeOnShutdown = revokeOnShutdown;
		}

		public Map<String, DatabaseRoleProperties> getDatasources() {
			return this.datasources;
		}

	}

	/**
	 * A role of the database secrets engine and the properties its credentials feed.
	 *
	 * @since 0.1.0
	 */
	public static class DatabaseRoleProperties {

		/**
		 * Role to read credentials of; unset for none.
		 */
		private @Nullable String role;

		/**
		 * Mount path of the database secrets engine.
		 */
		private String mount = "database";

		/**
		 * Kind of role: dynamic (a user per lease) or static (an existing user whose password Vault rotates).
		 */
		private DatabaseRole.Kind kind = DatabaseRole.Kind.DYNAMIC;

		/**
		 * Property that the user name is given as.
		 */
		private @Nullable String usernameProperty;

		/**
		 * Property that the password is given as.
		 */
		private @Nullable String passwordProperty;

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public String getMount() {
			return this.mount;
		}

		public void setMount(String mount) {
			this.mount = mount;
		}

		public DatabaseRole.Kind getKind() {
			return this.kind;
		}

		public void setKind(DatabaseRole.Kind kind) {
			this.kind = kind;
		}

		public @Nullable String getUsernameProperty() {
			return this.usernameProperty;
		}

		public void setUsernameProperty(@Nullable String usernameProperty) {
			this.usernameProperty = usernameProperty;
		}

		public @Nullable String getPasswordProperty() {
			return this.passwordProperty;
		}

		public void setPasswordProperty(@Nullable String passwordProperty) {
			this.passwordProperty = passwordProperty;
		}

	}

	/**
	 * HTTP proxy for the connection to Vault; when no host is set, the JDK's proxy system properties
	 * (https.proxyHost, http.proxyHost, http.nonProxyHosts, ...) apply.
	 *
	 * @since 0.1.0
	 */
	public static class Proxy {

		/**
		 * Host name or address of the HTTP proxy to reach Vault through.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private @Nullable Integer port;

		/**
		 * Hosts reached directly, without the proxy; '*' is a wildcard, as in *.internal.example.com.
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		/**
		 * User name to authenticate to the proxy with.
		 */
		private @Nullable String username;

		/**
		 * Password to authenticate to the proxy with.
		 */
		private @Nullable String password;

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		@Override
		public String toString() {
			return "Proxy[host=" + this.host + ", port=" + this.port + ", nonProxyHosts=" + this.nonProxyHosts
					+ ", username=" + this.username + ", password=" + ((this.password != null) ? "******" : null)
					+ "]";
		}

	}

	/**
	 * GCP authentication settings for Compute Engine instances (role type {@code gce}).
	 *
	 * @since 0.1.0
	 */
	public static class GcpGce {

		/**
		 * Vault role to log in as.
		 */
		private @Nullable String role;

		/**
		 * Service account whose identity token is requested: "default" or an email of one attached to the
		 * instance.
		 */
		private String serviceAccount = "default";

		/**
		 * Audience of the identity token; must end in "vault/{role}" (by default "http://vault/{role}").
		 */
		private @Nullable String audience;

		/**
		 * Base URL of the GCE metadata server.
		 */
		private String metadataUri = "http://metadata.google.internal";

		/**
		 * Mount path of the GCP auth method.
		 */
		private String path = "gcp";

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public String getServiceAccount() {
			return this.serviceAccount;
		}

		public void setServiceAccount(String serviceAccount) {
			this.serviceAccount = serviceAccount;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

		public String getMetadataUri() {
			return this.metadataUri;
		}

		public void setMetadataUri(String metadataUri) {
			this.metadataUri = metadataUri;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * GCP authentication settings for service accounts (role type {@code iam}).
	 *
	 * @since 0.1.0
	 */
	public static class GcpIam {

		/**
		 * Vault role to log in as.
		 */
		private @Nullable String role;

		/**
		 * Email of the service account the JWT is signed for.
		 */
		private @Nullable String serviceAccount;

		/**
		 * Audience of the JWT; must end in "vault/{role}" (by default "http://vault/{role}").
		 */
		private @Nullable String audience;

		/**
		 * How long the signed JWT is valid; at most the role's max_jwt_exp (15 minutes unless raised, 60 at most).
		 */
		private Duration jwtValidity = Duration.ofMinutes(10);

		/**
		 * Base URL of the IAM Service Account Credentials API that signs the JWT.
		 */
		private String iamCredentialsUri = "https://iamcredentials.googleapis.com";

		/**
		 * Base URL of the GCE metadata server that provides the access token for the IAM Credentials API.
		 */
		private String metadataUri = "http://metadata.google.internal";

		/**
		 * Mount path of the GCP auth method.
		 */
		private String path = "gcp";

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public @Nullable String getServiceAccount() {
			return this.serviceAccount;
		}

		public void setServiceAccount(@Nullable String serviceAccount) {
			this.serviceAccount = serviceAccount;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

		public Duration getJwtValidity() {
			return this.jwtValidity;
		}

		public void setJwtValidity(Duration jwtValidity) {
			this.jwtValidity = jwtValidity;
		}

		public String getIamCredentialsUri() {
			return this.iamCredentialsUri;
		}

		public void setIamCredentialsUri(String iamCredentialsUri) {
			this.iamCredentialsUri = iamCredentialsUri;
		}

		public String getMetadataUri() {
			return this.metadataUri;
		}

		public void setMetadataUri(String metadataUri) {
			this.metadataUri = metadataUri;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * Azure managed identity authentication settings.
	 *
	 * @since 0.1.0
	 */
	public static class Azure {

		/**
		 * Vault role to log in as.
		 */
		private @Nullable String role;

		/**
		 * Resource the managed identity token is issued for; must equal the resource of the mount's config.
		 */
		private String resource = "https://management.azure.com/";

		/**
		 * Client id of the user-assigned managed identity to use instead of the system-assigned one.
		 */
		private @Nullable String clientId;

		/**
		 * Object id of the user-assigned managed identity to use instead of the system-assigned one.
		 */
		private @Nullable String objectId;

		/**
		 * Subscription id sent with the login; read from the instance metadata when not set.
		 */
		private @Nullable String subscriptionId;

		/**
		 * Resource group name sent with the login; read from the instance metadata when not set.
		 */
		private @Nullable String resourceGroupName;

		/**
		 * VM name sent with the login; read from the instance metadata when neither it nor the scale set
		 * name is set.
		 */
		private @Nullable String vmName;

		/**
		 * Virtual machine scale set name sent with the login instead of a VM name.
		 */
		private @Nullable String vmssName;

		/**
		 * Base URL of the Azure Instance Metadata Service.
		 */
		private String imdsUri = "http://169.254.169.254";

		/**
		 * Mount path of the Azure auth method.
		 */
		private String path = "azure";

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public String getResource() {
			return this.resource;
		}

		public void setResource(String resource) {
			this.resource = resource;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getObjectId() {
			return this.objectId;
		}

		public void setObjectId(@Nullable String objectId) {
			this.objectId = objectId;
		}

		public @Nullable String getSubscriptionId() {
			return this.subscriptionId;
		}

		public void setSubscriptionId(@Nullable String subscriptionId) {
			this.subscriptionId = subscriptionId;
		}

		public @Nullable String getResourceGroupName() {
			return this.resourceGroupName;
		}

		public void setResourceGroupName(@Nullable String resourceGroupName) {
			this.resourceGroupName = resourceGroupName;
		}

		public @Nullable String getVmName() {
			return this.vmName;
		}

		public void setVmName(@Nullable String vmName) {
			this.vmName = vmName;
		}

		public @Nullable String getVmssName() {
			return this.vmssName;
		}

		public void setVmssName(@Nullable String vmssName) {
			this.vmssName = vmssName;
		}

		public String getImdsUri() {
			return this.imdsUri;
		}

		public void setImdsUri(String imdsUri) {
			this.imdsUri = imdsUri;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * Settings of a Vault token delivered as a response-wrapping token.
	 *
	 * @since 0.1.0
	 */
	public static class WrappedToken {

		/**
		 * Response-wrapping token that wraps the Vault token; single use.
		 */
		private @Nullable String token;

		/**
		 * File holding the response-wrapping token.
		 */
		private @Nullable String tokenFile;

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable String getTokenFile() {
			return this.tokenFile;
		}

		public void setTokenFile(@Nullable String tokenFile) {
			this.tokenFile = tokenFile;
		}

	}

}
