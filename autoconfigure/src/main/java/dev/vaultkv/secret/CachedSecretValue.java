package dev.vaultkv.secret;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;

/**
 * {@link SecretValue} that reads the {@link SecretStore} on every call and converts again only when the
 * secret's data changed. The secret's location is worked out once, and reads are recorded as
 * {@link SecretSource#ANNOTATION} without marking the thread, so that a cached read is one store hit.
 *
 * @param <T> the value type
 * @since 0.1.0
 */
public final class CachedSecretValue<T> implements SecretValue<T> {

	private final SecretResolver resolver;

	private final SecretConverter converter;

	private final SecretReference reference;

	private final ResolvableType type;

	private final SecretLocation location;

	private final SecretLookup lookup;

	private volatile @Nullable Converted converted;

	/**
	 * Create a new instance.
	 * @param resolver resolves the reference
	 * @param converter converts the value
	 * @param reference the reference
	 * @param type the value type
	 */
	public CachedSecretValue(SecretResolver resolver, SecretConverter converter, SecretReference reference,
			ResolvableType type) {
		Assert.notNull(resolver, "'resolver' must not be null");
		Assert.notNull(converter, "'converter' must not be null");
		Assert.notNull(reference, "'reference' must not be null");
		Assert.notNull(type, "'type' must not be null");
		this.resolver = resolver;
		this.converter = converter;
		this.reference = reference;
		this.type = type;
		this.location = resolver.locate(reference);
		this.lookup = resolver.getStore().lookup(this.location, SecretSource.ANNOTATION);
	}

	@Override
	@SuppressWarnings("unchecked")
	public T get() {
		SecretData data;
		try {
			VersionedSecret secret = this.lookup.read();
			data = (secret != null) ? secret.data() : null;
		}
		catch (VaultException ex) {
			throw VaultNotReadyException.translate("secret " + this.reference, ex);
		}
		Converted current = this.converted;
		if (current != null && data != null && current.data() == data) {
			return (T) current.value();
		}
		Object value = SecretSource.with(SecretSource.ANNOTATION,
				() -> this.converter.convert(this.resolver, this.reference, this.type));
		if (data != null) {
			this.converted = new Converted(data, value);
		}
		return (T) value;
	}

	@Override
	public String toString() {
		return "SecretValue[" + this.reference + "]";
	}

	private record Converted(SecretData data, @Nullable Object value) {

	}

}
