package dev.vaultkv.embedded.auth;

import java.util.regex.Matcher;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;

/**
 * Base of the auth methods that log in against a named role ({@code approle}, {@code jwt},
 * {@code kubernetes}, {@code azure}, {@code gcp}, {@code aws}): routes {@code login}, then the method's own
 * paths, then the role endpoints (LIST {@code role}, read, write and delete of {@code role/<name>}).
 *
 * @param <R> the role type
 * @author vaultkv
 */
abstract class RoleAuthBackend<R> extends AuthBackend {

	/** The roles; guarded by the monitor. */
	protected final RoleStore<R> roles;

	RoleAuthBackend(MountContext context, RoleStore<R> roles) {
		super(context);
		this.roles = roles;
	}

	@Override
	public @Nullable Boolean exists(ApiRequest request) {
		Matcher matcher = match(RoleStore.ROLE, request.subPath());
		if (matcher == null) {
			return null;
		}
		synchronized (this.monitor) {
			return this.roles.contains(matcher.group(1));
		}
	}

	@Override
	protected final ApiResponse route(ApiRequest request, Params params) {
		if (request.subPath().equals("login")) {
			return request.isWrite() ? login(request, params) : unsupportedOperation();
		}
		ApiResponse response = routeMethodPaths(request, params);
		return (response != null) ? response : roleEndpoints(request, params);
	}

	/**
	 * Handle a request to one of the method's own paths (its configuration and the like).
	 * @param request the request
	 * @param params its parameters
	 * @return the response, or {@code null} when the path is not one of them
	 */
	protected abstract @Nullable ApiResponse routeMethodPaths(ApiRequest request, Params params);

	/**
	 * Handle a login write.
	 * @param request the request
	 * @param params its parameters
	 * @return the response
	 */
	protected abstract ApiResponse login(ApiRequest request, Params params);

	/**
	 * Write a role.
	 * @param name the role's stored name
	 * @param params the request's parameters
	 * @return the response
	 */
	protected abstract ApiResponse writeRole(String name, Params params);

	/**
	 * The role endpoints: LIST {@code role}, and read, write and delete of {@code role/<name>}; anything else
	 * is an unsupported path.
	 */
	private ApiResponse roleEndpoints(ApiRequest request, Params params) {
		String subPath = request.subPath();
		if (subPath.equals("role") || subPath.equals("role/")) {
			return request.isList() ? keys(page(request), this.roles.names()) : unsupportedOperation();
		}
		Matcher matcher = match(RoleStore.ROLE, subPath);
		if (matcher == null) {
			return unsupportedPath();
		}
		String name = this.roles.canonical(matcher.group(1));
		if (request.isRead()) {
			R role = this.roles.get(name);
			return (role != null) ? ApiResponse.ok(this.roles.toData(role)) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			return writeRole(name, params);
		}
		if (request.isDelete()) {
			this.roles.remove(name);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

}
