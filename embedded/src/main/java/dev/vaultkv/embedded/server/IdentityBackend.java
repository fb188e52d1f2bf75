package dev.vaultkv.embedded.server;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;

/**
 * A minimal identity store: entities exist only as IDs on tokens, so every path is unsupported.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class IdentityBackend implements CoreBackend {

	@Override
	public ApiResponse handle(ApiRequest request) {
		return ApiResponse.error(404, HttpResult.multierror("unsupported path"));
	}

}
