package dev.vaultkv.env;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.util.Assert;

import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretLookup;
import dev.vaultkv.secret.SecretReadTrace;

/**
 * The properties of a {@code spring.config.import=vault:...} secret: every key becomes a property
 * (nested objects flattened with {@code .}, lists with {@code [i]}) behind the import's prefix, with
 * {@code ${} escaped. It answers from the shared secret cache, so that its values follow the secret when
 * it changes; the property names are those of the current version. When the secret is gone or cannot be
 * read, the last values read stay in use.
 *
 * @since 0.1.0
 */
public class VaultConfigDataPropertySource extends EnumerablePropertySource<SecretLookup> {

	private final SecretLocation location;

	private final String prefix;

	private volatile Snapshot snapshot;

	/**
	 * Create a new instance.
	 * @param name the property source's name
	 * @param location the imported secret
	 * @param prefix the prefix of the property names, possibly empty
	 * @param lookup reads the secret through the shared cache
	 * @param secret the secret as read at import
	 */
	public VaultConfigDataPropertySource(String name, SecretLocation location, String prefix, SecretLookup lookup,
			VersionedSecret secret) {
		super(name, lookup);
		Assert.notNull(location, "'location' must not be null");
		Assert.notNull(prefix, "'prefix' must not be null");
		Assert.notNull(secret, "'secret' must not be null");
		this.location = location;
		this.prefix = prefix;
		this.snapshot = new Snapshot(secret, flatten(prefix, secret));
	}

	/**
	 * Return the imported secret's location.
	 * @return the location
	 */
	public SecretLocation getLocation() {
		return this.location;
	}

	@Override
	public String[] getPropertyNames() {
		return current().properties().keySet().toArray(String[]::new);
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (!name.startsWith(this.prefix)) {
			return null;
		}
		Snapshot snapshot = current();
		String value = snapshot.properties().get(name);
		if (value != null) {
			SecretReadTrace.record(this.location);
		}
		return value;
	}

	@Override
	public boolean containsProperty(String name) {
		return name.startsWith(this.prefix) && current().properties().containsKey(name);
	}

	private Snapshot current() {
		Snapshot snapshot = this.snapshot;
		VersionedSecret secret;
		try {
			secret = getSource().read();
		}
		catch (RuntimeException ex) {
			return snapshot;
		}
		if (secret == null || secret == snapshot.secret()) {
			return snapshot;
		}
		Snapshot fresh = new Snapshot(secret, flatten(this.prefix, secret));
		this.snapshot = fresh;
		return fresh;
	}

	static Map<String, String> flatten(String prefix, VersionedSecret secret) {
		Map<String, String> properties = new LinkedHashMap<>();
		secret.data()
			.asJson()
			.properties()
			.forEach((entry) -> flatten(prefix + entry.getKey(), entry.getValue(), properties));
		return Map.copyOf(properties);
	}

	private static void flatten(String name, JsonNode value, Map<String, String> properties) {
		if (value.isObject() && !value.isEmpty()) {
			value.properties().forEach((entry) -> flatten(name + "." + entry.getKey(), entry.getValue(), properties));
		}
		else if (value.isArray() && !value.isEmpty()) {
			for (int i = 0; i < value.size(); i++) {
				flatten(name + "[" + i + "]", value.get(i), properties);
			}
		}
		else if (value.isNull()) {
			properties.put(name, "");
		}
		else {
			properties.put(name, VaultPropertySource.escape(value.isString() ? value.stringValue()
					: value.isValueNode() ? value.asString() : value.toString()));
		}
	}

	private record Snapshot(VersionedSecret secret, Map<String, String> properties) {

		@Override
		public String toString() {
			return "Snapshot[version=" + this.secret.version() + ", names=" + this.properties.keySet() + "]";
		}

	}

}
