package dev.vaultkv.autoconfigure.diagnostics;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.vaultkv.secret.SecretConversionException;

/**
 * Analyzes a {@link SecretConversionException}: a secret could not be converted to the type it is
 * injected as. The description names the bean, member, reference and type, never the value.
 *
 * @since 0.1.0
 */
public class VaultSecretConversionFailureAnalyzer extends AbstractFailureAnalyzer<SecretConversionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecretConversionException cause) {
		BeanCreationException creation = findCause(rootFailure, BeanCreationException.class);
		String description = cause.getMessage();
		if (creation != null && creation.getCause() == cause) {
			String message = creation.getMessage();
			description = message.contains(cause.getMessage()) ? message : message + ": " + cause.getMessage();
		}
		return new FailureAnalysis(description,
				"Change the type of the injected field or parameter, or store a value of that type in Vault.",
				cause);
	}

}
