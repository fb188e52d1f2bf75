package dev.vaultkv.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.Assert;
import org.springframework.web.util.UriUtils;

/**
 * Builds request URIs below {@code {endpoint}/v1/}: each path segment is percent-encoded once (spaces,
 * unicode), query names and values are encoded so that a Go server reads them back unchanged ({@code +}
 * as {@code %2B}, space as {@code %20}), and LIST becomes {@code ?list=true}. The URIs of the most
 * recently used paths without a query are kept.
 *
 * @since 0.1.0
 */
final class VaultUris {

	/**
	 * How many paths without a query keep their URI, so that reading the same secrets again does
	 * not parse their URIs again.
	 */
	private static final int MAX_REMEMBERED_PATHS = 256;

	private final URI endpoint;

	private final String base;

	private final Map<String, URI> pathUris = new ConcurrentHashMap<>();

	VaultUris(URI endpoint) {
		this.endpoint = validate(endpoint);
		String value = this.endpoint.toString();
		while (value.endsWith("/")) {
			value = value.substring(0, value.length() - 1);
		}
		this.base = value + "/v1/";
	}

	URI getEndpoint() {
		return this.endpoint;
	}

	URI create(VaultRequest request) {
		boolean plain = !request.isList() && request.getQuery().isEmpty();
		if (plain) {
			URI known = this.pathUris.get(request.getPath());
			if (known != null) {
				return known;
			}
		}
		URI created = build(request);
		if (plain) {
			if (this.pathUris.size() >= MAX_REMEMBERED_PATHS) {
				this.pathUris.clear();
			}
			this.pathUris.put(request.getPath(), created);
		}
		return created;
	}

	private URI build(VaultRequest request) {
		StringBuilder uri = new StringBuilder(this.base.length() + request.getPath().length() + 32).append(this.base);
		String path = request.getPath();
		int start = 0;
		while (start < path.length()) {
			int slash = path.indexOf('/', start);
			int end = (slash >= 0) ? slash : path.length();
			if (needsEncoding(path, start, end)) {
				uri.append(UriUtils.encodePathSegment(path.substring(start, end), StandardCharsets.UTF_8));
			}
			else {
				uri.append(path, start, end);
			}
			if (slash >= 0) {
				uri.append('/');
			}
			start = end + 1;
		}
		char separator = '?';
		if (request.isList()) {
			uri.append("?list=true");
			separator = '&';
		}
		for (Map.Entry<String, String> parameter : request.getQuery().entrySet()) {
			if (request.isList() && parameter.getKey().equals("list")) {
				continue;
			}
			uri.append(separator).append(encodeQuery(parameter.getKey())).append('=')
				.append(encodeQuery(parameter.getValue()));
			separator = '&';
		}
		return URI.create(uri.toString());
	}

	/**
	 * Return {@code host:port} of a URI, for messages.
	 * @param uri the URI
	 * @return host and port
	 */
	static String hostAndPort(URI uri) {
		int port = uri.getPort();
		if (port < 0) {
			port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
		}
		return uri.getHost() + ":" + port;
	}

	/**
	 * Whether a path segment holds a character that a path segment may not carry as it is (RFC 3986
	 * {@code pchar}: letters, digits, {@code -._~!$&'()*+,;=:@}).
	 */
	private static boolean needsEncoding(String path, int start, int end) {
		for (int i = start; i < end; i++) {
			char c = path.charAt(i);
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
			if (!plain) {
				return true;
			}
		}
		return false;
	}

	private static String encodeQuery(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static URI validate(URI endpoint) {
		Assert.notNull(endpoint, "'endpoint' must not be null");
		String scheme = (endpoint.getScheme() != null) ? endpoint.getScheme().toLowerCase(Locale.ROOT) : null;
		Assert.isTrue("http".equals(scheme) || "https".equals(scheme),
				() -> "Vault endpoint '" + endpoint + "' must use http or https, for example https://vault.example.com:8200");
		Assert.isTrue(endpoint.getHost() != null,
				() -> "Vault endpoint '" + endpoint + "' has no host, for example https://vault.example.com:8200");
		Assert.isTrue(endpoint.getRawQuery() == null && endpoint.getRawFragment() == null,
				() -> "Vault endpoint '" + endpoint.getScheme() + "://" + endpoint.getHost()
						+ "' must not have a query or fragment");
		Assert.isTrue(endpoint.getRawUserInfo() == null,
				() -> "Vault endpoint for host '" + endpoint.getHost() + "' must not contain user information");
		String path = (endpoint.getRawPath() != null) ? endpoint.getRawPath() : "";
		Assert.isTrue(!path.endsWith("/v1") && !path.endsWith("/v1/"),
				() -> "Vault endpoint '" + endpoint + "' must not end with /v1; give the server address only");
		return endpoint;
	}

}
