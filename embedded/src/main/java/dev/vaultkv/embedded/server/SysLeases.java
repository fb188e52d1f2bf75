package dev.vaultkv.embedded.server;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;

/**
 * {@code sys/leases/*} of one namespace (and Vault's legacy {@code sys/renew}, {@code sys/revoke},
 * {@code sys/revoke-prefix} and {@code sys/revoke-force}): lookup, list, renew and revoke leases.
 *
 * @author vaultkv
 */
final class SysLeases {

	private static final String MISSING_ID = "lease_id must be specified";

	private final ServerState state;

	private final Namespace namespace;

	SysLeases(ServerState state, Namespace namespace) {
		this.state = state;
		this.namespace = namespace;
	}

	/**
	 * Whether a {@code sys/} sub-path is a lease endpoint.
	 */
	static boolean handles(String sub) {
		return sub.startsWith("leases/") || sub.equals("renew") || sub.startsWith("renew/") || sub.equals("revoke")
				|| sub.startsWith("revoke/") || sub.startsWith("revoke-prefix/") || sub.startsWith("revoke-force/");
	}

	ApiResponse handle(ApiRequest request, String sub) {
		String rest = sub.startsWith("leases/") ? sub.substring("leases/".length()) : sub;
		try {
			if (rest.equals("lookup")) {
				return request.isWrite() ? lookup(request) : unsupportedOperation();
			}
			if (rest.startsWith("lookup/")) {
				return request.isList() ? list(rest.substring("lookup/".length())) : unsupportedOperation();
			}
			if (rest.equals("renew") || rest.startsWith("renew/")) {
				return request.isWrite() ? renew(request, urlId(rest, "renew")) : unsupportedOperation();
			}
			if (rest.equals("revoke") || rest.startsWith("revoke/")) {
				return request.isWrite() ? revoke(request, urlId(rest, "revoke")) : unsupportedOperation();
			}
			if (rest.startsWith("revoke-prefix/") && rest.length() > "revoke-prefix/".length()) {
				return request.isWrite() ? revokePrefix(request, rest.substring("revoke-prefix/".length()), false)
						: unsupportedOperation();
			}
			if (rest.startsWith("revoke-force/") && rest.length() > "revoke-force/".length()) {
				return request.isWrite() ? revokePrefix(request, rest.substring("revoke-force/".length()), true)
						: unsupportedOperation();
			}
			return ApiResponse.error(404, SysBackend.UNSUPPORTED_PATH);
		}
		catch (LeaseException ex) {
			return ApiResponse.error(400, ex.getMessage());
		}
	}

	private static ApiResponse unsupportedOperation() {
		return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
	}

	private static @Nullable String urlId(String rest, String operation) {
		return (rest.length() > operation.length() + 1) ? rest.substring(operation.length() + 1) : null;
	}

	private static @Nullable String leaseId(ApiRequest request, @Nullable String urlId) {
		String id = request.string("lease_id");
		if (id == null || id.isEmpty()) {
			id = urlId;
		}
		return (id == null || id.isEmpty()) ? null : id;
	}

	private ApiResponse lookup(ApiRequest request) {
		String id = leaseId(request, null);
		if (id == null) {
			return ApiResponse.error(400, MISSING_ID);
		}
		LeaseSnapshot lease = this.state.leases().lookup(this.namespace, id);
		if (lease == null) {
			return ApiResponse.error(400, "invalid lease");
		}
		Instant now = request.now();
		ObjectNode data = Json.object();
		if (lease.expireTime() != null) {
			data.put("expire_time", Times.local(lease.expireTime()));
		}
		else {
			data.putNull("expire_time");
		}
		data.put("id", id);
		data.put("issue_time", Times.local(lease.issueTime()));
		if (lease.lastRenewal() != null) {
			data.put("last_renewal", Times.local(lease.lastRenewal()));
		}
		else {
			data.putNull("last_renewal");
		}
		data.put("renewable", this.state.leases().isRenewable(lease, now));
		// Vault subtracts "now" rounded to the second
		Instant rounded = now.plusMillis(500).truncatedTo(ChronoUnit.SECONDS);
		data.put("ttl", (lease.expireTime() != null) ? Duration.between(rounded, lease.expireTime()).getSeconds() : 0);
		return ApiResponse.ok(data);
	}

	private ApiResponse list(String prefix) {
		String folder = (prefix.isEmpty() || prefix.endsWith("/")) ? prefix : prefix + "/";
		List<String> keys = this.state.leases().list(this.namespace, folder);
		ObjectNode data = Json.object();
		data.set("keys", Json.strings(keys));
		return ApiResponse.ok(data);
	}

	private ApiResponse renew(ApiRequest request, @Nullable String urlId) {
		String id = leaseId(request, urlId);
		if (id == null) {
			return ApiResponse.error(400, MISSING_ID);
		}
		Duration increment = increment(request.data().get("increment"));
		LeaseManager.Renewal renewal = this.state.leases().renew(this.namespace, id, increment, request.now());
		ObjectNode body = Json.object();
		body.put("lease_id", renewal.leaseId());
		body.put("renewable", renewal.renewable());
		body.put("lease_duration", renewal.ttl());
		body.putNull("data");
		body.set("warnings", Envelope.warnings(renewal.warnings()));
		return ApiResponse.status(200, body);
	}

	private static Duration increment(@Nullable JsonNode node) {
		Duration increment;
		try {
			increment = GoDurations.parse(node);
		}
		catch (IllegalArgumentException ex) {
			throw new LeaseException("Field validation failed: error converting input " + node + " for field \"increment\": "
					+ ex.getMessage());
		}
		if (increment != null && increment.isNegative()) {
			throw new LeaseException("Field validation failed: error converting input " + node
					+ " for field \"increment\": cannot provide negative value '" + increment.getSeconds() + "'");
		}
		return (increment != null) ? increment : Duration.ZERO;
	}

	private ApiResponse revoke(ApiRequest request, @Nullable String urlId) {
		String id = leaseId(request, urlId);
		if (id == null) {
			return ApiResponse.error(400, MISSING_ID);
		}
		boolean sync = Json.bool(request.data().get("sync"), true);
		this.state.leases().revoke(this.namespace, id, sync, request.now());
		return sync ? ApiResponse.noContent() : ApiResponse.accepted();
	}

	private ApiResponse revokePrefix(ApiRequest request, String prefix, boolean force) {
		boolean sync = force || Json.bool(request.data().get("sync"), true);
		this.state.leases().revokePrefix(this.namespace, prefix, force, sync, request.now());
		return sync ? ApiResponse.noContent() : ApiResponse.accepted();
	}

}
