package dev.vaultkv.embedded.spi;

import java.time.Instant;

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
	 * Renew a secret this backend issued with a {@link SecretLease} (Vault's secret renew handler). The core
	 * then caps the returned TTL at the returned (or the mount's) maximum counted from the issue time.
	 * @param request the lease
	 * @return the lease to apply, typically the role's TTL and maximum TTL
	 * @throws RuntimeException with the error text Vault would report, if the secret cannot be renewed
	 * @since 0.1.0
	 */
	default SecretLease renew(LeaseRequest request) {
		throw new UnsupportedOperationException("unsupported operation");
	}

	/**
	 * Revoke a secret this backend issued with a {@link SecretLease} (Vault's secret revoke handler), when
	 * its lease expires, is revoked, or the token that read it is revoked.
	 * @param request the lease
	 * @throws RuntimeException with the error text Vault would report, if revocation failed
	 * @since 0.1.0
	 */
	default void revoke(LeaseRequest request) {
	}

	/**
	 * Let the backend do time-driven work (such as rotating credentials). The core calls it before and after
	 * each request and whenever the server clock is moved, one call at a time, so work due at an instant
	 * happens deterministically once the clock shows it.
	 * @param now the server clock's current instant
	 * @since 0.1.0
	 */
	default void tick(Instant now) {
	}

	/**
	 * Called when the mount is disabled or the server resets, to release resources.
	 * @since 0.1.0
	 */
	default void close() {
	}

}
