package dev.vaultkv.embedded.server;

import java.time.format.DateTimeFormatter;

import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;

/**
 * The {@code sys/} mount of one namespace; dispatches to the handlers per concern.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class SysBackend implements CoreBackend {

	static final String UNSUPPORTED_PATH = HttpResult.multierror("unsupported path");

	static final String UNSUPPORTED_OPERATION = HttpResult.multierror("unsupported operation");

	private final SysMounts mounts;

	private final SysPolicies policies;

	private final SysWrapping wrapping;

	private final SysNamespaces namespaces;

	private final SysLeases leases;

	private final SysRemount remount;

	private final ServerState state;

	SysBackend(ServerState state, Namespace namespace) {
		this.leases = new SysLeases(state, namespace);
		this.remount = new SysRemount(state, namespace);
		this.mounts = new SysMounts(state, namespace);
		this.policies = new SysPolicies(state, namespace);
		this.wrapping = new SysWrapping(state, namespace);
		this.namespaces = new SysNamespaces(state, namespace);
		this.state = state;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		String sub = request.subPath();
		try {
			if (sub.equals("mounts") || sub.startsWith("mounts/")) {
				return this.mounts.handleMounts(request, sub.equals("mounts") ? "" : sub.substring("mounts/".length()), false);
			}
			if (sub.equals("auth") || sub.startsWith("auth/")) {
				return this.mounts.handleMounts(request, sub.equals("auth") ? "" : sub.substring("auth/".length()), true);
			}
			if (sub.equals("internal/ui/mounts") || sub.equals("internal/ui/mounts/")) {
				return this.mounts.uiMounts(request);
			}
			if (sub.startsWith("internal/ui/mounts/")) {
				return this.mounts.uiMount(request, sub.substring("internal/ui/mounts/".length()));
			}
			if (sub.startsWith("policies/acl") || sub.equals("policy") || sub.startsWith("policy/")
					|| sub.startsWith("capabilities")) {
				return this.policies.handle(request, sub);
			}
			if (sub.startsWith("wrapping/")) {
				return this.wrapping.handle(request, sub.substring("wrapping/".length()));
			}
			if (sub.equals("namespaces") || sub.startsWith("namespaces/")) {
				return this.namespaces.handle(request,
						sub.equals("namespaces") ? "" : sub.substring("namespaces/".length()));
			}
			if (sub.equals("version-history") || sub.equals("version-history/")) {
				return request.isList() ? versionHistory() : ApiResponse.error(405, UNSUPPORTED_OPERATION);
			}
			if (SysRemount.handles(sub)) {
				return this.remount.handle(request, sub);
			}
			if (SysLeases.handles(sub)) {
				return this.leases.handle(request, sub);
			}
			return ApiResponse.error(404, UNSUPPORTED_PATH);
		}
		catch (IllegalArgumentException ex) {
			return ApiResponse.error(400, ex.getMessage());
		}
	}

	/**
	 * {@code sys/version-history}: one version, installed when the server was created; Vault reports its
	 * {@code build_date}, OpenBao its {@code commit_date}.
	 */
	private ApiResponse versionHistory() {
		ServerSettings settings = this.state.settings();
		ObjectNode data = Json.object();
		data.putArray("keys").add(settings.version());
		ObjectNode info = data.putObject("key_info").putObject(settings.version());
		info.put(settings.openBao() ? "commit_date" : "build_date", RawSysEndpoints.COMMIT_DATE);
		info.putNull("previous_version");
		info.put("timestamp_installed", DateTimeFormatter.ISO_INSTANT.format(this.state.installedAt()));
		return ApiResponse.ok(data);
	}

	@Override
	public boolean isUnauthenticated(ApiRequest request) {
		String sub = request.subPath();
		return sub.equals("wrapping/lookup") || sub.equals("wrapping/unwrap") || sub.equals("internal/ui/mounts")
				|| sub.equals("internal/ui/mounts/");
	}

	@Override
	public boolean skipsAcl(ApiRequest request) {
		return request.subPath().startsWith("internal/ui/mounts/");
	}

}
