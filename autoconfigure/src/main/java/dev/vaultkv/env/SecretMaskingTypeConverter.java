package dev.vaultkv.env;

import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.SimpleTypeConverter;
import org.springframework.beans.TypeConverter;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.TypeDescriptor;

/**
 * The bean factory's type converter (what {@code @Value} injection converts with) as Spring builds it by
 * default (its conversion service and registered property editors, one converter per call), with the
 * failures to convert a value read from Vault rethrown without the value: Spring's own message (for
 * example {@code For input string: "..."}) reaches the "cancelling refresh attempt" warning otherwise.
 */
final class SecretMaskingTypeConverter implements TypeConverter {

	private final ConfigurableBeanFactory beanFactory;

	private final SecretValueDetector detector;

	SecretMaskingTypeConverter(ConfigurableBeanFactory beanFactory, SecretValueDetector detector) {
		this.beanFactory = beanFactory;
		this.detector = detector;
	}

	private SimpleTypeConverter converter() {
		SimpleTypeConverter converter = new SimpleTypeConverter();
		converter.setConversionService(this.beanFactory.getConversionService());
		this.beanFactory.copyRegisteredEditorsTo(converter);
		return converter;
	}

	@Override
	public <T> @Nullable T convertIfNecessary(@Nullable Object value, @Nullable Class<T> requiredType)
			throws TypeMismatchException {
		try {
			return converter().convertIfNecessary(value, requiredType);
		}
		catch (TypeMismatchException ex) {
			throw mask(ex, value, null);
		}
	}

	@Override
	public <T> @Nullable T convertIfNecessary(@Nullable Object value, @Nullable Class<T> requiredType,
			@Nullable MethodParameter methodParam) throws TypeMismatchException {
		try {
			return converter().convertIfNecessary(value, requiredType, methodParam);
		}
		catch (TypeMismatchException ex) {
			throw mask(ex, value, methodParam);
		}
	}

	@Override
	public <T> @Nullable T convertIfNecessary(@Nullable Object value, @Nullable Class<T> requiredType,
			@Nullable Field field) throws TypeMismatchException {
		try {
			return converter().convertIfNecessary(value, requiredType, field);
		}
		catch (TypeMismatchException ex) {
			throw mask(ex, value, (field != null) ? "field '" + field.getName() + "'" : null);
		}
	}

	@Override
	public <T> @Nullable T convertIfNecessary(@Nullable Object value, @Nullable Class<T> requiredType,
			@Nullable TypeDescriptor typeDescriptor) throws TypeMismatchException {
		try {
			return converter().convertIfNecessary(value, requiredType, typeDescriptor);
		}
		catch (TypeMismatchException ex) {
			throw mask(ex, value, null);
		}
	}

	private TypeMismatchException mask(TypeMismatchException failure, @Nullable Object value, @Nullable Object target) {
		return this.detector.isFromVault(value) ? SecretValueConversionFailures.typeMismatch(failure, target) : failure;
	}

}
