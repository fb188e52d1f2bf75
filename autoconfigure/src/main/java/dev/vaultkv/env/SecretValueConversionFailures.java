package dev.vaultkv.env;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;

/**
 * The exceptions that replace a conversion failure of a value read from Vault: they name the target type
 * (and, when known, what was being converted) but neither hold nor print the value, and their cause keeps
 * only the type of the original cause, whose message (such as {@code For input string: "..."}) would hold
 * the value.
 */
final class SecretValueConversionFailures {

	private static final String NOT_SHOWN = "the value comes from Vault and is not shown";

	private SecretValueConversionFailures() {
	}

	static ConversionFailedException conversionFailed(ConversionFailedException failure) {
		return new MaskedConversionFailedException(failure);
	}

	static TypeMismatchException typeMismatch(TypeMismatchException failure, @Nullable Object target) {
		return new MaskedTypeMismatchException(failure, target);
	}

	private static IllegalArgumentException maskedCause(Throwable failure) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		IllegalArgumentException masked = new IllegalArgumentException(
				cause.getClass().getName() + " (its message is not shown: " + NOT_SHOWN + ")");
		masked.setStackTrace(cause.getStackTrace());
		return masked;
	}

	private static String typeName(@Nullable Object type) {
		if (type instanceof TypeDescriptor descriptor) {
			return descriptor.getType().getName();
		}
		if (type instanceof Class<?> clazz) {
			return clazz.getName();
		}
		return "the required type";
	}

	private static final class MaskedConversionFailedException extends ConversionFailedException {

		private final String message;

		MaskedConversionFailedException(ConversionFailedException failure) {
			super((failure.getSourceType() != null) ? failure.getSourceType() : TypeDescriptor.valueOf(String.class),
					failure.getTargetType(), null, maskedCause(failure));
			this.message = "Failed to convert a value to type " + typeName(failure.getTargetType()) + ": " + NOT_SHOWN;
			setStackTrace(failure.getStackTrace());
		}

		@Override
		public String getMessage() {
			return this.message;
		}

	}

	private static final class MaskedTypeMismatchException extends TypeMismatchException {

		private final String message;

		MaskedTypeMismatchException(TypeMismatchException failure, @Nullable Object target) {
			super((Object) null, failure.getRequiredType(), maskedCause(failure));
			this.message = "Failed to convert a value to required type " + typeName(failure.getRequiredType())
					+ ((target != null) ? " for " + target : "") + ": " + NOT_SHOWN;
			if (failure.getPropertyName() != null) {
				initPropertyName(failure.getPropertyName());
			}
			setStackTrace(failure.getStackTrace());
		}

		@Override
		public String getMessage() {
			return this.message;
		}

	}

}
