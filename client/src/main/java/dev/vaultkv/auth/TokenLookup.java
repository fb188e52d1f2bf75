package dev.vaultkv.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Learns a token's TTL and renewability with {@code auth/token/lookup-self}.
 */
final class TokenLookup {

	static final String LOOKUP_SELF = "auth/token/lookup-self";

	private static final Logger logger = LoggerFactory.getLogger(TokenLookup.class);

	private TokenLookup() {
	}

	/**
	 * Look the token up and describe it as an auth block.
	 * @param client the client
	 * @param token the token
	 * @param namespace the namespace or {@code null}
	 * @param origin how the token was provided, for messages ({@code "configured token"})
	 * @return the auth block; one that never expires when the token may not look itself up
	 * @throws AuthenticationException when Vault says the token is invalid
	 */
	static VaultAuth lookupSelf(VaultClient client, VaultToken token, @Nullable String namespace, String origin) {
		JsonNode data;
		try {
			data = client.execute(VaultRequest.get(LOOKUP_SELF).token(token).namespace(namespace).build())
				.requireData();
		}
		catch (PermissionDeniedException ex) {
			if (ex.isInvalidToken()) {
				throw new AuthenticationException("The " + origin + " is invalid, expired or revoked; "
						+ "configure a valid token or use a login method that can obtain new tokens",
						ex.getOperation(), ex.getPath(), ex.getStatus(), ex.getErrors(), ex);
			}
			logger.debug("The {} may not look itself up ({} denied); treating it as a token that never expires "
					+ "and is not renewed", origin, LOOKUP_SELF);
			return new VaultAuth(token, "", List.of(), Map.of(), 0, false, "service", false, null);
		}
		return new VaultAuth(token, text(data, "accessor"), strings(data.get("policies")), meta(data.get("meta")),
				data.path("ttl").asLong(0), data.path("renewable").asBoolean(false),
				text(data, "type").isEmpty() ? "service" : text(data, "type"), data.path("orphan").asBoolean(false),
				text(data, "entity_id").isEmpty() ? null : text(data, "entity_id"));
	}

	private static String text(JsonNode data, String name) {
		JsonNode node = data.get(name);
		return (node != null && node.isString()) ? node.stringValue() : "";
	}

	private static List<String> strings(@Nullable JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node != null && node.isArray()) {
			node.forEach((element) -> {
				if (element.isValueNode() && !element.isNull()) {
					values.add(element.asString());
				}
			});
		}
		return values;
	}

	private static Map<String, String> meta(@Nullable JsonNode node) {
		Map<String, String> values = new LinkedHashMap<>();
		if (node != null && node.isObject()) {
			node.properties().forEach((entry) -> {
				if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
					values.put(entry.getKey(), entry.getValue().asString());
				}
			});
		}
		return values;
	}

}
