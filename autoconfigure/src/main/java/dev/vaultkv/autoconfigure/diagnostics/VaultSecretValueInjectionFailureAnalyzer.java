package dev.vaultkv.autoconfigure.diagnostics;

import java.lang.annotation.Annotation;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Analyzes a {@link TypeMismatchException} for an {@code @Value} field or parameter whose expression reads
 * a secret from Vault, directly or through the placeholders it names. The description names the bean, the
 * injection point, the expression and the secret, never the value or the cause's message.
 *
 * @since 0.1.0
 */
public class VaultSecretValueInjectionFailureAnalyzer extends AbstractFailureAnalyzer<TypeMismatchException>
		implements Ordered {

	private final SecretValueSources sources;

	/**
	 * Create a new instance.
	 * @param environment the environment, {@code null} when startup failed before it was prepared
	 */
	public VaultSecretValueInjectionFailureAnalyzer(@Nullable Environment environment) {
		this.sources = new SecretValueSources(environment);
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, TypeMismatchException cause) {
		UnsatisfiedDependencyException dependency = findCause(rootFailure, UnsatisfiedDependencyException.class);
		InjectionPoint injectionPoint = (dependency != null) ? dependency.getInjectionPoint() : null;
		String expression = (injectionPoint != null) ? valueExpression(injectionPoint) : null;
		if (expression == null) {
			return null;
		}
		Set<String> secrets = this.sources.ofExpression(expression);
		if (secrets.isEmpty()) {
			return null;
		}
		String type = (cause.getRequiredType() != null) ? cause.getRequiredType().getName() : "the required type";
		String description = "Failed to inject @Value(\"" + expression + "\") into " + injectionPoint + " of bean '"
				+ dependency.getBeanName() + "': its value comes from Vault (" + String.join("; ", secrets)
				+ ") and cannot be converted to " + type + ". The value is not shown because it is a secret.";
		String action = "Store a value that converts to " + type
				+ " in the secret in Vault, or change the type of the injected field or parameter.";
		// the cause is left out: its messages hold the value
		return new FailureAnalysis(description, action, null);
	}

	private static @Nullable String valueExpression(InjectionPoint injectionPoint) {
		for (Annotation annotation : injectionPoint.getAnnotations()) {
			if (annotation instanceof Value value) {
				return value.value();
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
