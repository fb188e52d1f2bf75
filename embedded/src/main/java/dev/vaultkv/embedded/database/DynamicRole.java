package dev.vaultkv.embedded.database;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * A dynamic role ({@code roles/<name>}): how to create, renew and revoke users and for how long.
 *
 * @param dbName the connection configuration it uses
 * @param creationStatements statements creating a user
 * @param revocationStatements statements revoking a user (empty: the plugin's default)
 * @param rollbackStatements statements undoing a failed creation
 * @param renewStatements statements extending a user's validity (empty: the plugin's default)
 * @param defaultTtl the lease TTL in seconds (0: the mount's default)
 * @param maxTtl the maximum lease TTL in seconds (0: the mount's maximum)
 * @param credentialType {@code password}, {@code rsa_private_key} or {@code client_certificate}
 * @param credentialConfig the credential type's settings
 * @author vaultkv
 */
record DynamicRole(String dbName, List<String> creationStatements, List<String> revocationStatements,
		List<String> rollbackStatements, List<String> renewStatements, long defaultTtl, long maxTtl,
		String credentialType, Map<String, String> credentialConfig) {

	DynamicRole {
		creationStatements = List.copyOf(creationStatements);
		revocationStatements = List.copyOf(revocationStatements);
		rollbackStatements = List.copyOf(rollbackStatements);
		renewStatements = List.copyOf(renewStatements);
		credentialConfig = Map.copyOf(credentialConfig);
	}

	ObjectNode toData() {
		ObjectNode data = Json.object();
		data.set("creation_statements", Json.strings(this.creationStatements));
		if (!this.credentialConfig.isEmpty()) {
			ObjectNode config = data.putObject("credential_config");
			new java.util.TreeMap<>(this.credentialConfig).forEach(config::put);
		}
		data.put("credential_type", this.credentialType);
		data.put("db_name", this.dbName);
		data.put("default_ttl", this.defaultTtl);
		data.put("max_ttl", this.maxTtl);
		data.set("renew_statements", Json.strings(this.renewStatements));
		data.set("revocation_statements", Json.strings(this.revocationStatements));
		data.set("rollback_statements", Json.strings(this.rollbackStatements));
		return data;
	}

}
