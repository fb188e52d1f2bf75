package dev.vaultkv.env;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.convert.support.ConfigurableConversionService;

/**
 * The environment's conversion service (also the bean factory's and the binder's) with the conversion
 * failures of values read from Vault rethrown without the value: a {@link ConversionFailedException}'s
 * message holds the value ({@code ... for value [...]}), and so does its cause's.
 */
final class SecretMaskingConversionService implements ConfigurableConversionService {

	private final ConfigurableConversionService delegate;

	private final SecretValueDetector detector;

	SecretMaskingConversionService(ConfigurableConversionService delegate, SecretValueDetector detector) {
		this.delegate = delegate;
		this.detector = detector;
	}

	ConfigurableConversionService getDelegate() {
		return this.delegate;
	}

	@Override
	public boolean canConvert(@Nullable Class<?> sourceType, Class<?> targetType) {
		return this.delegate.canConvert(sourceType, targetType);
	}

	@Override
	public boolean canConvert(@Nullable TypeDescriptor sourceType, TypeDescriptor targetType) {
		return this.delegate.canConvert(sourceType, targetType);
	}

	@Override
	public <T> @Nullable T convert(@Nullable Object source, Class<T> targetType) {
		try {
			return this.delegate.convert(source, targetType);
		}
		catch (ConversionFailedException ex) {
			throw mask(ex, source);
		}
	}

	@Override
	public @Nullable Object convert(@Nullable Object source, TypeDescriptor targetType) {
		try {
			return this.delegate.convert(source, targetType);
		}
		catch (ConversionFailedException ex) {
			throw mask(ex, source);
		}
	}

	@Override
	public @Nullable Object convert(@Nullable Object source, @Nullable TypeDescriptor sourceType,
			TypeDescriptor targetType) {
		try {
			return this.delegate.convert(source, sourceType, targetType);
		}
		catch (ConversionFailedException ex) {
			throw mask(ex, source);
		}
	}

	private ConversionFailedException mask(ConversionFailedException failure, @Nullable Object source) {
		return this.detector.isFromVault(source) ? SecretValueConversionFailures.conversionFailed(failure) : failure;
	}

	@Override
	public void addConverter(Converter<?, ?> converter) {
		this.delegate.addConverter(converter);
	}

	@Override
	public <S, T> void addConverter(Class<S> sourceType, Class<T> targetType,
			Converter<? super S, ? extends T> converter) {
		this.delegate.addConverter(sourceType, targetType, converter);
	}

	@Override
	public void addConverter(GenericConverter converter) {
		this.delegate.addConverter(converter);
	}

	@Override
	public void addConverterFactory(ConverterFactory<?, ?> factory) {
		this.delegate.addConverterFactory(factory);
	}

	@Override
	public void removeConvertible(Class<?> sourceType, Class<?> targetType) {
		this.delegate.removeConvertible(sourceType, targetType);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
