package dev.vaultkv.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.database.DatabaseCredentialsException;
import dev.vaultkv.database.DatabaseRole;

/**
 * Analyzes a {@link DatabaseCredentialsException}: the credentials of {@code vault.database.*} could not be
 * obtained, and says what to fix: the role, the policy, or the role's statements and connection.
 *
 * @since 0.1.0
 */
public class VaultDatabaseCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseCredentialsException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseCredentialsException cause) {
		DatabaseRole role = cause.getRole();
		String property = "default".equals(role.name()) ? "vault.database.role"
				: "vault.database.datasources." + role.name() + ".role";
		String kindProperty = property.replace(".role", ".kind");
		VaultException vault = cause.getVaultFailure();
		String action;
		if (vault instanceof PermissionDeniedException) {
			action = "Grant the application's token read access to the credentials, for example with the policy "
					+ "'path \"" + role.credentialsPath() + "\" { capabilities = [\"read\"] }'.";
		}
		else if (vault != null && vault.getStatus() >= 500) {
			action = "Vault could not create or read the credentials in the database: check the role's statements ('vault read "
					+ role.mount() + "/" + ((role.kind() == DatabaseRole.Kind.DYNAMIC) ? "roles/" : "static-roles/")
					+ role.role() + "') and its connection ('vault read " + role.mount() + "/config/<name>').";
		}
		else {
			action = "Check that the " + role.kind().name().toLowerCase(java.util.Locale.ROOT) + " role '" + role.role()
					+ "' exists on the database secrets engine mounted at '" + role.mount() + "' (" + property + ", "
					+ kindProperty + ", " + property.replace(".role", ".mount") + ").";
		}
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
