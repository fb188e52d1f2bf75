package dev.vaultkv.embedded.database;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.LeaseRequest;
import dev.vaultkv.embedded.spi.MountContext;
import dev.vaultkv.embedded.spi.SecretLease;
import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * {@code creds/<name>} (a new user with a lease), {@code static-creds/<name>}, and the renewal and
 * revocation of the users' leases, as Vault's {@code path_creds_create.go} and {@code secret_creds.go}.
 *
 * @author vaultkv
 */
final class CredentialEndpoints {

	/** Vault gives database users 5 seconds more than their lease, so they never expire first. */
	private static final long EXPIRATION_BUFFER = 5;

	private final DatabaseState state;

	private final StaticAccounts accounts;

	private final MountContext mount;

	CredentialEndpoints(DatabaseState state, StaticAccounts accounts, MountContext mount) {
		this.state = state;
		this.accounts = accounts;
		this.mount = mount;
	}

	ApiResponse creds(ApiRequest request, String name) {
		if (!request.isRead()) {
			return DatabaseBackend.unsupportedOperation();
		}
		DynamicRole role = this.state.role(name);
		if (role == null) {
			throw DatabaseRequestException.badRequest("unknown role: " + name);
		}
		ConnectionConfig config = this.state.config(role.dbName());
		if (!config.allows(name)) {
			throw new DatabaseException("\"" + name + "\" is not an allowed role");
		}
		if (!CredentialTypes.PASSWORD.equals(role.credentialType())) {
			throw DatabaseRequestException
				.badRequest("unsupported credential_type: \"" + role.credentialType() + "\"");
		}
		Instant now = request.now();
		long ttl = LeaseTtl.calculate(this.mount, 0, role.defaultTtl(), role.maxTtl(), now, now);
		DatabasePlugin plugin = this.state.plugin(role.dbName());
		String password = CredentialTypes.password(role.credentialConfig(), config.passwordPolicy());
		TokenEntry token = request.token();
		String displayName = (token != null) ? token.displayName() : "";
		String username = plugin.usernameTemplate().generate(displayName, name, now);
		plugin.newUser(new DatabasePlugin.NewUser(username, password,
				Json.expiration(now.plusSeconds(ttl + EXPIRATION_BUFFER)), role.creationStatements(),
				role.rollbackStatements()));
		ObjectNode data = Json.object();
		data.put("password", password);
		data.put("username", username);
		ObjectNode internal = Json.object();
		internal.put("db_name", role.dbName());
		internal.set("revocation_statements", Json.strings(role.revocationStatements()));
		internal.put("role", name);
		internal.put("username", username);
		return ApiResponse.leased(data, new SecretLease(Duration.ofSeconds(role.defaultTtl()),
				Duration.ofSeconds(role.maxTtl()), true, internal));
	}

	ApiResponse staticCreds(ApiRequest request, String name) {
		if (!request.isRead()) {
			return DatabaseBackend.unsupportedOperation();
		}
		StaticRole role = this.state.staticRole(name);
		if (role == null) {
			throw DatabaseRequestException.badRequest("unknown role: " + name);
		}
		ConnectionConfig config = this.state.config(role.dbName);
		if (!config.allows(name)) {
			throw new DatabaseException("\"" + name + "\" is not an allowed role");
		}
		return ApiResponse.ok(this.accounts.credentials(role, request.now()));
	}

	/**
	 * Extend the user's validity with the role's renew statements (Vault's {@code secretCredsRenew}).
	 */
	SecretLease renew(LeaseRequest lease) {
		JsonNode internal = lease.internalData();
		if (!internal.path("username").isString()) {
			throw new DatabaseException("secret is missing \"username\" field in internal data");
		}
		if (!internal.path("role").isString()) {
			throw new DatabaseException("secret is missing \"role\" field in internal data");
		}
		String roleName = internal.path("role").asString();
		DynamicRole role = this.state.role(roleName);
		if (role == null) {
			throw new DatabaseException("error during renew: could not find role with name \"" + roleName + "\"");
		}
		DatabasePlugin plugin = this.state.plugin(role.dbName());
		long ttl = LeaseTtl.calculate(this.mount, lease.increment().getSeconds(), role.defaultTtl(), role.maxTtl(),
				lease.issueTime(), lease.now());
		if (ttl > 0) {
			plugin.changeExpiration(internal.path("username").asString(),
					Json.expiration(lease.now().plusSeconds(ttl + EXPIRATION_BUFFER)), role.renewStatements());
		}
		return new SecretLease(Duration.ofSeconds(role.defaultTtl()), Duration.ofSeconds(role.maxTtl()), true,
				lease.internalData());
	}

	/**
	 * Delete the user with the role's revocation statements, or those recorded with the lease if the role is
	 * gone (Vault's {@code secretCredsRevoke}).
	 */
	void revoke(LeaseRequest lease) {
		JsonNode internal = lease.internalData();
		if (!internal.path("username").isString()) {
			throw new DatabaseException("secret is missing username internal data");
		}
		if (!internal.has("role")) {
			throw new DatabaseException("no role name was provided");
		}
		String roleName = internal.path("role").asString();
		DynamicRole role = this.state.role(roleName);
		String dbName;
		List<String> statements;
		if (role != null) {
			dbName = role.dbName();
			statements = role.revocationStatements();
		}
		else {
			if (!internal.path("db_name").isString()) {
				throw new DatabaseException("error during revoke: could not find role with name \"" + roleName
						+ "\" or embedded revocation db name data");
			}
			dbName = internal.path("db_name").asString();
			statements = new ArrayList<>();
			for (JsonNode statement : internal.path("revocation_statements")) {
				statements.add(statement.asString());
			}
		}
		this.state.plugin(dbName).deleteUser(internal.path("username").asString(), statements);
	}

}
