package dev.vaultkv.kv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * The fields of a secret, as the JSON object Vault stores. Immutable; {@link #toString()} shows the
 * field names only.
 *
 * @since 0.1.0
 */
public final class SecretData {

	private static final SecretData EMPTY = new SecretData(JsonNodeFactory.instance.objectNode());

	private final ObjectNode fields;

	private SecretData(ObjectNode fields) {
		this.fields = fields;
	}

	/**
	 * Create an instance from a JSON object; the object is copied.
	 * @param fields the JSON object
	 * @return the secret data
	 */
	public static SecretData of(JsonNode fields) {
		Assert.isTrue(fields != null && fields.isObject(), "'fields' must be a JSON object");
		return new SecretData(((ObjectNode) fields).deepCopy());
	}

	/**
	 * Create an instance that takes a JSON object over without copying it, for the data of an answer
	 * that was just read and is dropped afterwards: nothing else changes the object from then on.
	 * @param fields the JSON object, owned by the instance from now on
	 * @return the secret data
	 */
	static SecretData adopt(ObjectNode fields) {
		return new SecretData(fields);
	}

	/**
	 * Create an instance from a map of JSON-compatible values (strings, numbers, booleans, lists, maps,
	 * {@code null}).
	 * @param fields the fields
	 * @return the secret data
	 */
	public static SecretData of(Map<String, ?> fields) {
		Assert.notNull(fields, "'fields' must not be null");
		return new SecretData(JsonValues.toObjectNode(fields));
	}

	/**
	 * Return an instance without fields.
	 * @return the empty secret data
	 */
	public static SecretData empty() {
		return EMPTY;
	}

	/**
	 * Return the field names.
	 * @return the names, in stored order
	 */
	public Set<String> keys() {
		return Set.copyOf(this.fields.propertyNames());
	}

	/**
	 * Return whether a field is present.
	 * @param key the field name
	 * @return whether it is present
	 */
	public boolean containsKey(String key) {
		return this.fields.has(key);
	}

	/**
	 * Return a field as JSON.
	 * @param key the field name
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable JsonNode getJson(String key) {
		JsonNode value = this.fields.get(key);
		return (value != null) ? value.deepCopy() : null;
	}

	/**
	 * Return a field as a plain Java value: {@code String}, {@code Number}, {@code Boolean},
	 * {@code List}, {@code Map} or {@code null}.
	 * @param key the field name
	 * @return the value, or {@code null} when absent or JSON {@code null}
	 */
	public @Nullable Object get(String key) {
		JsonNode value = this.fields.get(key);
		return (value != null) ? JsonValues.toJava(value) : null;
	}

	/**
	 * Return the string projection of a field: a string unchanged, numbers and booleans as their text,
	 * objects and lists as compact JSON.
	 * @param key the field name
	 * @return the projection, or {@code null} when absent or JSON {@code null}
	 */
	public @Nullable String getString(String key) {
		JsonNode value = this.fields.get(key);
		return (value != null) ? JsonValues.toText(value) : null;
	}

	/**
	 * Return all fields as plain Java values, in stored order.
	 * @return an unmodifiable map
	 */
	public Map<String, @Nullable Object> asMap() {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		this.fields.properties().forEach((entry) -> map.put(entry.getKey(), JsonValues.toJava(entry.getValue())));
		return java.util.Collections.unmodifiableMap(map);
	}

	/**
	 * Return all fields as a JSON object (a copy).
	 * @return the JSON object
	 */
	public ObjectNode asJson() {
		return this.fields.deepCopy();
	}

	/**
	 * Return the number of fields.
	 * @return the size
	 */
	public int size() {
		return this.fields.size();
	}

	@Override
	public boolean equals(Object obj) {
		return (this == obj) || (obj instanceof SecretData other && this.fields.equals(other.fields));
	}

	@Override
	public int hashCode() {
		return this.fields.hashCode();
	}

	@Override
	public String toString() {
		return "SecretData" + this.fields.propertyNames() + "";
	}

}
