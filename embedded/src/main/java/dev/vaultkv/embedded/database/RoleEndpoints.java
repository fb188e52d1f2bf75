package dev.vaultkv.embedded.database;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.ListPage;

/**
 * {@code roles/<name>} and {@code static-roles/<name>}, as Vault's {@code path_roles.go} serves them.
 * Creating a static role sets its password at once.
 *
 * @author vaultkv
 */
final class RoleEndpoints {

	/** Vault's rotation queue ticks every 5 seconds; shorter periods could not be honoured. */
	private static final long MIN_ROTATION_PERIOD = 5;

	private static final String NOT_UNIQUE = "Role and Static Role names must be unique";

	private final DatabaseState state;

	private final StaticAccounts accounts;

	// OpenBao pages both role lists with after and limit
	private final boolean paginated;

	RoleEndpoints(DatabaseState state, StaticAccounts accounts, boolean paginated) {
		this.state = state;
		this.accounts = accounts;
		this.paginated = paginated;
	}

	ApiResponse listRoles(ApiRequest request) {
		return request.isList() ? DatabaseBackend.keys(page(request).select(this.state.roleNames()))
				: DatabaseBackend.unsupportedOperation();
	}

	ApiResponse listStaticRoles(ApiRequest request) {
		return request.isList() ? DatabaseBackend.keys(page(request).select(this.state.staticRoleNames()))
				: DatabaseBackend.unsupportedOperation();
	}

	private ListPage page(ApiRequest request) {
		if (!this.paginated) {
			return ListPage.ALL;
		}
		try {
			return ListPage.from(request.data());
		}
		catch (IllegalArgumentException ex) {
			throw DatabaseRequestException.badRequest(ex.getMessage());
		}
	}

	ApiResponse role(ApiRequest request, String name) {
		if (request.isRead()) {
			DynamicRole role = this.state.role(name);
			return (role != null) ? ApiResponse.ok(role.toData()) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			return writeRole(new Fields(request.data()), name);
		}
		if (request.isDelete()) {
			this.state.removeRole(name);
			return ApiResponse.noContent();
		}
		return DatabaseBackend.unsupportedOperation();
	}

	private ApiResponse writeRole(Fields fields, String name) {
		if (this.state.staticRole(name) != null) {
			throw DatabaseRequestException.badRequest(NOT_UNIQUE);
		}
		DynamicRole existing = this.state.role(name);
		String dbName = fields.string("db_name", (existing != null) ? existing.dbName() : "");
		if (dbName.isEmpty()) {
			throw DatabaseRequestException.badRequest("database name is required");
		}
		String type = (existing != null) ? existing.credentialType() : CredentialTypes.PASSWORD;
		if (fields.has("credential_type")) {
			type = CredentialTypes.validate(fields.string("credential_type", ""));
		}
		Map<String, String> credentialConfig = fields.keyValues("credential_config");
		if (credentialConfig == null) {
			credentialConfig = (existing != null) ? existing.credentialConfig() : Map.of();
		}
		credentialConfig = CredentialTypes.config(type, credentialConfig);
		List<String> revocation = statements(fields, "revocation_statements",
				(existing != null) ? existing.revocationStatements() : List.of());
		Long defaultTtl = fields.seconds("default_ttl");
		Long maxTtl = fields.seconds("max_ttl");
		DynamicRole role = new DynamicRole(dbName,
				statements(fields, "creation_statements", (existing != null) ? existing.creationStatements() : List.of()),
				revocation.stream().filter((statement) -> !statement.isEmpty()).toList(),
				statements(fields, "rollback_statements", (existing != null) ? existing.rollbackStatements() : List.of()),
				statements(fields, "renew_statements", (existing != null) ? existing.renewStatements() : List.of()),
				(defaultTtl != null) ? defaultTtl : (existing != null) ? existing.defaultTtl() : 0,
				(maxTtl != null) ? maxTtl : (existing != null) ? existing.maxTtl() : 0, type, credentialConfig);
		this.state.putRole(name, role);
		return ApiResponse.noContent();
	}

	private static List<String> statements(Fields fields, String name, List<String> existing) {
		List<String> given = fields.stringSlice(name);
		return (given != null) ? given : existing;
	}

	ApiResponse staticRole(ApiRequest request, String name) {
		if (request.isRead()) {
			StaticRole role = this.state.staticRole(name);
			return (role != null) ? ApiResponse.ok(this.accounts.read(role)) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			return writeStaticRole(new Fields(request.data()), name, request.now());
		}
		if (request.isDelete()) {
			this.state.removeStaticRole(name);
			return ApiResponse.noContent();
		}
		return DatabaseBackend.unsupportedOperation();
	}

	private ApiResponse writeStaticRole(Fields fields, String name, Instant now) {
		if (this.state.role(name) != null) {
			throw DatabaseRequestException.badRequest(NOT_UNIQUE);
		}
		StaticRole existing = this.state.staticRole(name);
		boolean create = existing == null;
		String dbName = fields.string("db_name", create ? "" : existing.dbName);
		if (dbName.isEmpty()) {
			throw DatabaseRequestException.badRequest("database name is a required field");
		}
		String username = fields.string("username", "");
		if (username.isEmpty() && create) {
			throw DatabaseRequestException.badRequest("username is a required field to create a static account");
		}
		if (!create && !existing.username.equals(username)) {
			throw DatabaseRequestException.badRequest("cannot update static account username");
		}
		Long period = fields.seconds("rotation_period");
		if (period == null && create) {
			throw DatabaseRequestException.badRequest("rotation_period is required to create static accounts");
		}
		if (period != null && period < MIN_ROTATION_PERIOD) {
			throw DatabaseRequestException
				.badRequest("rotation_period must be " + MIN_ROTATION_PERIOD + " seconds or more");
		}
		String type = create ? CredentialTypes.PASSWORD : existing.credentialType;
		if (fields.has("credential_type")) {
			type = CredentialTypes.validate(fields.string("credential_type", ""));
		}
		Map<String, String> credentialConfig = fields.keyValues("credential_config");
		if (credentialConfig == null) {
			credentialConfig = create ? Map.of() : existing.credentialConfig;
		}
		credentialConfig = CredentialTypes.config(type, credentialConfig);
		List<String> rotation = statements(fields, "rotation_statements",
				create ? List.of() : existing.rotationStatements);
		if (create) {
			StaticRole role = new StaticRole(dbName, username, period, rotation, type, credentialConfig);
			// the password is set before the role exists: a failure leaves no role behind
			this.accounts.rotate(name, role, now);
			this.state.putStaticRole(name, role);
			return ApiResponse.noContent();
		}
		this.accounts.update(existing, dbName, period, rotation, type, credentialConfig);
		return ApiResponse.noContent();
	}

}
