package dev.vaultkv.embedded;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request the embedded server answered. Holds no bodies and no tokens: the caller is described by its
 * token's display name and policies and by its {@code User-Agent}.
 *
 * @param time when it was answered (server clock)
 * @param method the HTTP method as sent ({@code GET}, {@code LIST}, {@code POST}...)
 * @param path the path after {@code /v1/}, without the query string
 * @param namespace the {@code X-Vault-Namespace} header, {@code ""} if none
 * @param status the status code sent, or {@code -1} if the connection was dropped on purpose
 * @param caller the display name of the request's token, with the role of the auth method that issued it
 * if any (e.g. {@code approle (role my-app)}); {@code "unknown token"} for a token that is not live;
 * {@code ""} without a token
 * @param policies the policies of the request's token, empty without a live token
 * @param userAgent the {@code User-Agent} header, {@code ""} if none
 * @author vaultkv
 * @since 0.1.0
 */
public record RequestLogEntry(Instant time, String method, String path, String namespace, int status, String caller,
		List<String> policies, String userAgent) {

	/**
	 * Create a new instance.
	 * @param time when it was answered (server clock)
	 * @param method the HTTP method as sent
	 * @param path the path after {@code /v1/}
	 * @param namespace the namespace header, {@code ""} if none
	 * @param status the status code sent, or {@code -1}
	 * @param caller the token's display name, {@code ""} without a token
	 * @param policies the token's policies
	 * @param userAgent the {@code User-Agent} header, {@code ""} if none
	 * @since 0.1.0
	 */
	public RequestLogEntry {
		Objects.requireNonNull(caller, "'caller' must not be null");
		Objects.requireNonNull(userAgent, "'userAgent' must not be null");
		policies = List.copyOf(policies);
	}

	/**
	 * Create an entry without caller information.
	 * @param time when it was answered (server clock)
	 * @param method the HTTP method as sent
	 * @param path the path after {@code /v1/}
	 * @param namespace the namespace header, {@code ""} if none
	 * @param status the status code sent, or {@code -1}
	 * @since 0.1.0
	 */
	public RequestLogEntry(Instant time, String method, String path, String namespace, int status) {
		this(time, method, path, namespace, status, "", List.of(), "");
	}

}
