package dev.vaultkv.autoconfigure.diagnostics;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Analyzes an {@link InvalidConfigurationPropertyValueException} for a property whose value comes from
 * Vault, such as the one Spring Boot's property resolver throws when {@code Environment.getProperty(name,
 * type)} cannot convert it. Spring Boot's own analysis would print the value; this one names the property,
 * the secret and the reason, never the value, and leaves the cause (whose message holds the value) out.
 *
 * @since 0.1.0
 */
public class VaultInvalidSecretPropertyFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidConfigurationPropertyValueException> implements Ordered {

	private final SecretValueSources sources;

	/**
	 * Create a new instance.
	 * @param environment the environment, {@code null} when startup failed before it was prepared
	 */
	public VaultInvalidSecretPropertyFailureAnalyzer(@Nullable Environment environment) {
		this.sources = new SecretValueSources(environment);
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure,
			InvalidConfigurationPropertyValueException cause) {
		Set<String> secrets = this.sources.ofExpression("${" + cause.getName() + "}");
		if (secrets.isEmpty()) {
			return null;
		}
		String description = "Invalid value for configuration property '" + cause.getName()
				+ "': its value comes from Vault (" + String.join("; ", secrets) + ")"
				+ ((cause.getReason() != null) ? " and is invalid: " + cause.getReason() : " and is invalid")
				+ ". The value is not shown because it is a secret.";
		String action = "Store a valid value for '" + cause.getName() + "' in the secret in Vault.";
		// the cause is left out: its messages hold the value
		return new FailureAnalysis(description, action, null);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
