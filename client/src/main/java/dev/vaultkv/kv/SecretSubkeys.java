package dev.vaultkv.kv;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * The structure of a KV version 2 secret without its values, as Vault's {@code subkeys} endpoint
 * returns it: every key, nested objects as objects and every other value as {@code null}.
 *
 * @param tree the keys, as a JSON object whose leaves are {@code null}
 * @param metadata the metadata of the version described
 * @since 0.1.0
 */
public record SecretSubkeys(JsonNode tree, VersionMetadata metadata) {

	/**
	 * Create a new instance.
	 */
	public SecretSubkeys {
		Assert.isTrue(tree != null && tree.isObject(), "'tree' must be a JSON object");
		Assert.notNull(metadata, "'metadata' must not be null");
	}

	/**
	 * Return the top-level keys, in Vault's order.
	 * @return the keys
	 */
	public List<String> keys() {
		return new ArrayList<>(this.tree.propertyNames());
	}

}
