package dev.vaultkv.embedded.database;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A static role ({@code static-roles/<name>}): an existing database user whose password the engine rotates
 * every {@code rotation_period}. Mutable; guarded by the engine's lock.
 *
 * @author vaultkv
 */
final class StaticRole {

	String dbName;

	final String username;

	long rotationPeriod;

	List<String> rotationStatements;

	String credentialType;

	Map<String, String> credentialConfig;

	@Nullable String password;

	@Nullable Instant lastVaultRotation;

	/** When a failed rotation is tried again (Vault re-queues it 10 seconds later). */
	@Nullable Instant retryAt;

	StaticRole(String dbName, String username, long rotationPeriod, List<String> rotationStatements,
			String credentialType, Map<String, String> credentialConfig) {
		this.dbName = dbName;
		this.username = username;
		this.rotationPeriod = rotationPeriod;
		this.rotationStatements = List.copyOf(rotationStatements);
		this.credentialType = credentialType;
		this.credentialConfig = Map.copyOf(credentialConfig);
	}

	/**
	 * When the password is due for rotation ({@code last_vault_rotation + rotation_period}, or the retry).
	 */
	Instant nextRotation() {
		if (this.retryAt != null) {
			return this.retryAt;
		}
		Instant last = (this.lastVaultRotation != null) ? this.lastVaultRotation : Instant.EPOCH;
		return last.plusSeconds(this.rotationPeriod);
	}

	/**
	 * Seconds until the next rotation, rounded, never negative (Vault's {@code CredentialTTL}).
	 */
	long credentialTtl(Instant now) {
		Instant next = ((this.lastVaultRotation != null) ? this.lastVaultRotation : Instant.EPOCH)
			.plusSeconds(this.rotationPeriod);
		long millis = Duration.between(now, next).toMillis();
		return Math.max(0, Math.round(millis / 1000.0));
	}

	ObjectNode toData() {
		ObjectNode data = Json.object();
		if (!this.credentialConfig.isEmpty()) {
			ObjectNode config = data.putObject("credential_config");
			new java.util.TreeMap<>(this.credentialConfig).forEach(config::put);
		}
		data.put("credential_type", this.credentialType);
		data.put("db_name", this.dbName);
		if (this.lastVaultRotation != null) {
			data.put("last_vault_rotation", Json.time(this.lastVaultRotation));
		}
		data.put("rotation_period", this.rotationPeriod);
		data.set("rotation_statements", Json.strings(this.rotationStatements));
		data.put("username", this.username);
		return data;
	}

	@Override
	public String toString() {
		return "StaticRole[username=" + this.username + ", dbName=" + this.dbName + "]";
	}

}
