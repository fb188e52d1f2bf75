package dev.vaultkv.embedded.server;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.Backend;

/**
 * A built-in backend that may authenticate callers without the generic ACL check (it applies its own rule).
 *
 * @author vaultkv
 * @since 0.1.0
 */
interface CoreBackend extends Backend {

	/**
	 * Return whether the generic ACL check is skipped for an authenticated request.
	 * @param request the request
	 * @return whether to skip it
	 */
	default boolean skipsAcl(ApiRequest request) {
		return false;
	}

}
