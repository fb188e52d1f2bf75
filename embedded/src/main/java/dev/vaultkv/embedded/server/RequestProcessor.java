package dev.vaultkv.embedded.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.acl.Acl;
import dev.vaultkv.embedded.server.acl.Capability;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.SecretLease;
import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * The logical request pipeline: namespace resolution, seal check, authentication, ACL, routing to the
 * mount's backend, response wrapping and envelope rendering.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class RequestProcessor {

	static final String PERMISSION_DENIED = "permission denied";

	static final String ACL_DENIED = HttpResult.multierror(PERMISSION_DENIED);

	static final String INVALID_TOKEN = HttpResult.multierror(PERMISSION_DENIED, "invalid token");

	private static final Set<String> SELF_PATHS = Set.of("auth/token/lookup-self", "auth/token/renew-self",
			"auth/token/revoke-self", "sys/wrapping/lookup", "sys/wrapping/unwrap", "sys/wrapping/rewrap");

	private static final List<String> SUDO_PREFIXES = List.of("sys/auth/", "sys/audit", "sys/raw", "sys/rotate",
			"sys/remount", "sys/step-down", "sys/config/cors", "sys/config/auditing/", "sys/plugins/catalog/",
			"sys/leases/revoke-prefix/", "sys/leases/revoke-force/", "sys/leases/lookup/", "sys/revoke-prefix/",
			"sys/revoke-force/", "auth/token/revoke-orphan", "auth/token/accessors");

	private final ServerState state;

	private final RawSysEndpoints raw;

	private final BackendInvoker invoker;

	/**
	 * Create a processor.
	 * @param state the server state
	 * @since 0.1.0
	 */
	public RequestProcessor(ServerState state) {
		this(state, BackendInvoker.DIRECT);
	}

	/**
	 * Create a processor that hands authorized requests to backends through an invoker.
	 * @param state the server state
	 * @param invoker the invoker
	 * @since 0.1.0
	 */
	public RequestProcessor(ServerState state, BackendInvoker invoker) {
		this.state = state;
		this.raw = new RawSysEndpoints(state);
		this.invoker = invoker;
	}

	/**
	 * Process one request. Time-driven work that is due (expiry of tokens and leases, rotations) runs before,
	 * so the request sees it done, and after, so revocations a request causes (such as the leases of a
	 * revoked token) are done when its answer is sent.
	 * @param call the parsed request
	 * @return the result
	 * @since 0.1.0
	 */
	public HttpResult process(HttpCall call) {
		this.state.runHousekeeping();
		try {
			return processCall(call);
		}
		finally {
			this.state.runHousekeeping();
		}
	}

	private HttpResult processCall(HttpCall call) {
		String method = call.method();
		ObjectNode data = call.body().deepCopy();
		for (Map.Entry<String, List<String>> entry : call.query().entrySet()) {
			if (!data.has(entry.getKey()) && !entry.getValue().isEmpty()) {
				data.put(entry.getKey(), entry.getValue().get(0));
			}
		}
		String listParam = call.queryParam("list");
		if (listParam != null && "GET".equals(method)) {
			Boolean list = Json.parseBool(listParam);
			if (list == null) {
				return HttpResult.errors(400);
			}
			data.remove("list");
			if (list) {
				method = "LIST";
			}
		}
		// served by Vault's HTTP layer itself, before any namespace handling
		HttpResult rawResult = this.raw.handle(method, call.path(), call, data);
		if (rawResult != null) {
			return rawResult;
		}
		String header = call.header("x-vault-namespace");
		String prefix = namespacePrefix(header);
		Map.Entry<Namespace, String> resolved = this.state.resolve(prefix + call.path());
		Namespace namespace = resolved.getKey();
		String path = resolved.getValue();
		if (this.state.settings().openBao() && !namespace.path().startsWith(prefix)) {
			// OpenBao refuses a header naming a namespace that does not exist instead of routing in its parent
			return HttpResult.errors(404, "namespace not found");
		}
		if (this.state.isSealed()) {
			return HttpResult.errors(503, "Vault is sealed");
		}
		if ("HEAD".equals(method)) {
			return HttpResult.errors(405);
		}
		if ("PATCH".equals(method)) {
			String contentType = call.header("content-type");
			if (contentType == null || contentType.isBlank()) {
				// Vault reports Go's media type parser error here
				return HttpResult.errors(400, "mime: no media type");
			}
			String mediaType = contentType.split(";")[0].trim();
			if (!mediaType.equalsIgnoreCase("application/merge-patch+json")) {
				return HttpResult.errors(415,
						"PATCH requires Content-Type of application/merge-patch+json, provided " + mediaType);
			}
		}
		if ("LIST".equals(method) && !path.endsWith("/")) {
			path = path + "/";
		}
		if (("POST".equals(method) || "PUT".equals(method)) && path.endsWith("/")) {
			return HttpResult.errors(400, "cannot write to a path ending in '/'");
		}
		long wrapTtl;
		try {
			wrapTtl = wrapTtl(call.header("x-vault-wrap-ttl"));
		}
		catch (IllegalArgumentException ex) {
			return HttpResult.errors(400, ex.getMessage());
		}
		String tokenId = tokenId(call);
		Instant now = this.state.now();
		if (tokenId != null && SELF_PATHS.contains(path)) {
			TokenRecord record = this.state.tokens().find(tokenId, now);
			Namespace own = (record != null) ? this.state.namespace(record.namespace) : null;
			if (own != null && !own.path().equals(namespace.path())) {
				namespace = own;
			}
		}
		MountEntry mount = namespace.match(path);
		String mountPath = (mount != null) ? mount.path() : "";
		String subPath = (mount != null && path.length() >= mountPath.length()) ? path.substring(mountPath.length())
				: "";
		ApiRequest request = new ApiRequest(method, path, mountPath, subPath, namespace.path(), data, call.headers(),
				null, call.peerCertificates(), now);
		Backend backend = (mount != null) ? mount.backend() : null;
		if (mount != null) {
			HttpResult diverted = this.invoker.divert(mount, request);
			if (diverted != null) {
				return diverted;
			}
		}
		boolean unauthenticated = backend != null && backend.isUnauthenticated(request);
		TokenEntry token = null;
		if (!unauthenticated) {
			Object authenticated = authenticate(tokenId, namespace, now);
			if (authenticated instanceof HttpResult failure) {
				return failure;
			}
			token = (TokenEntry) authenticated;
			request = withToken(request, token);
			boolean aclExempt = backend instanceof CoreBackend core && core.skipsAcl(request);
			if (!aclExempt) {
				String aclPath = (backend != null && backend.aclPath(request) != null) ? backend.aclPath(request) : path;
				Capability capability = capability(method, backend, request);
				Acl acl = this.state.acls().acl(token);
				if (!acl.allows(AclService.pathForToken(token, namespace, aclPath), capability, "LIST".equals(method),
						requiresSudo(aclPath))) {
					return HttpResult.errors(403, ACL_DENIED);
				}
			}
			if (!this.state.tokens().use(token.id(), now)) {
				return HttpResult.errors(403, INVALID_TOKEN);
			}
		}
		if (mount == null) {
			if (token != null) {
				this.state.tokens().revokeIfExhausted(token.id());
			}
			return HttpResult.errors(404, "no handler for route \"" + path + "\". route entry not found.");
		}
		if (backend == null) {
			if (token != null) {
				this.state.tokens().revokeIfExhausted(token.id());
			}
			return HttpResult.errors(404, HttpResult.multierror("unsupported path"));
		}
		try {
			ApiResponse response = this.invoker.invoke(mount, request, backend);
			return render(request, mount, response, wrapTtl, namespace);
		}
		finally {
			if (token != null) {
				this.state.tokens().revokeIfExhausted(token.id());
			}
		}
	}

	private static ApiRequest withToken(ApiRequest request, TokenEntry token) {
		return new ApiRequest(request.method(), request.path(), request.mountPath(), request.subPath(),
				request.namespace(), request.data(), request.headers(), token, request.peerCertificates(),
				request.now());
	}

	private static String namespacePrefix(@Nullable String header) {
		if (header == null) {
			return "";
		}
		String trimmed = header.trim();
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		// "root" names the root namespace, as in Vault Enterprise
		return (trimmed.isEmpty() || trimmed.equals("root")) ? "" : trimmed + "/";
	}

	static @Nullable String tokenId(HttpCall call) {
		String token = call.header("x-vault-token");
		if (token != null && !token.isBlank()) {
			return token.trim();
		}
		String authorization = call.header("authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String bearer = authorization.substring(7).trim();
			return bearer.isEmpty() ? null : bearer;
		}
		return null;
	}

	/**
	 * Authenticate a token for a namespace.
	 * @return the {@link TokenEntry} or an {@link HttpResult} failure
	 */
	Object authenticate(@Nullable String tokenId, Namespace namespace, Instant now) {
		if (tokenId == null) {
			return HttpResult.errors(403, PERMISSION_DENIED);
		}
		TokenRecord record = this.state.tokens().find(tokenId, now);
		if (record == null) {
			return HttpResult.errors(403, INVALID_TOKEN);
		}
		TokenEntry token = record.snapshot();
		if (!AclService.tokenReaches(token, namespace)) {
			return HttpResult.errors(403, ACL_DENIED);
		}
		return token;
	}

	private static Capability capability(String method, @Nullable Backend backend, ApiRequest request) {
		return switch (method) {
			case "GET" -> Capability.READ;
			case "LIST" -> Capability.LIST;
			case "PATCH" -> Capability.PATCH;
			case "DELETE" -> Capability.DELETE;
			default -> {
				Boolean exists = (backend != null) ? backend.exists(request) : null;
				yield Boolean.FALSE.equals(exists) ? Capability.CREATE : Capability.UPDATE;
			}
		};
	}

	private static boolean requiresSudo(String path) {
		return SUDO_PREFIXES.stream().anyMatch(path::startsWith);
	}

	private static long wrapTtl(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return 0;
		}
		Duration duration;
		try {
			duration = GoDurations.parse(header);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("error parsing X-Vault-Wrap-TTL header: " + ex.getMessage());
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException("requested wrap ttl cannot be negative");
		}
		return duration.getSeconds();
	}

	private HttpResult render(ApiRequest request, MountEntry mount, ApiResponse response, long wrapTtl,
			Namespace namespace) {
		String mountType = mount.type();
		if (response.isError()) {
			List<String> errors = response.getErrors();
			return HttpResult.errors(response.getStatus(), (errors != null) ? errors : List.of());
		}
		ObjectNode body;
		if (response.getFullBody() != null) {
			body = Envelope.complete(response.getFullBody(), mountType);
			return HttpResult.json(response.getStatus(), body);
		}
		if ((response.getStatus() == 204 || response.getStatus() == 202) && response.getWarnings().isEmpty()
				&& response.getAuth() == null) {
			return HttpResult.empty(response.getStatus());
		}
		if (request.isList() && isEmptyList(response)) {
			return HttpResult.errors(404);
		}
		Integer numUses = null;
		if (response.getAuth() != null) {
			TokenRecord issued = this.state.tokens().find(response.getAuth().clientToken(), request.now());
			numUses = (issued != null) ? issued.numUses : 0;
		}
		SecretLease lease = response.getSecretLease();
		LeaseEntry registered = null;
		long leaseTtl = 0;
		if (lease != null) {
			LeaseTtls.Result ttl;
			try {
				ttl = LeaseTtls.calculate(this.state.defaultTtl(mount), this.state.maxTtl(mount), 0,
						lease.ttl().getSeconds(), lease.maxTtl().getSeconds(), request.now(), request.now());
			}
			catch (TtlException ex) {
				return HttpResult.errors(500, HttpResult.multierror(ex.getMessage()));
			}
			for (String warning : ttl.warnings()) {
				response = response.withWarning(warning);
			}
			leaseTtl = ttl.ttl();
			registered = this.state.leases()
				.register(namespace, mount, request.path(), leaseOwner(request.token()), lease, leaseTtl,
						request.now());
		}
		body = Envelope.render(response, mountType, numUses);
		if (registered != null) {
			body.put("lease_id", registered.id);
			body.put("renewable", registered.renewable);
			body.put("lease_duration", leaseTtl);
		}
		if (mount.type().equals("system")) {
			Envelope.injectSysData(body, request.path());
		}
		if (wrapTtl > 0) {
			return wrap(body, request, response, wrapTtl, namespace);
		}
		return HttpResult.json((response.getStatus() == 202) ? 202 : 200, body);
	}

	/**
	 * The token whose revocation revokes a lease: the reader, or for a batch token its parent (as Vault
	 * indexes it).
	 */
	private static @Nullable String leaseOwner(@Nullable TokenEntry token) {
		if (token == null) {
			return null;
		}
		return "batch".equals(token.type()) ? token.parentId() : token.id();
	}

	private static boolean isEmptyList(ApiResponse response) {
		if (!response.getWarnings().isEmpty()) {
			return false;
		}
		ObjectNode data = response.getData();
		if (data == null || data.isEmpty()) {
			return true;
		}
		JsonNode keys = data.get("keys");
		if (keys == null || keys.isNull()) {
			return false;
		}
		return keys.isArray() && keys.isEmpty();
	}

	private HttpResult wrap(ObjectNode body, ApiRequest request, ApiResponse response, long ttl, Namespace namespace) {
		String wrappedAccessor = (response.getAuth() != null) ? response.getAuth().accessor()
				: response.getWrappedAccessor();
		WrappingStore.Wrapped wrapped = this.state.wrapping()
			.wrap(namespace.path(), namespace.id(), body, request.path(), request.now(), ttl, wrappedAccessor);
		return HttpResult.json(200, wrapEnvelope(wrapped));
	}

	static ObjectNode wrapEnvelope(WrappingStore.Wrapped wrapped) {
		ObjectNode envelope = Json.object();
		envelope.put("request_id", "");
		envelope.put("lease_id", "");
		envelope.put("renewable", false);
		envelope.put("lease_duration", 0);
		envelope.putNull("data");
		ObjectNode info = envelope.putObject("wrap_info");
		info.put("token", wrapped.token());
		info.put("accessor", wrapped.accessor());
		info.put("ttl", wrapped.ttl());
		info.put("creation_time", Times.local(wrapped.creationTime()));
		info.put("creation_path", wrapped.creationPath());
		if (wrapped.wrappedAccessor() != null && !wrapped.wrappedAccessor().isEmpty()) {
			info.put("wrapped_accessor", wrapped.wrappedAccessor());
		}
		envelope.putNull("warnings");
		envelope.putNull("auth");
		return envelope;
	}

}
