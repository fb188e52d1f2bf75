package dev.vaultkv.embedded.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.embedded.RequestLog;
import dev.vaultkv.embedded.VaultHttpListener;
import dev.vaultkv.embedded.server.BackendInvoker;
import dev.vaultkv.embedded.server.HttpCall;
import dev.vaultkv.embedded.server.HttpResult;
import dev.vaultkv.embedded.server.Ids;
import dev.vaultkv.embedded.server.Json;
import dev.vaultkv.embedded.server.MountEntry;
import dev.vaultkv.embedded.server.RequestProcessor;
import dev.vaultkv.embedded.server.SecretWriter;
import dev.vaultkv.embedded.server.ServerSettings;
import dev.vaultkv.embedded.server.ServerState;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendRegistry;
import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * Several embedded Vault nodes in one JVM forming one HA cluster, for development and tests only: each node
 * listens on its own 127.0.0.1 port, all share one store, node 0 starts active. Standbys forward requests to
 * the active node (or redirect with 307 when forwarding is off); performance standbys answer KV reads from a
 * copy that lags the active node by the replication lag on the server clock. Writes and logins answer with
 * Vault Enterprise's {@code X-Vault-Index} header, and requests carrying one are honoured.
 * <p>
 * In {@link Flavour#OPENBAO OpenBao flavour} the nodes answer as OpenBao 2.6's HA nodes: there are no
 * performance standbys and no {@code X-Vault-Index}; every standby serves reads itself ("standby reads",
 * OpenBao's default since 2.5) from the lagging copy and forwards writes, unless
 * {@link Builder#standbyReads(boolean) standby reads} are off.
 *
 * <pre class="code">
 * try (EmbeddedVaultCluster cluster = EmbeddedVaultCluster.builder().nodes(3).performanceStandbys(2)
 * 		.replicationLag(Duration.ofSeconds(1)).start()) {
 * 	URI active = cluster.active().address();
 * 	cluster.stepDown(); // node 1 becomes active once the election delay has passed on cluster.clock()
 * }
 * </pre>
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class EmbeddedVaultCluster implements AutoCloseable {

	private static final ThreadLocal<Long> WRITE_INDEX = new ThreadLocal<>();

	private final ServerState state;

	private final ControllableClock clock;

	private final ReplicationLog log = new ReplicationLog();

	private final IndexHeader indexHeader;

	private final List<ClusterNode> nodes = new ArrayList<>();

	private final RequestLog requestLog = new RequestLog();

	private final RequestProcessor probe;

	private final Object lock = new Object();

	private final ReentrantLock kvWriteLock = new ReentrantLock();

	// the write index at which each token was issued, so performance standbys know tokens only once replicated
	private final Map<String, Long> tokenIndexes = new ConcurrentHashMap<>();

	private final Duration replicationLag;

	private final Duration electionDelay;

	private final boolean forwarding;

	private final int performanceStandbys;

	private final Flavour flavour;

	private final boolean standbyReads;

	private final Map<String, Map<String, Object>> seeds;

	private final Map<String, String> mounts;

	private final Runnable housekeeping;

	private final AtomicBoolean closed = new AtomicBoolean();

	// guarded by lock
	private @Nullable ClusterNode active;

	private @Nullable Instant activeSince;

	private @Nullable Instant electionDue;

	private int lastActive;

	private EmbeddedVaultCluster(Builder builder) {
		this.clock = builder.clock;
		this.replicationLag = builder.replicationLag;
		this.electionDelay = builder.electionDelay;
		this.forwarding = builder.forwarding;
		this.performanceStandbys = builder.performanceStandbys;
		this.flavour = builder.flavour;
		this.standbyReads = builder.flavour.isOpenBao() && builder.standbyReads;
		this.seeds = new LinkedHashMap<>(builder.seeds);
		this.mounts = new LinkedHashMap<>(builder.mounts);
		ServerSettings settings = new ServerSettings(builder.rootToken, builder.defaultLeaseTtl, builder.maxLeaseTtl,
				builder.maxRequestSize,
				(builder.version != null) ? builder.version : builder.flavour.defaultClusterVersion(),
				builder.clusterName, Ids.uuid(), Ids.base62(44), builder.flavour.isOpenBao());
		this.state = new ServerState(settings, this.clock, BackendRegistry.withDefaults());
		this.probe = new RequestProcessor(this.state);
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.indexHeader = new IndexHeader(settings.clusterId(), key);
		this.housekeeping = this::tick;
		this.clock.addListener(this.housekeeping);
		for (int i = 0; i < builder.nodes; i++) {
			int port = (builder.basePort == 0) ? 0 : builder.basePort + i;
			this.nodes.add(newNode(i, port, builder));
		}
		try {
			for (ClusterNode node : this.nodes) {
				node.listener().start();
			}
			synchronized (this.lock) {
				activate(this.nodes.get(0), this.clock.instant());
			}
			applySeeds();
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private ClusterNode newNode(int id, int port, Builder builder) {
		ReplicaStore replicas = new ReplicaStore(this.state, this.log, this.clock);
		ClusterNode[] self = new ClusterNode[1];
		RequestProcessor activeProcessor = new RequestProcessor(this.state, new ActiveInvoker(self));
		RequestProcessor standbyProcessor = new RequestProcessor(this.state, new StandbyInvoker(self));
		VaultHttpListener listener = new VaultHttpListener("node-" + id, port, (call) -> handle(self[0], call),
				this.state, this.clock, builder.maxRequestSize, builder.threads, List.of(this.requestLog),
				builder.sslContext);
		self[0] = new ClusterNode(this, id, listener, activeProcessor, standbyProcessor, replicas);
		return self[0];
	}

	/**
	 * Start a cluster with the defaults: 3 nodes, no performance standby, free ports, root token {@code root}.
	 * @return the running cluster
	 * @since 0.1.0
	 */
	public static EmbeddedVaultCluster start() {
		return builder().start();
	}

	/**
	 * Return a builder.
	 * @return a new builder
	 * @since 0.1.0
	 */
	public static Builder builder() {
		return new Builder();
	}

	// ---- public API

	/**
	 * Return the active node (holding elections that are due first).
	 * @return the active node
	 * @throws IllegalStateException during an election, when no node is active
	 * @since 0.1.0
	 */
	public ClusterNode active() {
		synchronized (this.lock) {
			refresh();
			if (this.active == null) {
				throw new IllegalStateException("No node is active: an election is under way until "
						+ this.electionDue + " on the cluster clock");
			}
			return this.active;
		}
	}

	/**
	 * Return the active node, or {@code null} during an election.
	 * @return the active node or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable ClusterNode activeOrNull() {
		synchronized (this.lock) {
			refresh();
			return this.active;
		}
	}

	/**
	 * Return a node.
	 * @param index the node's number, {@code 0} to {@code nodes - 1}
	 * @return the node
	 * @since 0.1.0
	 */
	public ClusterNode node(int index) {
		if (index < 0 || index >= this.nodes.size()) {
			throw new IllegalArgumentException(
					"'index' must be between 0 and " + (this.nodes.size() - 1) + " but was " + index);
		}
		return this.nodes.get(index);
	}

	/**
	 * Return every node, in order.
	 * @return the nodes
	 * @since 0.1.0
	 */
	public List<ClusterNode> nodes() {
		return List.copyOf(this.nodes);
	}

	/**
	 * Return the addresses of every node, in order (e.g. for a client's list of Vault addresses).
	 * @return the addresses
	 * @since 0.1.0
	 */
	public List<URI> addresses() {
		return this.nodes.stream().map(ClusterNode::address).toList();
	}

	/**
	 * Make the active node step down, as {@code PUT sys/step-down} does: no node is active until the next
	 * healthy node after it wins the election, {@link Builder#electionDelay(Duration) election delay} later
	 * on the cluster clock.
	 * @since 0.1.0
	 */
	public void stepDown() {
		synchronized (this.lock) {
			refresh();
			if (this.active != null) {
				loseLeadership();
			}
		}
	}

	/**
	 * Return the shared server clock: replication lag and elections run on it.
	 * @return the clock
	 * @since 0.1.0
	 */
	public ControllableClock clock() {
		return this.clock;
	}

	/**
	 * Return every request any node received over HTTP, once each (forwarded requests are not repeated).
	 * @return the aggregate request log
	 * @since 0.1.0
	 */
	public RequestLog requestLog() {
		return this.requestLog;
	}

	/**
	 * Return the root token.
	 * @return the root token
	 * @since 0.1.0
	 */
	public String getRootToken() {
		return this.state.settings().rootToken();
	}

	/**
	 * Return the cluster ID reported by {@code sys/health} and carried in {@code X-Vault-Index}.
	 * @return the cluster ID
	 * @since 0.1.0
	 */
	public String getClusterId() {
		return this.state.settings().clusterId();
	}

	/**
	 * Return which server the nodes answer as.
	 * @return the flavour
	 * @since 0.1.0
	 */
	public Flavour flavour() {
		return this.flavour;
	}

	/**
	 * Return the replication lag of performance standbys (of every standby serving reads in OpenBao
	 * flavour).
	 * @return the lag
	 * @since 0.1.0
	 */
	public Duration replicationLag() {
		return this.replicationLag;
	}

	/**
	 * Return how long the cluster has no active node after the active one is gone.
	 * @return the election delay
	 * @since 0.1.0
	 */
	public Duration electionDelay() {
		return this.electionDelay;
	}

	/**
	 * Return the index of the latest write the active node applied.
	 * @return the index
	 * @since 0.1.0
	 */
	public long index() {
		return this.log.current();
	}

	/**
	 * Write a secret through the active node's KV engine, as the root token (like
	 * {@code EmbeddedVaultServer.putSecret}); performance standbys see it after the replication lag.
	 * @param path the mount-qualified path, e.g. {@code secret/app/db}
	 * @param data the fields
	 * @since 0.1.0
	 */
	public void putSecret(String path, Map<String, ?> data) {
		SecretWriter.put((call) -> serveAsActive(active(), call), getRootToken(), path, data);
	}

	/**
	 * Return to the state right after start: the shared store reset to dev defaults with the builder's mounts
	 * and secrets, every node started and healed, node 0 active, no faults, empty request logs, the clock back
	 * on real time, the write index back to 0.
	 * @since 0.1.0
	 */
	public void reset() {
		synchronized (this.lock) {
			this.clock.reset();
			for (ClusterNode node : this.nodes) {
				node.faults().clear();
				node.partitioned = false;
				node.stopped = false;
				node.sealed = false;
				node.listener().start();
				node.replicas().clear();
			}
			this.state.reset();
			this.log.clear();
			this.tokenIndexes.clear();
			this.active = null;
			activate(this.nodes.get(0), this.clock.instant());
		}
		applySeeds();
		for (ClusterNode node : this.nodes) {
			node.requestLog().clear();
		}
		this.requestLog.clear();
	}

	/**
	 * Stop every node and release the engines' resources. Idempotent.
	 * @since 0.1.0
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.clock.removeListener(this.housekeeping);
			for (ClusterNode node : this.nodes) {
				node.listener().stop();
			}
			this.state.shutdown();
		}
	}

	@Override
	public String toString() {
		return "EmbeddedVaultCluster" + addresses();
	}

	// ---- leadership and replication (all under lock)

	private void tick() {
		synchronized (this.lock) {
			refresh();
		}
		this.state.runHousekeeping();
	}

	/**
	 * Hold the election if it is due and move the performance standbys' replicated indexes to what the clock
	 * says they have received.
	 */
	private void refresh() {
		Instant now = this.clock.instant();
		if (this.active == null && this.electionDue != null && !now.isBefore(this.electionDue)) {
			ClusterNode winner = candidate();
			if (winner != null) {
				Instant since = this.electionDue;
				activate(winner, since.isAfter(now) ? now : since);
			}
		}
		for (ClusterNode node : this.nodes) {
			if (node == this.active) {
				node.replicatedIndex = this.log.current();
			}
			else if (!node.partitioned && !node.stopped && !node.sealed) {
				node.replicatedIndex = this.log.replicatedAt(now, this.replicationLag, node.replicatedIndex);
			}
		}
	}

	private @Nullable ClusterNode candidate() {
		int size = this.nodes.size();
		for (int step = 1; step <= size; step++) {
			ClusterNode node = this.nodes.get((this.lastActive + step) % size);
			if (!node.stopped && !node.partitioned && !node.sealed) {
				return node;
			}
		}
		return null;
	}

	private void activate(ClusterNode node, Instant since) {
		this.active = node;
		this.activeSince = since;
		this.electionDue = null;
		this.lastActive = node.id();
		node.replicas().clear();
		node.performanceStandby = false;
		node.replicatedIndex = this.log.current();
		int size = this.nodes.size();
		int assigned = 0;
		for (int step = 1; step < size; step++) {
			ClusterNode standby = this.nodes.get((node.id() + step) % size);
			// "performance" here means: answers reads from its lagging copy; OpenBao's read-enabled standbys do
			boolean performance = this.flavour.isOpenBao() ? this.standbyReads : assigned < this.performanceStandbys;
			if (performance) {
				assigned++;
			}
			if (performance != standby.performanceStandby) {
				standby.replicas().clear();
			}
			standby.performanceStandby = performance;
		}
	}

	private void loseLeadership() {
		ClusterNode former = this.active;
		if (former == null) {
			return;
		}
		this.active = null;
		this.activeSince = null;
		this.lastActive = former.id();
		former.replicatedIndex = this.log.current();
		this.electionDue = this.clock.instant().plus(this.electionDelay);
	}

	NodeRole roleOf(ClusterNode node) {
		synchronized (this.lock) {
			refresh();
			if (node == this.active) {
				return NodeRole.ACTIVE;
			}
			return (node.performanceStandby && !this.flavour.isOpenBao()) ? NodeRole.PERFORMANCE_STANDBY
					: NodeRole.STANDBY;
		}
	}

	long indexOf(ClusterNode node) {
		synchronized (this.lock) {
			refresh();
			return node.replicatedIndex;
		}
	}

	void stop(ClusterNode node) {
		synchronized (this.lock) {
			refresh();
			node.stopped = true;
			if (node == this.active) {
				loseLeadership();
			}
		}
		node.listener().stop();
	}

	void start(ClusterNode node) {
		node.listener().start();
		synchronized (this.lock) {
			node.stopped = false;
			node.replicas().clear();
			node.replicatedIndex = this.log.current();
			refresh();
		}
	}

	void partition(ClusterNode node, boolean partitioned) {
		synchronized (this.lock) {
			refresh();
			if (partitioned && node == this.active) {
				loseLeadership();
			}
			node.partitioned = partitioned;
			refresh();
		}
	}

	void seal(ClusterNode node, boolean sealed) {
		synchronized (this.lock) {
			refresh();
			if (sealed && node == this.active) {
				loseLeadership();
			}
			node.sealed = sealed;
			refresh();
		}
	}

	boolean isSealed(ClusterNode node) {
		synchronized (this.lock) {
			return node.sealed || this.state.isSealed();
		}
	}

	boolean isPartitioned(ClusterNode node) {
		synchronized (this.lock) {
			return node.partitioned;
		}
	}

	private NodeStatus.View view(ClusterNode node) {
		synchronized (this.lock) {
			refresh();
			boolean isActive = node == this.active;
			ClusterNode leader = node.partitioned ? null : this.active;
			return new NodeStatus.View(isActive, node.performanceStandby, node.partitioned, leader,
					isActive ? this.activeSince : null, node.replicatedIndex, this.clock.instant(), node.sealed,
					this.flavour.isOpenBao());
		}
	}

	// ---- request routing

	private HttpResult handle(ClusterNode node, HttpCall call) {
		NodeStatus.View view = view(node);
		String path = call.path();
		if (view.sealed()) {
			return sealedNode(node, view, call);
		}
		if (path.equals("sys/health")) {
			String method = ClusterRequests.method(call);
			if (!"GET".equals(method) && !"HEAD".equals(method)) {
				return HttpResult.errors(405);
			}
			return NodeStatus.health(this.state, view, call, "HEAD".equals(method));
		}
		if (path.equals("sys/leader")) {
			return ClusterRequests.leaderBody(view, call);
		}
		if (ClusterRequests.isLocalSys(path)) {
			return node.standbyProcessor().process(call);
		}
		if (this.flavour.isOpenBao()) {
			return handleAsOpenBao(node, view, call);
		}
		List<IndexHeader.State> required;
		try {
			required = requiredStates(call);
		}
		catch (IllegalArgumentException ex) {
			return ClusterRequests.badIndex(ex.getMessage());
		}
		if (view.active()) {
			return serveAsActive(node, call);
		}
		if (!view.performanceStandby()) {
			if (!this.forwarding || ClusterRequests.refusesForwarding(call)) {
				return ClusterRequests.redirect(view.leader(), call);
			}
			return forward(node, call);
		}
		if (ClusterRequests.wantsActive(call) || !ClusterRequests.isRead(call)) {
			return forward(node, call);
		}
		for (IndexHeader.State state : required) {
			if (state.localIndex() > view.index()) {
				return ClusterRequests.forwardsInconsistent(call) ? forward(node, call)
						: HttpResult.errors(412, ClusterRequests.INDEX_NOT_PRESENT);
			}
		}
		HttpResult result = node.standbyProcessor().process(call);
		return (result == StandbyInvoker.FORWARD) ? forward(node, call) : result;
	}

	/**
	 * OpenBao's routing: the active node answers everything; a read-enabled standby answers reads from its
	 * copy and forwards the rest; any other standby forwards (or redirects when asked not to forward).
	 * {@code X-Vault-Index}, {@code X-Vault-Forward} and {@code X-Vault-Inconsistent} mean nothing to it.
	 */
	private HttpResult handleAsOpenBao(ClusterNode node, NodeStatus.View view, HttpCall call) {
		if (view.active()) {
			return serveAsActive(node, call);
		}
		if (!view.performanceStandby() || !ClusterRequests.isRead(call)) {
			if (!this.forwarding || ClusterRequests.refusesForwarding(call)) {
				return ClusterRequests.redirect(view.leader(), call);
			}
			return forward(node, call);
		}
		HttpResult result = node.standbyProcessor().process(call);
		return (result == StandbyInvoker.FORWARD) ? forward(node, call) : result;
	}

	/**
	 * {@code sys/seal} seals the node that handles it, the active one, once the token may (update and sudo on
	 * {@code sys/seal}, checked as {@code sys/capabilities-self} does); an election follows.
	 */
	private HttpResult sealActive(ClusterNode node, HttpCall call) {
		String token = ClusterRequests.token(call);
		if (token == null) {
			return HttpResult.errors(403, "permission denied");
		}
		ObjectNode body = Json.object();
		body.putArray("paths").add("sys/seal");
		HttpResult capabilities = this.probe.process(new HttpCall("POST", "sys/capabilities-self", Map.of(),
				Map.of("x-vault-token", List.of(token)), body, List.of()));
		if (capabilities.status() != 200 || capabilities.body() == null) {
			return capabilities;
		}
		JsonNode granted = Json.MAPPER.readTree(capabilities.body()).path("data").path("sys/seal");
		List<String> names = new ArrayList<>();
		granted.forEach((capability) -> names.add(capability.asString()));
		if (!names.contains("root") && !(names.contains("sudo") && names.contains("update"))) {
			return HttpResult.errors(403, HttpResult.multierror("permission denied"));
		}
		seal(node, true);
		return HttpResult.empty(204);
	}

	/**
	 * What a node sealed on its own answers: health and seal status say sealed, {@code sys/unseal} with a key
	 * unseals it, everything else is refused as Vault refuses requests while sealed.
	 */
	private HttpResult sealedNode(ClusterNode node, NodeStatus.View view, HttpCall call) {
		String path = call.path();
		String method = ClusterRequests.method(call);
		if (path.equals("sys/health") && ("GET".equals(method) || "HEAD".equals(method))) {
			return NodeStatus.health(this.state, view, call, "HEAD".equals(method));
		}
		if (path.equals("sys/seal-status") && "GET".equals(method)) {
			return NodeStatus.sealed(node.standbyProcessor().process(call));
		}
		if (path.equals("sys/unseal")) {
			HttpResult result = node.standbyProcessor().process(call);
			JsonNode body = (result.status() == 200 && result.body() != null) ? Json.MAPPER.readTree(result.body())
					: null;
			if (body != null && !body.path("sealed").asBoolean(true)) {
				seal(node, false);
				return result;
			}
			return (result.status() == 200) ? NodeStatus.sealed(result) : result;
		}
		if (path.equals("sys/init")) {
			return node.standbyProcessor().process(call);
		}
		return HttpResult.errors(503, "Vault is sealed");
	}

	private List<IndexHeader.State> requiredStates(HttpCall call) {
		List<IndexHeader.State> states = new ArrayList<>();
		for (String raw : ClusterRequests.indexHeaders(call)) {
			states.add(this.indexHeader.parse(raw));
		}
		return states;
	}

	private HttpResult forward(ClusterNode from, HttpCall call) {
		ClusterNode leader;
		synchronized (this.lock) {
			refresh();
			leader = from.partitioned ? null : this.active;
		}
		if (leader == null) {
			return HttpResult.errors(500, ClusterRequests.NO_ACTIVE_NODE);
		}
		HttpResult result = serveAsActive(leader, call);
		leader.listener().record(call.method(), call.path(), ClusterRequests.namespace(call), result.status());
		return result;
	}

	private HttpResult serveAsActive(ClusterNode node, HttpCall call) {
		if ("sys/seal".equals(call.path()) && isWrite(ClusterRequests.method(call))) {
			return sealActive(node, call);
		}
		WRITE_INDEX.remove();
		try {
			HttpResult result = node.activeProcessor().process(call);
			Long index = WRITE_INDEX.get();
			if (index != null && result.status() < 400 && !this.flavour.isOpenBao()) {
				return ClusterRequests.withHeader(result, IndexHeader.NAME, this.indexHeader.encode(index, 0));
			}
			return result;
		}
		finally {
			WRITE_INDEX.remove();
		}
	}

	private void applySeeds() {
		this.mounts.forEach((path, type) -> SecretWriter.mount((call) -> serveAsActive(active(), call),
				getRootToken(), path, type));
		this.seeds.forEach(this::putSecret);
	}

	private static boolean isWrite(String method) {
		return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
	}

	private static ApiRequest copy(ApiRequest request) {
		return new ApiRequest(request.method(), request.path(), request.mountPath(), request.subPath(),
				request.namespace(), request.data().deepCopy(), request.headers(), request.token(),
				request.peerCertificates(), request.now());
	}

	/**
	 * The active node's invoker: numbers every applied write (and every read that stores a lease), logs KV
	 * writes for replay in the order they were applied, and serves {@code sys/step-down}.
	 */
	private final class ActiveInvoker implements BackendInvoker {

		private final ClusterNode[] node;

		ActiveInvoker(ClusterNode[] node) {
			this.node = node;
		}

		@Override
		public ApiResponse invoke(MountEntry mount, ApiRequest request, Backend backend) {
			if (!isWrite(request.method())) {
				ApiResponse response = backend.handle(request);
				if (!response.isError() && response.getSecretLease() != null) {
					// a read that issues a leased secret (database credentials) stores its lease
					WRITE_INDEX.set(EmbeddedVaultCluster.this.log.append(request.now()));
				}
				return response;
			}
			if ("system".equals(mount.type()) && "sys/step-down".equals(request.path())) {
				synchronized (EmbeddedVaultCluster.this.lock) {
					if (EmbeddedVaultCluster.this.active == this.node[0]) {
						loseLeadership();
					}
				}
				return ApiResponse.noContent();
			}
			ApiResponse response;
			if ("kv".equals(mount.type())) {
				EmbeddedVaultCluster.this.kvWriteLock.lock();
				try {
					ApiRequest replayable = copy(request);
					response = backend.handle(request);
					if (!response.isError()) {
						WRITE_INDEX.set(EmbeddedVaultCluster.this.log.appendKv(request.now(), mount.uuid(),
								replayable));
					}
				}
				finally {
					EmbeddedVaultCluster.this.kvWriteLock.unlock();
				}
			}
			else {
				response = backend.handle(request);
				if (!response.isError()) {
					long index = EmbeddedVaultCluster.this.log.append(request.now());
					WRITE_INDEX.set(index);
					if (response.getAuth() != null) {
						EmbeddedVaultCluster.this.tokenIndexes.put(response.getAuth().clientToken(), index);
					}
				}
			}
			return response;
		}

	}

	/**
	 * A performance standby's invoker: KV reads come from the node's replica at its replicated index; any
	 * other request is handed back for forwarding before it is authenticated.
	 */
	private final class StandbyInvoker implements BackendInvoker {

		static final HttpResult FORWARD = new HttpResult(0, null, Map.of());

		private final ClusterNode[] node;

		StandbyInvoker(ClusterNode[] node) {
			this.node = node;
		}

		@Override
		public @Nullable HttpResult divert(MountEntry mount, ApiRequest request) {
			boolean kvRead = (request.isRead() || request.isList()) && "kv".equals(mount.type());
			return kvRead ? null : FORWARD;
		}

		@Override
		public ApiResponse invoke(MountEntry mount, ApiRequest request, Backend backend) {
			if (!(request.isRead() || request.isList()) || !"kv".equals(mount.type())) {
				return backend.handle(request);
			}
			long replicated = indexOf(this.node[0]);
			TokenEntry token = request.token();
			Long issued = (token != null) ? EmbeddedVaultCluster.this.tokenIndexes.get(token.id()) : null;
			if (issued != null && issued > replicated) {
				// the token has not reached this node's copy of the token store yet
				return ApiResponse.error(403, HttpResult.multierror("permission denied", "invalid token"));
			}
			return this.node[0].replicas().read(mount, request, replicated);
		}

	}

	/**
	 * Builds and starts an {@link EmbeddedVaultCluster}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int nodes = 3;

		private int performanceStandbys;

		private Duration replicationLag = Duration.ZERO;

		private Duration electionDelay = Duration.ofSeconds(2);

		private boolean forwarding = true;

		private int basePort;

		private String rootToken = "root";

		private ControllableClock clock = new ControllableClock();

		private @Nullable String version;

		private Flavour flavour = Flavour.VAULT;

		private boolean standbyReads = true;

		private String clusterName = "vault-cluster-embedded";

		private long maxRequestSize = 32L * 1024 * 1024;

		private Duration defaultLeaseTtl = Duration.ofHours(768);

		private Duration maxLeaseTtl = Duration.ofHours(768);

		private int threads = 8;

		private @Nullable SSLContext sslContext;

		private final Map<String, Map<String, Object>> seeds = new LinkedHashMap<>();

		private final Map<String, String> mounts = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Set the number of nodes (default 3).
		 * @param nodes the number of nodes, at least 1
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder nodes(int nodes) {
			if (nodes < 1) {
				throw new IllegalArgumentException("'nodes' must be at least 1 but was " + nodes);
			}
			this.nodes = nodes;
			return this;
		}

		/**
		 * Set how many standbys are performance standbys (default 0); the first ones after the active node,
		 * in node order, after every election.
		 * @param performanceStandbys the number, between 0 and {@code nodes - 1}
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder performanceStandbys(int performanceStandbys) {
			if (performanceStandbys < 0) {
				throw new IllegalArgumentException(
						"'performanceStandbys' must not be negative but was " + performanceStandbys);
			}
			this.performanceStandbys = performanceStandbys;
			return this;
		}

		/**
		 * Set how long after the active node applies a write performance standbys see it, on the cluster clock
		 * (default zero: as soon as the clock has moved or a request comes in).
		 * @param lag the lag
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder replicationLag(Duration lag) {
			this.replicationLag = nonNegative(lag, "replicationLag");
			return this;
		}

		/**
		 * Set how long, on the cluster clock, no node is active after the active one stepped down, stopped or
		 * was partitioned (default 2s).
		 * @param delay the delay
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder electionDelay(Duration delay) {
			this.electionDelay = nonNegative(delay, "electionDelay");
			return this;
		}

		/**
		 * Set whether standbys forward requests to the active node (default, as Vault) or redirect clients
		 * with 307 to it, as Vault does when forwarding is off. Performance standbys always forward.
		 * @param forwarding whether standbys forward
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder forwarding(boolean forwarding) {
			this.forwarding = forwarding;
			return this;
		}

		/**
		 * Set the port of node 0; node {@code i} listens on {@code port + i} (default 0: free ports).
		 * @param port the first port
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'port' must be between 0 and 65535 but was " + port);
			}
			this.basePort = port;
			return this;
		}

		/**
		 * Set the root token (default {@code root}).
		 * @param rootToken the root token
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder rootToken(String rootToken) {
			Objects.requireNonNull(rootToken, "'rootToken' must not be null");
			if (rootToken.isBlank()) {
				throw new IllegalArgumentException("'rootToken' must not be empty");
			}
			this.rootToken = rootToken;
			return this;
		}

		/**
		 * Use a given clock.
		 * @param clock the clock
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder clock(ControllableClock clock) {
			this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
			return this;
		}

		/**
		 * Set the version reported by {@code sys/health} (default {@code 1.19.0+ent}, or {@code 2.6.2} in
		 * {@link Flavour#OPENBAO OpenBao flavour}).
		 * @param version the version
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder version(String version) {
			this.version = Objects.requireNonNull(version, "'version' must not be null");
			return this;
		}

		/**
		 * Set which server the nodes answer as (default {@link Flavour#VAULT}): {@link Flavour#OPENBAO} has no
		 * performance standbys and no {@code X-Vault-Index}; its standbys serve reads themselves (see
		 * {@link #standbyReads(boolean)}).
		 * @param flavour the flavour
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder flavour(Flavour flavour) {
			this.flavour = Objects.requireNonNull(flavour, "'flavour' must not be null");
			return this;
		}

		/**
		 * Set whether OpenBao-flavoured standbys answer reads from their copy, which lags the active node by
		 * the {@link #replicationLag(Duration) replication lag} (default, as OpenBao 2.5 and later), or forward
		 * every request, as with OpenBao's {@code disable_standby_reads = true}. Ignored in Vault flavour.
		 * @param standbyReads whether standbys serve reads
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder standbyReads(boolean standbyReads) {
			this.standbyReads = standbyReads;
			return this;
		}

		/**
		 * Set the cluster name (default {@code vault-cluster-embedded}).
		 * @param clusterName the name
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder clusterName(String clusterName) {
			this.clusterName = Objects.requireNonNull(clusterName, "'clusterName' must not be null");
			return this;
		}

		/**
		 * Serve HTTPS on every node with this context; client certificates are requested but not required
		 * (the cert auth method decides whether it trusts them). Addresses, {@code leader_address} and 307
		 * {@code Location} headers then use {@code https}.
		 * @param sslContext the TLS context, or {@code null} for plain HTTP
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Set the number of request threads of each node (default 8).
		 * @param threads the thread count
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder threads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("'threads' must be at least 1 but was " + threads);
			}
			this.threads = threads;
			return this;
		}

		/**
		 * Set the system default and max lease TTLs (default 768h each).
		 * @param defaultTtl the default lease TTL
		 * @param maxTtl the max lease TTL
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder leaseTtls(Duration defaultTtl, Duration maxTtl) {
			this.defaultLeaseTtl = nonNegative(defaultTtl, "defaultTtl");
			this.maxLeaseTtl = nonNegative(maxTtl, "maxTtl");
			return this;
		}

		/**
		 * Write a secret at start (and after {@link EmbeddedVaultCluster#reset()}) through the active node.
		 * @param path the mount-qualified path, e.g. {@code secret/app/db}
		 * @param data the fields
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder secret(String path, Map<String, ?> data) {
			Objects.requireNonNull(path, "'path' must not be null");
			Objects.requireNonNull(data, "'data' must not be null");
			this.seeds.put(path, new LinkedHashMap<>(data));
			return this;
		}

		/**
		 * Enable a secrets engine at start (and after reset), before seed secrets are written.
		 * @param path the mount path, e.g. {@code kv1}
		 * @param type the engine type, e.g. {@code kv} or {@code database}
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder mount(String path, String type) {
			this.mounts.put(Objects.requireNonNull(path, "'path' must not be null"),
					Objects.requireNonNull(type, "'type' must not be null"));
			return this;
		}

		/**
		 * Read secrets to write at start from a JSON file {@code {"secret/app/db": {"password": "..."}}}.
		 * @param file the seed file
		 * @return this builder
		 * @throws IllegalArgumentException if the file has the wrong shape
		 * @since 0.1.0
		 */
		public Builder seed(Path file) {
			Objects.requireNonNull(file, "'file' must not be null");
			String json;
			try {
				json = Files.readString(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read seed file " + file, ex);
			}
			JsonNode root;
			try {
				root = Json.MAPPER.readTree(json);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Seed file " + file + " is not valid JSON: "
						+ ex.getOriginalMessage());
			}
			if (root == null || !root.isObject()) {
				throw new IllegalArgumentException(
						"Seed file " + file + " must hold a JSON object of {\"<mount>/<path>\": {fields}}");
			}
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				if (!entry.getValue().isObject()) {
					throw new IllegalArgumentException("Seed file " + file + ": the value of '" + entry.getKey()
							+ "' must be a JSON object of secret fields");
				}
				Map<String, Object> fields = new LinkedHashMap<>();
				for (Map.Entry<String, JsonNode> field : entry.getValue().properties()) {
					fields.put(field.getKey(), Json.MAPPER.treeToValue(field.getValue(), Object.class));
				}
				this.seeds.put(entry.getKey(), fields);
			}
			return this;
		}

		private static Duration nonNegative(Duration duration, String name) {
			Objects.requireNonNull(duration, "'" + name + "' must not be null");
			if (duration.isNegative()) {
				throw new IllegalArgumentException("'" + name + "' must not be negative but was " + duration);
			}
			return duration;
		}

		/**
		 * Start the cluster.
		 * @return the running cluster
		 * @throws IllegalArgumentException if the performance standbys outnumber the standbys
		 * @throws UncheckedIOException if a port cannot be bound
		 * @since 0.1.0
		 */
		public EmbeddedVaultCluster start() {
			if (this.flavour.isOpenBao() && this.performanceStandbys > 0) {
				throw new IllegalArgumentException("'performanceStandbys' must be 0 in OpenBao flavour: OpenBao has "
						+ "no performance standbys, its standbys serve reads themselves (see standbyReads)");
			}
			if (this.performanceStandbys > this.nodes - 1) {
				throw new IllegalArgumentException("'performanceStandbys' must be at most nodes - 1 ("
						+ (this.nodes - 1) + ") but was " + this.performanceStandbys);
			}
			if (this.basePort != 0 && this.basePort + this.nodes - 1 > 65535) {
				throw new IllegalArgumentException("'port' " + this.basePort + " leaves no room for " + this.nodes
						+ " consecutive ports");
			}
			return new EmbeddedVaultCluster(this);
		}

	}

}
