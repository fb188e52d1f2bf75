package dev.vaultkv.embedded.spi;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A logical request routed by the core to a {@link Backend}.
 *
 * @param method the operation: {@code GET}, {@code LIST}, {@code POST}, {@code PUT}, {@code PATCH} or
 * {@code DELETE} ({@code GET ?list=true} and the {@code LIST} verb both arrive as {@code LIST})
 * @param path the path relative to the namespace, without {@code /v1/} and without a leading slash
 * @param mountPath the matched mount with a trailing slash, e.g. {@code secret/} or {@code auth/approle/}
 * @param subPath the rest of the path below the mount, possibly empty
 * @param namespace the namespace, {@code ""} for root, else with a trailing slash such as {@code ns1/}
 * @param data the JSON body merged with the query parameters (query values as strings, body wins)
 * @param headers request headers with lower-cased names
 * @param token the caller's valid token, or {@code null} for an unauthenticated path
 * @param peerCertificates the TLS client certificate chain, empty over plain HTTP
 * @param now the server clock's current instant
 * @author vaultkv
 * @since 0.1.0
 */
public record ApiRequest(String method, String path, String mountPath, String subPath, String namespace,
		ObjectNode data, Map<String, List<String>> headers, @Nullable TokenEntry token,
		List<X509Certificate> peerCertificates, Instant now) {

	/**
	 * Return the first value of a header.
	 * @param name the header name (any case)
	 * @return the value or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Return a text parameter from {@link #data()}; numbers and booleans are converted to text.
	 * @param name the parameter name
	 * @return the value or {@code null} if absent or JSON {@code null}
	 * @since 0.1.0
	 */
	public @Nullable String string(String name) {
		JsonNode node = this.data.get(name);
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return node.isValueNode() ? node.asString() : node.toString();
	}

	/**
	 * Return whether the operation is a read ({@code GET}).
	 * @return whether this is a read
	 * @since 0.1.0
	 */
	public boolean isRead() {
		return "GET".equals(this.method);
	}

	/**
	 * Return whether the operation is a list ({@code LIST}).
	 * @return whether this is a list
	 * @since 0.1.0
	 */
	public boolean isList() {
		return "LIST".equals(this.method);
	}

	/**
	 * Return whether the operation is a write ({@code POST} or {@code PUT}).
	 * @return whether this is a create or update
	 * @since 0.1.0
	 */
	public boolean isWrite() {
		return "POST".equals(this.method) || "PUT".equals(this.method);
	}

	/**
	 * Return whether the operation is a {@code PATCH}.
	 * @return whether this is a patch
	 * @since 0.1.0
	 */
	public boolean isPatch() {
		return "PATCH".equals(this.method);
	}

	/**
	 * Return whether the operation is a {@code DELETE}.
	 * @return whether this is a delete
	 * @since 0.1.0
	 */
	public boolean isDelete() {
		return "DELETE".equals(this.method);
	}

	@Override
	public String toString() {
		// data and headers may hold secrets and tokens
		return "ApiRequest[method=" + this.method + ", path=" + this.path + ", namespace=" + this.namespace + "]";
	}
}
