package dev.vaultkv.embedded.server;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed HTTP request handed to the {@link RequestProcessor}.
 *
 * @param method the HTTP method, upper case ({@code LIST} for the verb, {@code GET ?list=true} not yet
 * converted)
 * @param path the path after {@code /v1/}
 * @param query the query parameters
 * @param headers the headers, lower-cased names
 * @param body the JSON body (empty object if none)
 * @param peerCertificates the TLS client chain
 * @author vaultkv
 * @since 0.1.0
 */
public record HttpCall(String method, String path, Map<String, List<String>> query,
		Map<String, List<String>> headers, ObjectNode body, List<X509Certificate> peerCertificates) {

	/**
	 * Return the first value of a header.
	 * @param name lower-case name
	 * @return the value or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Return the first value of a query parameter.
	 * @param name the name
	 * @return the value or {@code null}
	 * @since 0.1.0
	 */
	public @Nullable String queryParam(String name) {
		List<String> values = this.query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	@Override
	public String toString() {
		// body and headers may hold secrets and tokens
		return "HttpCall[method=" + this.method + ", path=" + this.path + "]";
	}
}
