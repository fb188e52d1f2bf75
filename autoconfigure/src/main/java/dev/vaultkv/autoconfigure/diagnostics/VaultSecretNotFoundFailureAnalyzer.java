package dev.vaultkv.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.secret.MissingSecretException;

/**
 * Analyzes a {@link SecretNotFoundException}: a referenced secret, or a key of it, does not exist.
 *
 * @since 0.1.0
 */
public class VaultSecretNotFoundFailureAnalyzer extends AbstractFailureAnalyzer<SecretNotFoundException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecretNotFoundException cause) {
		if (cause instanceof MissingSecretException missing) {
			String mount = missing.getLocation().mount();
			String path = missing.getLocation().path();
			String key = missing.getKey();
			String command = (key != null) ? "vault kv patch -mount=" + mount + " " + path + " " + key + "=..."
					: "vault kv put -mount=" + mount + " " + path + " <key>=...";
			return new FailureAnalysis(cause.getMessage(),
					"Write the secret (for example '" + command + "'), or fix the reference: the path is relative to "
							+ "vault.kv.mount ('" + mount + "' here) and the key follows the last ':'.",
					cause);
		}
		return new FailureAnalysis(cause.getMessage(),
				"Write the secret at that path, or fix the path and vault.kv.mount.", cause);
	}

}
