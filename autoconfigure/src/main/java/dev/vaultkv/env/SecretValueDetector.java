package dev.vaultkv.env;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

/**
 * Tells whether a value that failed to convert holds a value read from Vault: a string that contains a
 * value of a secret in the cache. Asked only when a conversion fails, so it may look at every cached
 * secret; a short secret value can make an unrelated failure's message masked too, never the reverse.
 */
final class SecretValueDetector {

	private final Supplier<@Nullable SecretStore> store;

	SecretValueDetector(Supplier<@Nullable SecretStore> store) {
		this.store = store;
	}

	boolean isFromVault(@Nullable Object value) {
		if (!(value instanceof CharSequence text) || text.isEmpty()) {
			return false;
		}
		SecretStore store;
		try {
			store = this.store.get();
		}
		catch (RuntimeException ex) {
			return false;
		}
		if (store == null) {
			return false;
		}
		String string = text.toString();
		for (SecretLocation location : store.getCachedLocations()) {
			VersionedSecret secret = store.getIfCached(location);
			if (secret != null && contains(string, secret.data().asJson())) {
				return true;
			}
		}
		return false;
	}

	private static boolean contains(String text, JsonNode node) {
		if (node.isContainer()) {
			for (JsonNode child : node) {
				if (contains(text, child)) {
					return true;
				}
			}
			return false;
		}
		if (node.isNull() || node.isMissingNode()) {
			return false;
		}
		String value = node.isString() ? node.stringValue() : node.asString();
		return !value.isEmpty() && (text.contains(value) || text.contains(VaultPropertySource.escape(value)));
	}

}
