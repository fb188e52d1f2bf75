package dev.vaultkv.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;

/**
 * A request to Vault's HTTP API: a method, a path relative to {@code /v1/}, optional query parameters
 * and JSON body, and how it authenticates. The path is checked when the request is built, so a request
 * that Vault cannot address is never sent.
 *
 * @since 0.1.0
 */
public final class VaultRequest {

	/**
	 * Whether a LIST is meant; it is sent as {@code GET ?list=true}, which every Vault version accepts.
	 */
	private final boolean list;

	private final HttpMethod method;

	private final String path;

	private final Map<String, String> query;

	private final @Nullable Object body;

	private final Authentication authentication;

	private final @Nullable VaultToken token;

	private final @Nullable String namespace;

	private final @Nullable Duration wrapTtl;

	private final boolean refusedWithServerError;

	private VaultRequest(Builder builder) {
		this.list = builder.list;
		this.method = builder.method;
		this.path = builder.path;
		this.query = builder.query.isEmpty() ? Collections.emptyMap()
				: Collections.unmodifiableMap(new LinkedHashMap<>(builder.query));
		this.body = builder.body;
		this.authentication = builder.authentication;
		this.token = builder.token;
		this.namespace = builder.namespace;
		this.wrapTtl = builder.wrapTtl;
		this.refusedWithServerError = builder.refusedWithServerError;
	}

	/**
	 * Start a {@code GET} (read) request.
	 * @param path the path relative to {@code /v1/}
	 * @return a builder
	 */
	public static Builder get(String path) {
		return new Builder(HttpMethod.GET, path, false);
	}

	/**
	 * Start a LIST request.
	 * @param path the path relative to {@code /v1/}; a trailing {@code /} is added when missing
	 * @return a builder
	 */
	public static Builder list(String path) {
		return new Builder(HttpMethod.GET, path.endsWith("/") ? path : path + "/", true);
	}

	/**
	 * Start a {@code POST} (create or update) request.
	 * @param path the path relative to {@code /v1/}
	 * @return a builder
	 */
	public static Builder post(String path) {
		return new Builder(HttpMethod.POST, path, false);
	}

	/**
	 * Start a {@code PUT} request (a synonym of {@code POST} for Vault).
	 * @param path the path relative to {@code /v1/}
	 * @return a builder
	 */
	public static Builder put(String path) {
		return new Builder(HttpMethod.PUT, path, false);
	}

	/**
	 * Start a {@code PATCH} request, sent as {@code application/merge-patch+json}.
	 * @param path the path relative to {@code /v1/}
	 * @return a builder
	 */
	public static Builder patch(String path) {
		return new Builder(HttpMethod.PATCH, path, false);
	}

	/**
	 * Start a {@code DELETE} request.
	 * @param path the path relative to {@code /v1/}
	 * @return a builder
	 */
	public static Builder delete(String path) {
		return new Builder(HttpMethod.DELETE, path, false);
	}

	/**
	 * Return whether Vault answers this request's refusals with status 500 (see
	 * {@link Builder#refusedWithServerError()}), so that a 500 is the answer rather than a transient failure.
	 * @return whether a 500 must not be retried
	 */
	public boolean isRefusedWithServerError() {
		return this.refusedWithServerError;
	}

	/**
	 * Return whether this is a LIST request.
	 * @return whether this lists keys
	 */
	public boolean isList() {
		return this.list;
	}

	/**
	 * Return the HTTP method to send.
	 * @return the method
	 */
	public HttpMethod getMethod() {
		return this.method;
	}

	/**
	 * Return the name of the operation for messages: the HTTP method, or {@code LIST}.
	 * @return the operation name
	 */
	public String getOperation() {
		return this.list ? "LIST" : this.method.name();
	}

	/**
	 * Return the path relative to {@code /v1/}, without a leading slash.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return the query parameters, in insertion order.
	 * @return the query parameters
	 */
	public Map<String, String> getQuery() {
		return this.query;
	}

	/**
	 * Return the body to send as JSON, if any.
	 * @return the body or {@code null}
	 */
	public @Nullable Object getBody() {
		return this.body;
	}

	/**
	 * Return how the request authenticates.
	 * @return the authentication mode
	 */
	public Authentication getAuthentication() {
		return this.authentication;
	}

	/**
	 * Return the explicit token, for {@link Authentication#EXPLICIT_TOKEN}.
	 * @return the token or {@code null}
	 */
	public @Nullable VaultToken getToken() {
		return this.token;
	}

	/**
	 * Return the namespace for this request, overriding the client's; {@code ""} means the root
	 * namespace (no header) and {@code null} the client's default.
	 * @return the namespace or {@code null}
	 */
	public @Nullable String getNamespace() {
		return this.namespace;
	}

	/**
	 * Return the TTL with which Vault should wrap the response, if any.
	 * @return the wrap TTL or {@code null}
	 */
	public @Nullable Duration getWrapTtl() {
		return this.wrapTtl;
	}

	@Override
	public String toString() {
		return getOperation() + " " + this.path;
	}

	/**
	 * How a request authenticates.
	 */
	public enum Authentication {

		/**
		 * Send the client's current token and renew it when Vault rejects it.
		 */
		TOKEN,

		/**
		 * Send no token (logins, {@code sys/health}, {@code sys/wrapping/lookup}).
		 */
		NONE,

		/**
		 * Send the token given with the request and never replace it (unwrapping).
		 */
		EXPLICIT_TOKEN

	}

	/**
	 * Builds a {@link VaultRequest}.
	 */
	public static final class Builder {

		private final HttpMethod method;

		private final String path;

		private final boolean list;

		private final Map<String, String> query = new LinkedHashMap<>();

		private @Nullable Object body;

		private Authentication authentication = Authentication.TOKEN;

		private @Nullable VaultToken token;

		private @Nullable String namespace;

		private @Nullable Duration wrapTtl;

		private boolean refusedWithServerError;

		private Builder(HttpMethod method, String path, boolean list) {
			this.method = method;
			this.path = VaultPaths.validate(path);
			this.list = list;
		}

		/**
		 * Add a query parameter.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder query(String name, Object value) {
			Assert.hasText(name, "'name' must not be empty");
			Assert.notNull(value, "'value' must not be null");
			this.query.put(name, String.valueOf(value));
			return this;
		}

		/**
		 * Set the body, serialized as JSON.
		 * @param body the body, a map, a {@code JsonNode} or a Jackson-serializable object
		 * @return this builder
		 */
		public Builder body(@Nullable Object body) {
			this.body = body;
			return this;
		}

		/**
		 * Send no token with this request.
		 * @return this builder
		 */
		public Builder unauthenticated() {
			this.authentication = Authentication.NONE;
			this.token = null;
			return this;
		}

		/**
		 * Send the given token with this request instead of the client's.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(VaultToken token) {
			Assert.notNull(token, "'token' must not be null");
			this.authentication = Authentication.EXPLICIT_TOKEN;
			this.token = token;
			return this;
		}

		/**
		 * Send the request to the given namespace instead of the client's.
		 * @param namespace the namespace, {@code ""} for the root namespace, or {@code null} for the
		 * client's default
		 * @return this builder
		 */
		public Builder namespace(@Nullable String namespace) {
			this.namespace = namespace;
			return this;
		}

		/**
		 * Ask Vault to wrap the response in a single-use token with this TTL.
		 * @param wrapTtl the TTL of the wrapping token
		 * @return this builder
		 */
		public Builder wrapTtl(@Nullable Duration wrapTtl) {
			Assert.isTrue(wrapTtl == null || !wrapTtl.isNegative() && !wrapTtl.isZero(),
					"'wrapTtl' must be positive");
			this.wrapTtl = wrapTtl;
			return this;
		}

		/**
		 * Mark that Vault answers this request's refusals with status 500, as its GitHub and Azure auth
		 * methods pass on the outside service's verdict: clients that retry transient failures then take a
		 * 500 as the answer instead of asking again (429, 503 and connection failures are still retried).
		 * @return this builder
		 */
		public Builder refusedWithServerError() {
			this.refusedWithServerError = true;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public VaultRequest build() {
			return new VaultRequest(this);
		}

	}

}
