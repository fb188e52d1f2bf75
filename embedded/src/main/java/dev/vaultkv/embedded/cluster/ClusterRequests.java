package dev.vaultkv.embedded.cluster;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.server.HttpCall;
import dev.vaultkv.embedded.server.HttpResult;

/**
 * How a node routes one request: answered by itself, forwarded to the active node, redirected with 307, or
 * refused for a consistency header it cannot satisfy. Holds Vault's error texts for these cases.
 *
 * @author vaultkv
 */
final class ClusterRequests {

	static final String NO_ACTIVE_NODE = "local node not active but active cluster node not found";

	static final String NO_ACTIVE_INSTANCE = "no active Vault instance found";

	static final String INDEX_NOT_PRESENT = "required index state not present";

	private ClusterRequests() {
	}

	static boolean isRead(HttpCall call) {
		String method = call.method();
		return "GET".equals(method) || "LIST".equals(method) || "HEAD".equals(method);
	}

	static boolean isLocalSys(String path) {
		return path.equals("sys/seal-status") || path.equals("sys/init") || path.equals("sys/unseal");
	}

	static boolean wantsActive(HttpCall call) {
		String forward = call.header("x-vault-forward");
		return forward != null && forward.trim().equalsIgnoreCase("active-node");
	}

	static boolean forwardsInconsistent(HttpCall call) {
		String inconsistent = call.header("x-vault-inconsistent");
		return inconsistent != null && inconsistent.trim().equalsIgnoreCase("forward-active-node");
	}

	static boolean refusesForwarding(HttpCall call) {
		String header = call.header("x-vault-no-request-forwarding");
		return header != null && !header.isEmpty();
	}

	/**
	 * Every {@code X-Vault-Index} value of the request (several headers, or comma-separated in one).
	 */
	static List<String> indexHeaders(HttpCall call) {
		List<String> values = call.headers().get("x-vault-index");
		List<String> states = new ArrayList<>();
		if (values == null) {
			return states;
		}
		for (String value : values) {
			for (String piece : value.split(",")) {
				if (!piece.isBlank()) {
					states.add(piece.trim());
				}
			}
		}
		return states;
	}

	/**
	 * Vault's redirect of a standby that does not forward: 307 to the same path and query on the active
	 * node, or 503 when no active node is known.
	 */
	static HttpResult redirect(@Nullable ClusterNode leader, HttpCall call) {
		if (leader == null) {
			return HttpResult.errors(503, NO_ACTIVE_INSTANCE);
		}
		String location = leader.address() + "/v1/" + call.path() + query(call.query());
		return new HttpResult(307, null, Map.of("Location", location));
	}

	private static String query(Map<String, List<String>> query) {
		if (query.isEmpty()) {
			return "";
		}
		StringJoiner joiner = new StringJoiner("&", "?", "");
		query.forEach((name, values) -> {
			for (String value : values) {
				joiner.add(encode(name) + "=" + encode(value));
			}
		});
		return joiner.toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static HttpResult withHeader(HttpResult result, String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(result.headers());
		headers.put(name, value);
		return new HttpResult(result.status(), result.body(), Map.copyOf(headers));
	}

	static @Nullable String token(HttpCall call) {
		String token = call.header("x-vault-token");
		if (token != null && !token.isBlank()) {
			return token.trim();
		}
		String authorization = call.header("authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String bearer = authorization.substring(7).trim();
			return bearer.isEmpty() ? null : bearer;
		}
		return null;
	}

	static String namespace(HttpCall call) {
		String namespace = call.header("x-vault-namespace");
		return (namespace != null) ? namespace : "";
	}

	static String method(HttpCall call) {
		return call.method().toUpperCase(Locale.ROOT);
	}

	static HttpResult leaderBody(NodeStatus.View view, HttpCall call) {
		if (!"GET".equals(call.method())) {
			return HttpResult.errors(405);
		}
		return HttpResult.json(200, NodeStatus.leader(view));
	}

	static HttpResult badIndex(String message) {
		return HttpResult.errors(400, message);
	}

}
