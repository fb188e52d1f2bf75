package dev.vaultkv.embedded.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.server.acl.Acl;
import dev.vaultkv.embedded.server.acl.Policy;
import dev.vaultkv.embedded.server.acl.PolicyParser;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * {@code sys/policies/acl}, the legacy {@code sys/policy} endpoints and {@code sys/capabilities*}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class SysPolicies {

	private final ServerState state;

	private final Namespace namespace;

	SysPolicies(ServerState state, Namespace namespace) {
		this.state = state;
		this.namespace = namespace;
	}

	ApiResponse handle(ApiRequest request, String sub) {
		if (sub.equals("policies/acl/") || sub.equals("policies/acl")) {
			return request.isList() ? list(false) : ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		if (sub.startsWith("policies/acl/")) {
			return policy(request, sub.substring("policies/acl/".length()), false);
		}
		if (sub.equals("policy") || sub.equals("policy/")) {
			return (request.isRead() || request.isList()) ? list(true)
					: ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		if (sub.startsWith("policy/")) {
			return policy(request, sub.substring("policy/".length()), true);
		}
		if (!request.isWrite()) {
			return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		return switch (sub) {
			case "capabilities-self" -> capabilities(request, request.token());
			case "capabilities" -> capabilities(request, byToken(request));
			case "capabilities-accessor" -> capabilities(request, byAccessor(request));
			default -> ApiResponse.error(404, SysBackend.UNSUPPORTED_PATH);
		};
	}

	private ApiResponse list(boolean legacy) {
		TreeSet<String> names = new TreeSet<>(this.namespace.policies().keySet());
		names.add("root");
		ObjectNode data = Json.object();
		data.set("keys", Json.strings(names));
		if (legacy) {
			data.set("policies", Json.strings(names));
		}
		return ApiResponse.ok(data);
	}

	private ApiResponse policy(ApiRequest request, String rawName, boolean legacy) {
		String name = rawName.endsWith("/") ? rawName.substring(0, rawName.length() - 1) : rawName;
		String lower = name.toLowerCase(Locale.ROOT);
		switch (request.method()) {
			case "GET": {
				Policy policy = this.namespace.policies().get(lower);
				if (policy == null) {
					return ApiResponse.notFound();
				}
				ObjectNode data = Json.object();
				data.put("name", lower);
				data.put(legacy ? "rules" : "policy", policy.text());
				return ApiResponse.ok(data);
			}
			case "POST":
			case "PUT":
				return write(request.data(), name, lower, legacy);
			case "DELETE":
				if (lower.equals("root")) {
					return ApiResponse.error(400, "cannot delete \"root\" policy");
				}
				if (lower.equals("default")) {
					return ApiResponse.error(400, "cannot delete default policy");
				}
				this.namespace.policies().remove(lower);
				return ApiResponse.noContent();
			default:
				return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
	}

	private ApiResponse write(ObjectNode data, String name, String lower, boolean legacy) {
		if (lower.equals("root")) {
			return ApiResponse.error(400, "cannot update \"root\" policy");
		}
		if (lower.isEmpty()) {
			return ApiResponse.error(400, "policy name must be provided in the URL");
		}
		JsonNode textNode = data.get("policy");
		if (legacy && (textNode == null || textNode.isNull() || textNode.asString().isEmpty())) {
			textNode = data.get("rules");
		}
		String text = (textNode != null && !textNode.isNull()) ? textNode.asString() : "";
		if (text.isBlank()) {
			return ApiResponse.error(400, "'policy' parameter not supplied or empty");
		}
		text = decodeIfBase64(text);
		Policy policy;
		try {
			policy = PolicyParser.parse(lower, text);
		}
		catch (IllegalArgumentException ex) {
			return ApiResponse.error(400, "failed to parse policy: " + ex.getMessage());
		}
		this.namespace.policies().put(lower, policy);
		ApiResponse response = ApiResponse.noContent();
		if (!lower.equals(name)) {
			response = response.withWarning("policy name was converted to " + lower);
		}
		return response;
	}

	private static String decodeIfBase64(String text) {
		String trimmed = text.trim();
		if (trimmed.isEmpty() || !trimmed.matches("[A-Za-z0-9+/]+={0,2}") || trimmed.length() % 4 != 0) {
			return text;
		}
		try {
			return new String(Base64.getDecoder().decode(trimmed), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private @Nullable TokenEntry byToken(ApiRequest request) {
		String id = request.string("token");
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("missing token");
		}
		TokenRecord record = this.state.tokens().find(id, request.now());
		if (record == null) {
			throw new IllegalArgumentException("invalid token");
		}
		return record.snapshot();
	}

	private @Nullable TokenEntry byAccessor(ApiRequest request) {
		String accessor = request.string("accessor");
		if (accessor == null || accessor.isBlank()) {
			throw new IllegalArgumentException("missing accessor");
		}
		TokenRecord record = this.state.tokens().findByAccessor(accessor, request.now());
		if (record == null) {
			throw new IllegalArgumentException("invalid accessor");
		}
		return record.snapshot();
	}

	private ApiResponse capabilities(ApiRequest request, @Nullable TokenEntry token) {
		if (token == null) {
			return ApiResponse.error(403, RequestProcessor.PERMISSION_DENIED);
		}
		List<String> paths = Json.stringList(request.data().get("paths"));
		if (paths == null || paths.isEmpty()) {
			paths = Json.stringList(request.data().get("path"));
		}
		if (paths == null || paths.isEmpty()) {
			return ApiResponse.error(400, "paths must be supplied");
		}
		Acl acl = this.state.acls().acl(token);
		ObjectNode data = Json.object();
		List<String> first = new ArrayList<>();
		for (String path : paths) {
			String clean = path.startsWith("/") ? path.substring(1) : path;
			List<String> names = AclService.tokenReaches(token, this.namespace)
					? acl.capabilityNames(AclService.pathForToken(token, this.namespace, clean)) : List.of("deny");
			if (first.isEmpty()) {
				first.addAll(names);
			}
			data.set(path, Json.strings(names));
		}
		if (paths.size() == 1) {
			data.set("capabilities", Json.strings(first));
		}
		return ApiResponse.ok(data);
	}

}
