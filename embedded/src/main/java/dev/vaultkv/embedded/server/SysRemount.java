package dev.vaultkv.embedded.server;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;

/**
 * {@code sys/remount} and {@code sys/remount/status/<migration_id>} (Vault's handleRemount and
 * handleRemountStatusCheck): moves a secrets engine or auth method with its data. Vault moves in the
 * background and reports {@code in-progress} first; here the move is done when the answer is sent, so the
 * status is {@code success} (or {@code failure}) at once.
 *
 * @author vaultkv
 */
final class SysRemount {

	/** Mounts that cannot be moved, nor moved below (Vault's protectedMounts). */
	private static final List<String> PROTECTED_MOUNTS = List.of("audit/", "auth/", "sys/", "cubbyhole/",
			"identity/");

	/** Auth mounts that cannot be moved, nor moved below (Vault's protectedAuths). */
	private static final List<String> PROTECTED_AUTHS = List.of("auth/token");

	private final ServerState state;

	private final Namespace namespace;

	SysRemount(ServerState state, Namespace namespace) {
		this.state = state;
		this.namespace = namespace;
	}

	static boolean handles(String sub) {
		return sub.equals("remount") || sub.startsWith("remount/status/");
	}

	ApiResponse handle(ApiRequest request, String sub) {
		if (sub.equals("remount")) {
			return request.isWrite() ? remount(request.data())
					: ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		if (!request.isRead()) {
			return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		String id = sub.substring("remount/status/".length());
		if (id.isEmpty()) {
			return ApiResponse.error(400, "migrationID must be specified");
		}
		ObjectNode info = this.state.migrations().get(id);
		if (info == null) {
			return ApiResponse.notFound();
		}
		ObjectNode data = Json.object();
		data.put("migration_id", id);
		data.set("migration_info", info.deepCopy());
		return ApiResponse.ok(data);
	}

	private ApiResponse remount(ObjectNode data) {
		String from = text(data.get("from"));
		String to = text(data.get("to"));
		if (from.isEmpty() || to.isEmpty()) {
			return ApiResponse.error(400, "both 'from' and 'to' path must be specified as a string");
		}
		if (from.startsWith(" ") || from.endsWith(" ")) {
			return ApiResponse.error(400, "'from' path cannot contain trailing whitespace");
		}
		if (to.startsWith(" ") || to.endsWith(" ")) {
			return ApiResponse.error(400, "'to' path cannot contain trailing whitespace");
		}
		String source = sanitize(from);
		String target = sanitize(to);
		if (target.equals("/")) {
			return ApiResponse.error(400, "invalid destination mount path \"" + to + "\"");
		}
		if (source.startsWith("auth/")) {
			if (!target.startsWith("auth/")) {
				return ApiResponse.error(400, "cannot remount auth mount to non-auth mount \"" + target + "\"");
			}
			for (String protectedAuth : PROTECTED_AUTHS) {
				if (source.startsWith(protectedAuth)) {
					return ApiResponse.error(400, "cannot remount \"" + source + "\"");
				}
			}
			for (String protectedAuth : PROTECTED_AUTHS) {
				if (target.startsWith(protectedAuth)) {
					return ApiResponse.error(400, "cannot remount to destination \"" + target + "\"");
				}
			}
		}
		else {
			for (String protectedMount : PROTECTED_MOUNTS) {
				if (source.startsWith(protectedMount)) {
					return ApiResponse.error(400, "cannot remount \"" + source + "\"");
				}
				if (target.startsWith(protectedMount)) {
					// Vault formats this one with %+v: no quotes
					return ApiResponse.error(400, "cannot remount to destination " + target);
				}
			}
		}
		String prefix = this.namespace.path();
		synchronized (this.state.mountLock()) {
			MountEntry entry = this.namespace.mounts().get(source);
			if (entry == null) {
				return ApiResponse.error(400, "no matching mount at \"" + prefix + source + "\"");
			}
			for (MountEntry existing : this.namespace.mounts().values()) {
				if (target.startsWith(existing.path()) || existing.path().startsWith(target)) {
					return ApiResponse.error(400, "path already in use at \"" + prefix + existing.path() + "\"");
				}
			}
			String id = Ids.uuid();
			ObjectNode info = Json.object();
			info.put("source_mount", prefix + source);
			info.put("target_mount", prefix + target);
			try {
				this.state.move(this.namespace, entry, target);
				info.put("status", "success");
			}
			catch (LeaseException ex) {
				info.put("status", "failure");
			}
			this.state.migrations().put(id, info);
			ObjectNode result = Json.object();
			result.put("migration_id", id);
			return ApiResponse.ok(result)
				.withWarning("Mount move has been queued. Progress will be reported in Vault's server log, "
						+ "tagged with the returned migration_id");
		}
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull()) ? "" : node.asString();
	}

	/** Vault's sanitizePath: no leading slash, one trailing slash. */
	private static String sanitize(String path) {
		String trimmed = path;
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		return trimmed.endsWith("/") ? trimmed : trimmed + "/";
	}

}
