package dev.vaultkv.embedded.server;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;

/**
 * How a {@link RequestProcessor} hands a request to the backend of its mount, once the request has been
 * authenticated and authorized. The default calls the backend; a cluster node wraps it to number and
 * replicate writes, or to answer reads from a replica.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public interface BackendInvoker {

	/**
	 * The invoker of a single server: the mount's backend handles the request.
	 * @since 0.1.0
	 */
	BackendInvoker DIRECT = (mount, request, backend) -> backend.handle(request);

	/**
	 * Handle a request.
	 * @param mount the mount the request is routed to
	 * @param request the authorized request
	 * @param backend the mount's backend
	 * @return the response
	 * @since 0.1.0
	 */
	ApiResponse invoke(MountEntry mount, ApiRequest request, Backend backend);

	/**
	 * Decide, before authentication, whether this processor answers a request at all; a non-null result is
	 * returned as is (e.g. a performance standby hands requests it cannot serve to the active node).
	 * @param mount the mount the request is routed to
	 * @param request the request, without its token
	 * @return {@code null} to go on, or the result to return
	 * @since 0.1.0
	 */
	default @Nullable HttpResult divert(MountEntry mount, ApiRequest request) {
		return null;
	}

}
