package dev.vaultkv.embedded.auth;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.IssuedToken;
import dev.vaultkv.embedded.spi.ListPage;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the auth method backends: turns {@link AuthRequestException}s into Vault error responses and
 * offers the shared pieces (name patterns, LIST responses, login token issuance).
 *
 * @author vaultkv
 */
abstract class AuthBackend implements Backend {

	/** Vault's generic name pattern for roles, users and certificate entries. */
	static final String NAME = "(\\w(?:[\\w.@-]*\\w)?)";

	/** Serialises every request of a mount; the in-memory state is small and requests are short. */
	protected final Object monitor = new Object();

	protected final MountContext context;

	AuthBackend(MountContext context) {
		this.context = context;
	}

	/**
	 * Whether a request is a login, which needs no token: {@code login} for most methods.
	 */
	@Override
	public boolean isUnauthenticated(ApiRequest request) {
		return request.subPath().equals("login");
	}

	@Override
	public final ApiResponse handle(ApiRequest request) {
		ApiResponse response;
		try {
			Params params = new Params(request.data());
			if (handlesLocking(request)) {
				response = route(request, params);
			}
			else {
				synchronized (this.monitor) {
					response = route(request, params);
				}
			}
		}
		catch (AuthRequestException ex) {
			response = ApiResponse.error(ex.status(), ex.getMessage());
		}
		return isUnauthenticated(request) ? response : asCoreError(response);
	}

	/**
	 * Vault's core wraps an error a plugin returns without an error response (an internal error, an
	 * unsupported path or operation) in a multierror on authenticated requests; a login returns it as is
	 * (vault/request_handling.go).
	 */
	private static ApiResponse asCoreError(ApiResponse response) {
		int status = response.getStatus();
		List<String> errors = response.getErrors();
		if (!response.isError() || errors == null || errors.size() != 1) {
			return response;
		}
		String error = errors.get(0);
		boolean pluginError = status >= 500 || (status == 404 && error.equals("unsupported path"))
				|| (status == 405 && error.equals("unsupported operation"));
		return pluginError ? ApiResponse.error(status, "1 error occurred:\n\t* " + error + "\n\n") : response;
	}

	/**
	 * Whether {@link #route} locks by itself for this request (for work, such as fetching keys, that must
	 * not hold the monitor).
	 */
	protected boolean handlesLocking(ApiRequest request) {
		return false;
	}

	/**
	 * Handle a request.
	 * @param request the request
	 * @param params its parameters
	 * @return the response
	 */
	protected abstract ApiResponse route(ApiRequest request, Params params);

	static @Nullable Matcher match(Pattern pattern, String subPath) {
		Matcher matcher = pattern.matcher(subPath);
		return matcher.matches() ? matcher : null;
	}

	static ApiResponse unsupportedPath() {
		return ApiResponse.error(404, "unsupported path");
	}

	static ApiResponse unsupportedOperation() {
		return ApiResponse.error(405, "unsupported operation");
	}

	/**
	 * The endpoints of a mount's single configuration object: read (404 while unset) and write.
	 * @param request the request
	 * @param params its parameters
	 * @param read the configuration as read back, {@code null} while unset
	 * @param write writes the configuration from the request's parameters
	 * @return the response
	 */
	static ApiResponse configEndpoints(ApiRequest request, Params params, Supplier<@Nullable ObjectNode> read,
			Function<Params, ApiResponse> write) {
		if (request.isRead()) {
			ObjectNode data = read.get();
			return (data != null) ? ApiResponse.ok(data) : ApiResponse.notFound();
		}
		return request.isWrite() ? write.apply(params) : unsupportedOperation();
	}

	/**
	 * The endpoints of a mount's single configuration object that can also be deleted: read (404 while
	 * unset), write and delete.
	 * @param request the request
	 * @param params its parameters
	 * @param read the configuration as read back, {@code null} while unset
	 * @param write writes the configuration from the request's parameters
	 * @param delete forgets the configuration
	 * @return the response
	 */
	static ApiResponse configEndpoints(ApiRequest request, Params params, Supplier<@Nullable ObjectNode> read,
			Function<Params, ApiResponse> write, Runnable delete) {
		if (request.isDelete()) {
			delete.run();
			return ApiResponse.noContent();
		}
		return configEndpoints(request, params, read, write);
	}

	/**
	 * The answer to a stored role (or user): no content, or a warning when its maximum TTL exceeds what the
	 * mount allows.
	 * @param fields the token settings stored
	 * @return the response
	 */
	ApiResponse stored(TokenFields fields) {
		if (exceedsMountMaxTtl(fields)) {
			return ApiResponse.ok(null)
				.withWarning("max_ttl is greater than the system or backend mount's maximum TTL value; "
						+ "issued tokens' max TTL value will be truncated");
		}
		return ApiResponse.noContent();
	}

	/**
	 * A LIST response: {@code data.keys}, or 404 with no errors when there is nothing to list (as Vault).
	 */
	static ApiResponse keys(Collection<String> keys) {
		return keys(ListPage.ALL, keys);
	}

	/**
	 * A LIST response of one page of keys: {@code data.keys}, or 404 when the page is empty.
	 */
	static ApiResponse keys(ListPage page, Collection<String> keys) {
		List<String> listed = page.select(keys);
		if (listed.isEmpty()) {
			return ApiResponse.notFound();
		}
		ObjectNode data = Json.object();
		data.set("keys", Json.array(listed));
		return ApiResponse.ok(data);
	}

	/**
	 * The page a LIST asks for: {@code after} and {@code limit} on a paginating (OpenBao) server, else all.
	 * @throws AuthRequestException when a pagination parameter is invalid
	 */
	ListPage page(ApiRequest request) {
		try {
			return ListPage.requested(this.context, request.data());
		}
		catch (IllegalArgumentException ex) {
			throw AuthRequestException.badRequest(ex.getMessage());
		}
	}

	/**
	 * Issue a login token and answer with its {@code auth} block.
	 * @param request the login request
	 * @param fields the token settings
	 * @param metadata the token metadata
	 * @param displayName the method's display name (Vault prefixes it with the mount path)
	 * @return the response
	 */
	ApiResponse login(ApiRequest request, TokenFields fields, Map<String, String> metadata, String displayName) {
		if (checksTokenBoundCidrsAtLogin() && !Cidrs.allowsLoopback(fields.boundCidrs)) {
			return ApiResponse.error(403, "permission denied");
		}
		String source = this.context.path().replaceFirst("^auth/", "").replace('/', '-');
		String fullName = (source + displayName).replaceAll("-+$", "");
		IssuedToken token = this.context.tokens()
			.issue(fields.toSpec(this.context.namespace(), metadata, request.path(), fullName));
		return ApiResponse.auth(token);
	}

	/**
	 * Whether a login is refused when the caller's address is outside {@code token_bound_cidrs} (most
	 * methods; AppRole leaves it to token use).
	 */
	protected boolean checksTokenBoundCidrsAtLogin() {
		return true;
	}

	/**
	 * A warning when a role's maximum TTL exceeds what the mount allows.
	 */
	boolean exceedsMountMaxTtl(TokenFields fields) {
		long max = this.context.maxLeaseTtlSeconds();
		return max > 0 && fields.maxTtl.toSeconds() > max;
	}

	static String time(@Nullable Instant instant) {
		return (instant != null) ? DateTimeFormatter.ISO_INSTANT.format(instant) : "0001-01-01T00:00:00Z";
	}

	static String required(Params params, String name) {
		String value = params.string(name);
		if (value == null || value.trim().isEmpty()) {
			throw AuthRequestException.badRequest("missing " + name);
		}
		return value.trim();
	}

}
