package dev.vaultkv.embedded.server;


import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.acl.Capability;

/**
 * System endpoints that answer without the response envelope and also while sealed: {@code sys/health},
 * {@code sys/seal-status}, {@code sys/seal}, {@code sys/unseal}, {@code sys/init} and {@code sys/leader}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class RawSysEndpoints {

	/**
	 * The build or commit date reported for this server.
	 */
	static final String COMMIT_DATE = "2025-01-01T00:00:00Z";

	private final ServerState state;

	RawSysEndpoints(ServerState state) {
		this.state = state;
	}

	@Nullable HttpResult handle(String method, String path, HttpCall call, ObjectNode data) {
		switch (path) {
			case "sys/health":
				return ("GET".equals(method) || "HEAD".equals(method)) ? health(call, "HEAD".equals(method))
						: HttpResult.errors(405);
			case "sys/seal-status":
				return "GET".equals(method) ? HttpResult.json(200, sealStatus()) : HttpResult.errors(405);
			case "sys/init":
				if ("GET".equals(method)) {
					ObjectNode body = Json.object();
					body.put("initialized", this.state.isInitialized());
					return HttpResult.json(200, body);
				}
				return HttpResult.errors(400, "Vault is already initialized");
			case "sys/leader":
				return "GET".equals(method) ? HttpResult.json(200, leader()) : HttpResult.errors(405);
			case "sys/unseal":
				return isWrite(method) ? unseal(data) : HttpResult.errors(405);
			case "sys/seal":
				return isWrite(method) ? seal(call) : HttpResult.errors(405);
			default:
				return null;
		}
	}

	private static boolean isWrite(String method) {
		return "POST".equals(method) || "PUT".equals(method);
	}

	private HttpResult health(HttpCall call, boolean head) {
		boolean openBao = this.state.settings().openBao();
		HealthAnswer answer = HealthAnswer.of(call, openBao);
		if (answer == null) {
			return HttpResult.errors(400);
		}
		int status = answer.status(this.state.isInitialized(), this.state.isSealed(), this.state.isStandby(), false,
				false);
		if (head) {
			return HttpResult.empty(status);
		}
		if (openBao) {
			return HttpResult.json(status, HealthAnswer.openBaoBody(this.state, this.state.now(),
					this.state.isSealed(), this.state.isStandby()));
		}
		return HttpResult.json(status, HealthAnswer.body(this.state, this.state.now(), this.state.isSealed(),
				this.state.isStandby(), false, false));
	}

	ObjectNode sealStatus() {
		ServerSettings settings = this.state.settings();
		if (settings.openBao()) {
			return openBaoSealStatus(settings);
		}
		ObjectNode body = Json.object();
		body.put("type", "shamir");
		body.put("initialized", this.state.isInitialized());
		body.put("sealed", this.state.isSealed());
		body.put("t", 1);
		body.put("n", 1);
		body.put("progress", 0);
		body.put("nonce", "");
		body.put("version", settings.version());
		body.put("build_date", COMMIT_DATE);
		body.put("migration", false);
		if (!this.state.isSealed()) {
			body.put("cluster_name", settings.clusterName());
			body.put("cluster_id", settings.clusterId());
		}
		body.put("recovery_seal", false);
		body.put("storage_type", "inmem");
		body.put("removed_from_cluster", false);
		return body;
	}

	/**
	 * OpenBao 2.6's {@code CoreSealStatusResponse}: {@code commit_date} instead of {@code build_date}, no
	 * {@code removed_from_cluster}, empty values left out.
	 */
	private ObjectNode openBaoSealStatus(ServerSettings settings) {
		ObjectNode body = Json.object();
		body.put("type", "shamir");
		body.put("initialized", this.state.isInitialized());
		body.put("sealed", this.state.isSealed());
		body.put("t", 1);
		body.put("n", 1);
		body.put("progress", 0);
		body.put("nonce", "");
		body.put("recovery_seal", false);
		body.put("version", settings.version());
		body.put("commit_date", COMMIT_DATE);
		body.put("migration", false);
		if (!this.state.isSealed()) {
			body.put("cluster_name", settings.clusterName());
			body.put("cluster_id", settings.clusterId());
		}
		body.put("storage_type", "inmem");
		return body;
	}

	private ObjectNode leader() {
		ObjectNode body = Json.object();
		body.put("ha_enabled", false);
		if (this.state.settings().openBao()) {
			// OpenBao leaves out every other field when HA is off
			return body;
		}
		body.put("is_self", false);
		body.put("active_time", "0001-01-01T00:00:00Z");
		body.put("leader_address", "");
		body.put("leader_cluster_address", "");
		body.put("performance_standby", false);
		body.put("performance_standby_last_remote_wal", 0);
		return body;
	}

	private HttpResult unseal(ObjectNode data) {
		JsonNode reset = data.get("reset");
		JsonNode key = data.get("key");
		boolean resetRequested = reset != null && Boolean.TRUE.equals(Json.parseBool(reset.asString()));
		boolean hasKey = key != null && !key.isNull() && !key.asString().isBlank();
		if (!resetRequested && !hasKey) {
			return HttpResult.errors(400, "'key' must be specified in request body as JSON, or 'reset' set to true");
		}
		if (resetRequested) {
			if (!this.state.isSealed()) {
				return HttpResult.errors(400, "vault is unsealed");
			}
			return HttpResult.json(200, sealStatus());
		}
		if (!isHexOrBase64(key.asString())) {
			return HttpResult.errors(400, "'key' must be a valid hex or base64 string");
		}
		// Dev mode: any key unseals, like a single-share seal whose key the caller just printed.
		this.state.setSealed(false);
		return HttpResult.json(200, sealStatus());
	}

	private static boolean isHexOrBase64(String key) {
		if (key.matches("(?:[0-9a-fA-F]{2})+")) {
			return true;
		}
		try {
			java.util.Base64.getDecoder().decode(key);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private HttpResult seal(HttpCall call) {
		if (this.state.isSealed()) {
			return HttpResult.errors(503, "Vault is sealed");
		}
		String tokenId = RequestProcessor.tokenId(call);
		if (tokenId == null) {
			return HttpResult.errors(403, RequestProcessor.PERMISSION_DENIED);
		}
		TokenRecord record = this.state.tokens().find(tokenId, this.state.now());
		if (record == null) {
			return HttpResult.errors(403, RequestProcessor.INVALID_TOKEN);
		}
		if (!this.state.acls().acl(record.snapshot()).allows("sys/seal", Capability.UPDATE, false, true)) {
			return HttpResult.errors(403, RequestProcessor.ACL_DENIED);
		}
		this.state.setSealed(true);
		return HttpResult.empty(204);
	}

}
