package dev.vaultkv.embedded.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.acl.PolicyParser;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.BackendRegistry;
import dev.vaultkv.embedded.spi.IssuedToken;
import dev.vaultkv.embedded.spi.MountContext;
import dev.vaultkv.embedded.spi.TokenIssuer;
import dev.vaultkv.embedded.spi.TokenSpec;

/**
 * Everything the server holds: namespaces with their mounts and policies, tokens, wrapped responses, the
 * seal and health state.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class ServerState {

	static final String DEFAULT_POLICY = """
			# Allow tokens to look up their own properties
			path "auth/token/lookup-self" {
			    capabilities = ["read"]
			}

			# Allow tokens to renew themselves
			path "auth/token/renew-self" {
			    capabilities = ["update"]
			}

			# Allow tokens to revoke themselves
			path "auth/token/revoke-self" {
			    capabilities = ["update"]
			}

			# Allow a token to look up its own capabilities on a path
			path "sys/capabilities-self" {
			    capabilities = ["update"]
			}

			# Allow a token to look up its own entity by id or name
			path "identity/entity/id/{{identity.entity.id}}" {
			  capabilities = ["read"]
			}
			path "identity/entity/name/{{identity.entity.name}}" {
			  capabilities = ["read"]
			}

			# Allow a token to look up its resultant ACL from all policies
			path "sys/internal/ui/resultant-acl" {
			    capabilities = ["read"]
			}

			# Allow a token to renew a lease via lease_id in the request body
			path "sys/renew" {
			    capabilities = ["update"]
			}
			path "sys/leases/renew" {
			    capabilities = ["update"]
			}

			# Allow looking up lease properties
			path "sys/leases/lookup" {
			    capabilities = ["update"]
			}

			# Allow a token to manage its own cubbyhole
			path "cubbyhole/*" {
			    capabilities = ["create", "read", "update", "delete", "list"]
			}

			# Allow a token to wrap arbitrary values in a response-wrapping token
			path "sys/wrapping/wrap" {
			    capabilities = ["update"]
			}

			# Allow a token to look up the creation time and TTL of a given
			# response-wrapping token
			path "sys/wrapping/lookup" {
			    capabilities = ["update"]
			}

			# Allow a token to unwrap a response-wrapping token
			path "sys/wrapping/unwrap" {
			    capabilities = ["update"]
			}

			# Allow general purpose tools
			path "sys/tools/hash" {
			    capabilities = ["update"]
			}
			path "sys/tools/hash/*" {
			    capabilities = ["update"]
			}

			# Allow a token to make requests to the Authorization Endpoint for OIDC providers
			path "identity/oidc/provider/+/authorize" {
			    capabilities = ["read", "update"]
			}
			""";

	private final ServerSettings settings;

	private final Instant installedAt;

	private final Clock clock;

	private final BackendRegistry registry;

	private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

	private final TokenStore tokens = new TokenStore();

	private final TokenFactory tokenFactory = new TokenFactory(this);

	private final WrappingStore wrapping = new WrappingStore();

	private final AclService acls = new AclService(this);

	private final LeaseManager leases = new LeaseManager(this);

	private final Housekeeping housekeeping = new Housekeeping(this);

	private final Map<String, Map<String, ObjectNode>> cubbyholes = new ConcurrentHashMap<>();

	private final Object mountLock = new Object();

	private final Map<String, ObjectNode> migrations = new ConcurrentHashMap<>();

	private volatile boolean sealed;

	private volatile boolean standby;

	private volatile boolean initialized = true;

	/**
	 * Create the state with dev defaults.
	 * @param settings the settings
	 * @param clock the clock
	 * @param registry the backend types
	 * @since 0.1.0
	 */
	public ServerState(ServerSettings settings, Clock clock, BackendRegistry registry) {
		this.settings = settings;
		this.clock = clock;
		this.installedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		this.registry = registry;
		this.tokens.onRevoke(this.cubbyholes::remove);
		this.tokens.onRevoke((tokenId) -> this.leases.expireOwnedBy(tokenId, now()));
		reset();
	}

	/**
	 * Return to dev defaults: only the root namespace with its default mounts and policies, only the root
	 * token, unsealed, active and initialized.
	 * @since 0.1.0
	 */
	public void reset() {
		synchronized (this.mountLock) {
			// while the engines still run: a reset must not leave issued database users behind
			this.leases.revokeAll(now());
			for (Namespace namespace : this.namespaces.values()) {
				closeBackends(namespace);
			}
			this.namespaces.clear();
			this.tokens.revokeIf((record) -> true);
			this.wrapping.clear();
			this.cubbyholes.clear();
			this.migrations.clear();
			this.sealed = false;
			this.standby = false;
			this.initialized = true;
			Namespace root = createNamespace("", Map.of());
			this.tokenFactory.create(new TokenFactory.Request(root, List.of("root"), null, null, null, null, false,
					true, true, Map.of(), "auth/token/root", "root", 0, "service", null, this.settings.rootToken(), 0,
					0, "", ""));
			MountEntry secret = newMount(root, "secret/", "kv", false, "key/value secret storage", false, false);
			secret.options().put("version", "2");
			attach(root, secret);
		}
	}

	private void closeBackends(Namespace namespace) {
		for (MountEntry entry : namespace.mounts().values()) {
			Backend backend = entry.backend();
			if (backend != null) {
				try {
					backend.close();
				}
				catch (RuntimeException ex) {
					// a failing backend must not stop the reset
				}
			}
		}
	}

	/**
	 * Release every backend's resources (such as database connections) when the server stops. Leases are
	 * kept, as a stopped Vault keeps them.
	 * @since 0.1.0
	 */
	public void shutdown() {
		synchronized (this.mountLock) {
			for (Namespace namespace : this.namespaces.values()) {
				closeBackends(namespace);
			}
		}
	}

	Namespace createNamespace(String path, Map<String, String> customMetadata) {
		synchronized (this.mountLock) {
			Namespace namespace = new Namespace(path, customMetadata);
			namespace.policies().put("default", PolicyParser.parse("default", DEFAULT_POLICY));
			attach(namespace, newMount(namespace, "cubbyhole/", "cubbyhole", false, "per-token private secret storage",
					true, true));
			attach(namespace, newMount(namespace, "identity/", "identity", false, "identity store", false, true));
			attach(namespace, newMount(namespace, "sys/", "system", false,
					"system endpoints used for control, policy and debugging", false, true));
			attach(namespace, newMount(namespace, "auth/token/", "token", true, "token based credentials", false, true));
			this.namespaces.put(path, namespace);
			return namespace;
		}
	}

	void deleteNamespace(Namespace namespace) {
		synchronized (this.mountLock) {
			for (MountEntry entry : namespace.mounts().values()) {
				if (!entry.isAuth()) {
					this.leases.revokePrefix(namespace, entry.path(), true, true, now());
				}
			}
			closeBackends(namespace);
			this.namespaces.remove(namespace.path());
			this.tokens.revokeIf((record) -> record.namespace.equals(namespace.path()));
		}
	}

	MountEntry newMount(Namespace namespace, String path, String type, boolean auth, String description,
			boolean local, boolean builtin) {
		return new MountEntry(path, type, auth, description, local, false, builtin);
	}

	/**
	 * Create the backend of a mount and add it to the namespace.
	 */
	void attach(Namespace namespace, MountEntry entry) {
		Backend backend = createBackend(namespace, entry);
		entry.backend(backend);
		namespace.mounts().put(entry.path(), entry);
	}

	/**
	 * Remove a mount, revoking the leases it issued first (as Vault's unmount does).
	 * @throws LeaseException if a lease cannot be revoked; the mount then stays
	 */
	void detach(Namespace namespace, MountEntry entry) {
		synchronized (this.mountLock) {
			if (!entry.isAuth()) {
				this.leases.revokePrefix(namespace, entry.path(), false, true, now());
			}
			namespace.mounts().remove(entry.path());
			Backend backend = entry.backend();
			if (backend != null) {
				backend.close();
			}
			if (entry.isAuth()) {
				this.tokens.revokeIf((record) -> record.namespace.equals(namespace.path())
						&& record.path.startsWith(entry.path()));
			}
		}
	}

	/**
	 * Move a mount to another path of its namespace (Vault's remount): the leases it issued are revoked (and
	 * the tokens an auth method issued), its data and settings move with it.
	 * @throws LeaseException if a lease cannot be revoked; the mount then stays
	 */
	void move(Namespace namespace, MountEntry entry, String target) {
		synchronized (this.mountLock) {
			if (entry.isAuth()) {
				this.tokens.revokeIf((record) -> record.namespace.equals(namespace.path())
						&& record.path.startsWith(entry.path()));
			}
			else {
				this.leases.revokePrefix(namespace, entry.path(), false, true, now());
			}
			namespace.mounts().remove(entry.path());
			entry.path(target);
			namespace.mounts().put(target, entry);
		}
	}

	/**
	 * Return the {@code sys/remount} migrations by id.
	 */
	Map<String, ObjectNode> migrations() {
		return this.migrations;
	}

	Object mountLock() {
		return this.mountLock;
	}

	private @Nullable Backend createBackend(Namespace namespace, MountEntry entry) {
		switch (entry.type()) {
			case "system":
				return new SysBackend(this, namespace);
			case "token":
				return new TokenBackend(this, namespace, entry);
			case "cubbyhole":
				return new CubbyholeBackend(this);
			case "identity":
				return new IdentityBackend();
			default:
				BackendFactory factory = entry.isAuth() ? this.registry.authMethod(entry.type())
						: this.registry.secretEngine(entry.type());
				return (factory != null) ? factory.create(new Context(namespace, entry, this.clock)) : null;
		}
	}

	/**
	 * Create a second, independent instance of a mount's backend, keeping time on another clock (a
	 * cluster's performance standby replays writes into one to serve reads from a lagging copy).
	 * @param namespacePath the path of the mount's namespace ({@code ""} for the root namespace)
	 * @param entry the mount
	 * @param clock the clock the new instance reads
	 * @return the new backend, or {@code null} if the mount's type has no registered factory
	 * @since 0.1.0
	 */
	public @Nullable Backend newBackendInstance(String namespacePath, MountEntry entry, Clock clock) {
		Namespace namespace = this.namespaces.get(namespacePath);
		if (namespace == null || entry.isAuth()) {
			return null;
		}
		BackendFactory factory = this.registry.secretEngine(entry.type());
		return (factory != null) ? factory.create(new Context(namespace, entry, clock)) : null;
	}

	boolean isKnownType(String type, boolean auth) {
		return auth ? this.registry.authMethod(type) != null : this.registry.secretEngine(type) != null;
	}

	/**
	 * Return the effective default lease TTL of a mount in seconds.
	 */
	long defaultTtl(MountEntry entry) {
		long value = (entry.defaultLeaseTtl() > 0) ? entry.defaultLeaseTtl() : this.settings.defaultLeaseTtl().getSeconds();
		return Math.min(value, maxTtl(entry));
	}

	/**
	 * Return the effective max lease TTL of a mount in seconds.
	 */
	long maxTtl(MountEntry entry) {
		return (entry.maxLeaseTtl() > 0) ? entry.maxLeaseTtl() : this.settings.maxLeaseTtl().getSeconds();
	}

	/**
	 * Issue a login token for an auth method mount.
	 */
	IssuedToken issue(Namespace mountNamespace, MountEntry entry, TokenSpec spec) {
		Namespace namespace = (spec.namespace().equals(mountNamespace.path())) ? mountNamespace
				: namespaceOrDefault(spec.namespace(), mountNamespace);
		String entityId = UUID
			.nameUUIDFromBytes((namespace.path() + "|" + entry.accessor() + "|" + spec.displayName() + "|"
					+ new TreeMap<>(spec.metadata())).getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.toString();
		String type = spec.tokenType().toLowerCase(Locale.ROOT).contains("batch") ? "batch" : "service";
		TokenFactory.Created created = this.tokenFactory.create(new TokenFactory.Request(namespace, spec.policies(),
				spec.ttl(), spec.maxTtl(), spec.explicitMaxTtl(), spec.period(), spec.renewable(), true,
				spec.noDefaultPolicy(), spec.metadata(), spec.path(), spec.displayName(), Math.max(0, spec.numUses()),
				type, null, null, defaultTtl(entry), maxTtl(entry), entityId, ""));
		return issued(created.record(), created.warnings());
	}

	private Namespace namespaceOrDefault(String path, Namespace fallback) {
		String normalized = (path.isEmpty() || path.endsWith("/")) ? path : path + "/";
		Namespace namespace = this.namespaces.get(normalized);
		return (namespace != null) ? namespace : fallback;
	}

	static IssuedToken issued(TokenRecord record, List<String> warnings) {
		return new IssuedToken(record.id, record.accessor, record.policies, record.metadata, record.ttl,
				record.renewable, record.type, record.orphan, record.entityId, List.copyOf(warnings));
	}

	/**
	 * Find the namespace of a full path (header prefix plus URL path): the longest existing namespace prefix.
	 * @return the namespace and the remaining path
	 */
	Map.Entry<Namespace, String> resolve(String fullPath) {
		Namespace best = this.namespaces.get("");
		for (Namespace namespace : this.namespaces.values()) {
			String path = namespace.path();
			if (!path.isEmpty() && (fullPath.startsWith(path) || fullPath.equals(path.substring(0, path.length() - 1)))
					&& path.length() > best.path().length()) {
				best = namespace;
			}
		}
		String rest = (fullPath.length() >= best.path().length()) ? fullPath.substring(best.path().length()) : "";
		return Map.entry(best, rest);
	}

	@Nullable Namespace namespace(String path) {
		return this.namespaces.get(path);
	}

	List<Namespace> namespaces() {
		return new ArrayList<>(this.namespaces.values());
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * The time the server's version was "installed" ({@code sys/version-history}): when it was created.
	 */
	Instant installedAt() {
		return this.installedAt;
	}

	Clock clock() {
		return this.clock;
	}

	/**
	 * Return the settings.
	 * @return the settings
	 * @since 0.1.0
	 */
	public ServerSettings settings() {
		return this.settings;
	}

	TokenStore tokens() {
		return this.tokens;
	}

	TokenFactory tokenFactory() {
		return this.tokenFactory;
	}

	WrappingStore wrapping() {
		return this.wrapping;
	}

	LeaseManager leases() {
		return this.leases;
	}

	/**
	 * Do the time-driven work that is due (token and lease expiry, static credential rotation).
	 * @since 0.1.0
	 */
	public void runHousekeeping() {
		this.housekeeping.run();
	}

	/**
	 * Return a copy of every live lease, in lease ID order.
	 * @return the leases
	 * @since 0.1.0
	 */
	public List<LeaseSnapshot> leaseSnapshots() {
		return this.leases.snapshots();
	}

	AclService acls() {
		return this.acls;
	}

	Map<String, ObjectNode> cubbyhole(String tokenId) {
		return this.cubbyholes.computeIfAbsent(tokenId, (key) -> new ConcurrentSkipListMap<>());
	}

	/**
	 * Revoke every token except the root token.
	 * @since 0.1.0
	 */
	public void revokeAllTokens() {
		this.tokens.revokeIf((record) -> !record.id.equals(this.settings.rootToken()));
		this.wrapping.clear();
	}

	/**
	 * Return whether the server is sealed.
	 * @return whether sealed
	 * @since 0.1.0
	 */
	public boolean isSealed() {
		return this.sealed;
	}

	/**
	 * Seal or unseal.
	 * @param sealed the new state
	 * @since 0.1.0
	 */
	public void setSealed(boolean sealed) {
		this.sealed = sealed;
	}

	/**
	 * Return whether the server reports itself as a standby.
	 * @return whether standby
	 * @since 0.1.0
	 */
	public boolean isStandby() {
		return this.standby;
	}

	/**
	 * Set the standby flag reported by {@code sys/health}.
	 * @param standby the flag
	 * @since 0.1.0
	 */
	public void setStandby(boolean standby) {
		this.standby = standby;
	}

	/**
	 * Return whether the server reports itself as initialized.
	 * @return whether initialized
	 * @since 0.1.0
	 */
	public boolean isInitialized() {
		return this.initialized;
	}

	/**
	 * Set the initialized flag reported by {@code sys/health} and {@code sys/init}.
	 * @param initialized the flag
	 * @since 0.1.0
	 */
	public void setInitialized(boolean initialized) {
		this.initialized = initialized;
	}

	private final class Context implements MountContext {

		private final Namespace namespace;

		private final MountEntry entry;

		private final Clock contextClock;

		Context(Namespace namespace, MountEntry entry, Clock contextClock) {
			this.namespace = namespace;
			this.entry = entry;
			this.contextClock = contextClock;
		}

		@Override
		public String path() {
			return this.entry.path();
		}

		@Override
		public String type() {
			return this.entry.type();
		}

		@Override
		public Map<String, String> options() {
			return this.entry.options();
		}

		@Override
		public String namespace() {
			return this.namespace.path();
		}

		@Override
		public Clock clock() {
			return this.contextClock;
		}

		@Override
		public TokenIssuer tokens() {
			return (spec) -> issue(this.namespace, this.entry, spec);
		}

		@Override
		public long defaultLeaseTtlSeconds() {
			return defaultTtl(this.entry);
		}

		@Override
		public long maxLeaseTtlSeconds() {
			return maxTtl(this.entry);
		}

		@Override
		public boolean paginatesLists() {
			return ServerState.this.settings.openBao();
		}

	}

}
