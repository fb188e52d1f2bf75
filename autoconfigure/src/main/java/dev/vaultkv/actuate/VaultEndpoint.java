package dev.vaultkv.actuate;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.database.DatabaseCredentialsManager;
import dev.vaultkv.database.DatabaseCredentialsManagers;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.CachedSecret;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretSource;
import dev.vaultkv.secret.SecretStore;

/**
 * The read-only {@code vault} actuator endpoint: the resolved connection (role identity masked), the
 * token's state (never the token or its accessor), the KV mounts in use with their versions and the
 * secrets in use with their keys, version, age, way in and staleness (never a value).
 *
 * @since 0.1.0
 * @see RefreshableVaultEndpoint
 */
@Endpoint(id = "vault")
public class VaultEndpoint {

	private final VaultConnection connection;

	private final @Nullable SessionManager sessionManager;

	private final @Nullable SecretStore secretStore;

	private final @Nullable KvMountResolver mountResolver;

	private final String defaultMount;

	private final Clock clock;

	private volatile @Nullable SecretPropagator propagator;

	private volatile @Nullable DatabaseCredentialsManagers databaseCredentials;

	/**
	 * Create a new instance.
	 * @param connection the resolved connection
	 * @param sessionManager the session manager, or {@code null}
	 * @param secretStore the secret store, or {@code null}
	 * @param mountResolver the KV mount resolver, or {@code null}
	 * @param defaultMount the default KV mount
	 * @param clock the clock
	 */
	public VaultEndpoint(VaultConnection connection, @Nullable SessionManager sessionManager,
			@Nullable SecretStore secretStore, @Nullable KvMountResolver mountResolver, String defaultMount,
			Clock clock) {
		Assert.notNull(connection, "'connection' must not be null");
		Assert.hasText(defaultMount, "'defaultMount' must not be empty");
		Assert.notNull(clock, "'clock' must not be null");
		this.connection = connection;
		this.sessionManager = sessionManager;
		this.secretStore = secretStore;
		this.mountResolver = mountResolver;
		this.defaultMount = defaultMount;
		this.clock = clock;
	}

	/**
	 * Describe the Vault connection, token and secrets in use.
	 * @return the descriptor
	 */
	@ReadOperation
	public VaultDescriptor vault() {
		List<CachedSecret> cached = cachedSecrets();
		return new VaultDescriptor(connection(), token(), kvMounts(cached),
				cached.stream().map(VaultEndpoint::secretInUse).toList(), isRefreshEnabled(), consumers(),
				databaseCredentials());
	}

	/**
	 * Set the database credentials the endpoint lists.
	 * @param databaseCredentials the managers of the credentials, or {@code null}
	 */
	public void setDatabaseCredentials(@Nullable DatabaseCredentialsManagers databaseCredentials) {
		this.databaseCredentials = databaseCredentials;
	}

	private List<DatabaseCredentialsManager.Status> databaseCredentials() {
		DatabaseCredentialsManagers managers = this.databaseCredentials;
		return (managers != null)
				? managers.getManagers().stream().map(DatabaseCredentialsManager::getStatus).toList() : List.of();
	}

	/**
	 * Set the propagator whose consumers the endpoint lists.
	 * @param propagator the propagator, or {@code null}
	 */
	public void setPropagator(@Nullable SecretPropagator propagator) {
		this.propagator = propagator;
	}

	private List<VaultDescriptor.Consumer> consumers() {
		SecretPropagator propagator = this.propagator;
		if (propagator == null) {
			return List.of();
		}
		return propagator.getConsumers().stream().map((status) -> {
			Map<String, Long> follows = new TreeMap<>();
			status.appliedVersions().forEach((location, version) -> follows.put(location.toString(), version));
			return new VaultDescriptor.Consumer(status.name(), follows, status.applications(),
					status.lastAppliedAt(), status.failures(), status.lastFailure(), status.lastFailureAt(),
					status.failing());
		}).toList();
	}

	/**
	 * Return whether this endpoint offers the refresh operation.
	 * @return whether refresh is enabled
	 */
	protected boolean isRefreshEnabled() {
		return false;
	}

	/**
	 * Return the secret store.
	 * @return the store, or {@code null}
	 */
	protected @Nullable SecretStore getSecretStore() {
		return this.secretStore;
	}

	/**
	 * Return the default KV mount.
	 * @return the default mount
	 */
	protected String getDefaultMount() {
		return this.defaultMount;
	}

	private VaultDescriptor.Connection connection() {
		return new VaultDescriptor.Connection(withoutUserInfo(this.connection.uri()), this.connection.namespace(),
				this.connection.authenticationNamespace(), this.connection.authMethod(),
				mask(this.connection.roleIdentity()));
	}

	private VaultDescriptor.@Nullable Token token() {
		TokenState state = (this.sessionManager != null) ? this.sessionManager.getTokenState() : null;
		if (state == null) {
			return null;
		}
		Long ttl = (state.expiresAt() != null)
				? Math.max(0, Duration.between(this.clock.instant(), state.expiresAt()).toSeconds()) : null;
		return new VaultDescriptor.Token(ttl, state.renewable(), state.obtainedAt(), state.expiresAt(),
				state.loginObtained());
	}

	private List<CachedSecret> cachedSecrets() {
		if (this.secretStore instanceof CachingSecretStore store) {
			return store.getCachedSecrets()
				.stream()
				.sorted(Comparator.comparing((CachedSecret secret) -> String.valueOf(secret.location().namespace()))
					.thenComparing((secret) -> secret.location().mount())
					.thenComparing((secret) -> secret.location().path())
					.thenComparingLong((secret) -> secret.location().version()))
				.toList();
		}
		return List.of();
	}

	private List<VaultDescriptor.KvMount> kvMounts(List<CachedSecret> cached) {
		Set<String> mounts = new LinkedHashSet<>();
		mounts.add(this.defaultMount);
		cached.forEach((secret) -> mounts.add(secret.location().mount()));
		List<VaultDescriptor.KvMount> kvMounts = new ArrayList<>();
		for (String mount : mounts) {
			kvMounts.add(new VaultDescriptor.KvMount(mount, version(mount)));
		}
		return kvMounts;
	}

	private String version(String mount) {
		if (this.mountResolver == null) {
			return "unknown";
		}
		try {
			return switch (this.mountResolver.resolve(mount)) {
				case V1 -> "1";
				case V2 -> "2";
			};
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

	private static VaultDescriptor.SecretInUse secretInUse(CachedSecret secret) {
		List<String> sources = secret.sources().stream().sorted().map(VaultEndpoint::sourceName).toList();
		return new VaultDescriptor.SecretInUse(secret.location().namespace(), secret.location().mount(),
				secret.location().path(),
				secret.location().isPinned() ? secret.location().version() : null, secret.version(),
				secret.present(), secret.keys().stream().sorted().toList(), secret.age().toSeconds(), sources,
				secret.stale());
	}

	private static String sourceName(SecretSource source) {
		return switch (source) {
			case PLACEHOLDER -> "placeholder";
			case CONFIG_DATA -> "config-data";
			case ANNOTATION -> "@Secret";
			case API -> "api";
		};
	}

	static @Nullable String mask(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		return (trimmed.length() <= 6) ? "******" : trimmed.substring(0, 3) + "******";
	}

	private static String withoutUserInfo(URI uri) {
		try {
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
				.toString();
		}
		catch (URISyntaxException ex) {
			return uri.getScheme() + "://" + uri.getHost();
		}
	}

	/**
	 * The resolved connection the endpoint reports.
	 *
	 * @param uri the server address
	 * @param namespace the namespace secrets are read in, or {@code null}
	 * @param authenticationNamespace the namespace logged in to, or {@code null}
	 * @param authMethod the auth method name, or {@code null}
	 * @param roleIdentity the role, role ID or user name logged in with (masked when reported), or
	 * {@code null}
	 * @since 0.1.0
	 */
	public record VaultConnection(URI uri, @Nullable String namespace, @Nullable String authenticationNamespace,
			@Nullable String authMethod, @Nullable String roleIdentity) {

		@Override
		public String toString() {
			return "VaultConnection[uri=" + withoutUserInfo(this.uri) + ", namespace=" + this.namespace
					+ ", authMethod=" + this.authMethod + "]";
		}

	}

}
