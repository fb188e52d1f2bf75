package dev.vaultkv.autoconfigure.diagnostics;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.Environment;

/**
 * Analyzes a {@link BindException} for a property whose value comes from Vault (a {@code ${vault:...}}
 * placeholder, directly or nested, or a {@code spring.config.import=vault:...} import), ahead of Spring
 * Boot's analyzer, which prints the value. The description names the property, the target type and the
 * secret, never the value or the cause's message.
 *
 * @since 0.1.0
 */
public class VaultSecretBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private final SecretValueSources sources;

	/**
	 * Create a new instance.
	 * @param environment the environment, {@code null} when startup failed before it was prepared
	 */
	public VaultSecretBindFailureAnalyzer(@Nullable Environment environment) {
		this.sources = new SecretValueSources(environment);
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		if (property == null) {
			return null;
		}
		Origin origin = property.getOrigin();
		String sourceName = (origin instanceof PropertySourceOrigin propertySourceOrigin)
				? propertySourceOrigin.getPropertyName() : property.getName().toString();
		Set<String> secrets = this.sources.ofProperty(sourceName, property.getSource().getUnderlyingSource(),
				property.getValue());
		if (secrets.isEmpty()) {
			return null;
		}
		String type = cause.getTarget().getType().toString();
		String failure = (findCause(cause, ConversionException.class) != null) ? "cannot be converted to "
				: "cannot be bound to ";
		String description = "Failed to bind property '" + cause.getName() + "': its value comes from Vault ("
				+ String.join("; ", secrets) + ") and " + failure + type
				+ ". The value is not shown because it is a secret.";
		String action = "Store a value that converts to " + type + " in the secret in Vault, or change the type of '"
				+ cause.getName() + "'.";
		// the cause is left out: its messages hold the value
		return new FailureAnalysis(description, action, null);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
