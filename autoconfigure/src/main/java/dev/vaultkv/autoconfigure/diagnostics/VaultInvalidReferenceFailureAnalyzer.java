package dev.vaultkv.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.vaultkv.secret.InvalidSecretReferenceException;

/**
 * Analyzes an {@link InvalidSecretReferenceException}: a placeholder, {@code @Secret} or import names a
 * malformed reference.
 *
 * @since 0.1.0
 */
public class VaultInvalidReferenceFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSecretReferenceException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSecretReferenceException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Write the reference as [mount//]path[#version][:key], for example ${vault:myapp/db:password}, "
						+ "${vault:other-kv//myapp/db:password} or ${vault:myapp/db#3:password}.",
				cause);
	}

}
