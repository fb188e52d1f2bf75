package dev.vaultkv.secret;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.vaultkv.kv.SecretData;

/**
 * Converts a secret, or one key of it, to the type it is injected as.
 * <ul>
 * <li>With a key (or, for single values, the default key): {@code String} gets the string projection
 * (numbers and booleans as text, objects and lists as compact JSON); {@code char[]} its characters;
 * {@code byte[]} its UTF-8 bytes (no base64 decoding); {@code JsonNode} the JSON value; primitives,
 * wrappers, {@code Duration}, enums and other single values go through the {@link ConversionService};
 * maps, collections, records and other objects are bound with Jackson from the JSON value, or from the
 * JSON a string value holds.</li>
 * <li>Without a key, a map, record, object or {@code JsonNode} target receives the whole secret.</li>
 * <li>{@code Optional<T>} is empty when the secret or the key is absent.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class SecretConverter {

	private final ConversionService conversionService;

	private final JsonMapper jsonMapper;

	/**
	 * Create a new instance.
	 * @param conversionService converts single values from their text
	 * @param jsonMapper binds structured values
	 */
	public SecretConverter(ConversionService conversionService, JsonMapper jsonMapper) {
		Assert.notNull(conversionService, "'conversionService' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.conversionService = conversionService;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Convert a secret.
	 * @param resolver resolves the reference
	 * @param reference the reference
	 * @param type the target type
	 * @return the converted value
	 * @throws MissingSecretException if the secret or key is absent and the target is not an
	 * {@code Optional}
	 * @throws SecretConversionException if the value cannot be converted
	 */
	public @Nullable Object convert(SecretResolver resolver, SecretReference reference, ResolvableType type) {
		boolean optional = type.resolve() == Optional.class;
		ResolvableType target = optional ? type.getGeneric(0) : type;
		SecretData data = resolver.findData(reference);
		if (data == null) {
			if (optional) {
				return Optional.empty();
			}
			throw resolver.notFound(reference, null);
		}
		JsonNode node;
		if (reference.key() == null && isStructured(target)) {
			node = data.asJson();
		}
		else {
			String key = reference.keyOrDefault(resolver.getDefaultKey());
			node = data.getJson(key);
			if (node == null || node.isNull()) {
				if (optional) {
					return Optional.empty();
				}
				throw resolver.notFound(reference, key);
			}
		}
		Object value = convert(reference, node, target);
		return optional ? Optional.ofNullable(value) : value;
	}

	private @Nullable Object convert(SecretReference reference, JsonNode node, ResolvableType target) {
		Class<?> type = target.resolve(Object.class);
		try {
			if (JsonNode.class.isAssignableFrom(type)) {
				return node.deepCopy();
			}
			String text = text(node);
			if (type == String.class || type == Object.class) {
				return text;
			}
			if (type == char[].class) {
				return (text != null) ? text.toCharArray() : null;
			}
			if (type == byte[].class) {
				return (text != null) ? text.getBytes(StandardCharsets.UTF_8) : null;
			}
			if (isStructured(target)) {
				JsonNode json = node;
				if (node.isString() && looksLikeJson(node.stringValue())) {
					json = this.jsonMapper.readTree(node.stringValue());
				}
				else if (node.isString() && this.conversionService.canConvert(TypeDescriptor.valueOf(String.class),
						descriptor(target))) {
					return this.conversionService.convert(text, TypeDescriptor.valueOf(String.class),
							descriptor(target));
				}
				JavaType javaType = this.jsonMapper.getTypeFactory().constructType(target.getType());
				return this.jsonMapper.treeToValue(json, javaType);
			}
			if (node.isContainer()) {
				throw new SecretConversionException(reference, describe(target),
						"the value is a JSON " + (node.isArray() ? "array" : "object") + ", not a single value");
			}
			Object converted = this.conversionService.convert(text, TypeDescriptor.valueOf(String.class),
					descriptor(target));
			if (converted == null && type.isPrimitive()) {
				throw new SecretConversionException(reference, describe(target), "the value is empty");
			}
			return converted;
		}
		catch (SecretConversionException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new SecretConversionException(reference, describe(target),
					"the value is not valid for this type (" + rootCause(ex).getClass().getSimpleName() + ")");
		}
	}

	private static @Nullable String text(JsonNode node) {
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		return node.isValueNode() ? node.asString() : node.toString();
	}

	private boolean isStructured(ResolvableType target) {
		Class<?> type = target.resolve(Object.class);
		if (type == String.class || type == char[].class || type == byte[].class || type == Object.class
				|| ClassUtils.isPrimitiveOrWrapper(type) || type.isEnum()) {
			return false;
		}
		if (JsonNode.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
				|| Collection.class.isAssignableFrom(type) || type.isArray() || type.isRecord()) {
			return true;
		}
		return !this.conversionService.canConvert(String.class, type);
	}

	private static boolean looksLikeJson(String text) {
		String trimmed = text.strip();
		return trimmed.startsWith("{") || trimmed.startsWith("[");
	}

	private static TypeDescriptor descriptor(ResolvableType type) {
		return new TypeDescriptor(type, null, null);
	}

	private static String describe(ResolvableType type) {
		return type.toString();
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
