package dev.vaultkv.embedded.spi;

import org.jspecify.annotations.Nullable;

/**
 * A secret engine or auth method instance serving one mount.
 *
 * <p>
 * Implementations must be thread-safe: the core calls them from several request threads at once.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public interface Backend {

	/**
	 * Handle a request routed to this mount. The core has already authenticated the caller and checked its
	 * ACL for {@code mountPath + subPath} (or {@link #aclPath}).
	 * @param request the request
	 * @return the response, never {@code null}
	 * @since 0.1.0
	 */
	ApiResponse handle(ApiRequest request);

	/**
	 * Return whether the request needs no token (e.g. {@code login}, {@code login/*}). For such requests
	 * the core skips authentication and ACL checks and passes a {@code null} token.
	 * @param request the request ({@link ApiRequest#token()} is {@code null})
	 * @return whether the request is unauthenticated
	 * @since 0.1.0
	 */
	default boolean isUnauthenticated(ApiRequest request) {
		return false;
	}

	/**
	 * Existence check asked for {@code POST}/{@code PUT}: {@code FALSE} means the ACL capability needed is
	 * {@code create}, {@code TRUE} or {@code null} mean {@code update}.
	 * @param request the request
	 * @return whether the target exists, or {@code null} when the backend has no existence check
	 * @since 0.1.0
	 */
	default @Nullable Boolean exists(ApiRequest request) {
		return null;
	}

	/**
	 * Return the path to check ACLs against, if it differs from {@code mountPath + subPath}.
	 * @param request the request
	 * @return the ACL path or {@code null} for the default
	 * @since 0.1.0
	 */
	default @Nullable String aclPath(ApiRequest request) {
		return null;
	}

	/**
	 * Called when the mount is disabled or the server resets, to release resources.
	 * @since 0.1.0
	 */
	default void close() {
	}

}
